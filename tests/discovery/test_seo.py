"""Canonical URLs, social cards and JSON-LD on every public page."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import editing
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def structured_data(html):
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def of_type(html, schema_type):
    return next(item for item in structured_data(html) if item["@type"] == schema_type)


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.fixture
def public_pages():
    topic = TopicFactory()
    author = AuthorFactory()
    article = ArticleFactory(authors=[author], topics=[topic])
    return [
        reverse("articles:home"),
        reverse("articles:article_list"),
        reverse("articles:author_list"),
        article.get_absolute_url(),
        author.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("articles:search") + "?q=cells",
    ]


def test_every_public_page_has_a_canonical_url(client, public_pages):
    for url in public_pages:
        assert f'<link rel="canonical" href="http://testserver{url.split("?")[0]}">' in page(client, url), url


@pytest.mark.parametrize(
    ("attribute", "name"),
    [
        ("name", "description"),
        ("property", "og:title"),
        ("property", "og:description"),
        ("property", "og:image"),
        ("property", "og:image:alt"),
        ("name", "twitter:card"),
        ("name", "twitter:image:alt"),
    ],
)
def test_every_public_page_has_the_social_tag(client, public_pages, attribute, name):
    for url in public_pages:
        assert meta(page(client, url), attribute, name), url


def test_every_public_page_below_home_has_breadcrumbs_of_two_items_or_more(client, public_pages):
    for url in public_pages[1:]:
        crumbs = of_type(page(client, url), "BreadcrumbList")["itemListElement"]
        assert [crumb["position"] for crumb in crumbs][:2] == [1, 2], url


def test_a_topics_breadcrumbs_pass_through_the_list_of_topics(client):
    topic = TopicFactory(name="Immunology")
    ArticleFactory(topics=[topic])
    crumbs = of_type(page(client, topic.get_absolute_url()), "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs][1:] == ["Topics", "Immunology"]
    assert crumbs[1]["item"] == "http://testserver" + reverse("articles:topic_list")


def test_home_page_has_no_one_item_breadcrumb_list(client, public_pages):
    """Google's rules need two items or more; the home page has only itself."""
    types = [item["@type"] for item in structured_data(page(client, reverse("articles:home")))]
    assert types == ["WebPage"]


def test_a_paginated_list_keeps_its_page_number_in_the_canonical_url(client):
    ArticleFactory.create_batch(13)
    html = page(client, reverse("articles:article_list") + "?page=2&utm_source=x")
    assert '<link rel="canonical" href="http://testserver/articles/?page=2">' in html


def test_an_article_is_a_news_article(client):
    article = ArticleFactory(title="Neutrophils on the move")
    assert of_type(page(client, article.get_absolute_url()), "NewsArticle")["headline"] == "Neutrophils on the move"


def test_a_news_article_names_its_authors_as_people(client):
    author = AuthorFactory(name="Ada Lovelace", honorific="", affiliation="University of Leeds")
    article = ArticleFactory(authors=[author])
    authors = of_type(page(client, article.get_absolute_url()), "NewsArticle")["author"]
    assert authors == [
        {
            "@type": "Person",
            "name": "Ada Lovelace",
            "url": f"http://testserver{author.get_absolute_url()}",
            "jobTitle": "Group Leader",
            "affiliation": {"@type": "Organization", "name": "University of Leeds"},
        }
    ]


def test_a_news_article_has_a_publisher_with_a_logo(client):
    article = ArticleFactory()
    publisher = of_type(page(client, article.get_absolute_url()), "NewsArticle")["publisher"]
    assert publisher["logo"]["url"] == "http://testserver/static/img/logo.svg"


def test_a_news_article_has_its_dates(client):
    article = ArticleFactory()
    data = of_type(page(client, article.get_absolute_url()), "NewsArticle")
    assert data["datePublished"][:10] == article.published_at.date().isoformat()


def test_a_title_cannot_close_the_json_ld_block(client):
    article = ArticleFactory(title='Cells </script><script>alert("x")</script>')
    html = page(client, article.get_absolute_url())
    assert of_type(html, "NewsArticle")["headline"] == article.title


def test_xss_payloads_in_titles_stay_inside_the_data(client, xss_payloads):
    article = ArticleFactory()
    for payload in xss_payloads[::300]:
        article = editing.edit(article, title=payload[:200])
        html = page(client, article.get_absolute_url())
        assert of_type(html, "NewsArticle")["headline"] == article.title, payload


def test_editors_can_override_the_seo_title(client):
    article = ArticleFactory(title="A long headline", seo_title="Short title")
    assert meta(page(client, article.get_absolute_url()), "property", "og:title") == "Short title"


def test_editors_can_override_the_description(client):
    article = ArticleFactory(seo_description="For search engines.")
    assert meta(page(client, article.get_absolute_url()), "name", "description") == "For search engines."


def test_the_standfirst_is_the_default_description(client):
    article = ArticleFactory(standfirst="What we found.")
    assert meta(page(client, article.get_absolute_url()), "property", "og:description") == "What we found."


def test_editors_can_choose_a_social_image_with_its_description(client, settings, tmp_path):
    from PIL import Image

    path = tmp_path / "card.png"
    Image.new("RGB", (40, 21), "purple").save(path)
    article = ArticleFactory(
        social_image=SimpleUploadedFile("card.png", path.read_bytes(), content_type="image/png"),
        social_image_alt="A purple card",
    )
    html = page(client, article.get_absolute_url())
    assert meta(html, "property", "og:image:alt") == "A purple card"


def test_an_author_page_is_a_profile_page(client):
    author = AuthorFactory(name="Ada Lovelace", honorific="")
    ArticleFactory(authors=[author])
    assert of_type(page(client, author.get_absolute_url()), "ProfilePage")["mainEntity"]["name"] == "Ada Lovelace"


def test_a_profile_page_links_the_orcid_record(client):
    author = AuthorFactory(orcid="0000-0002-1825-0097")
    ArticleFactory(authors=[author])
    person = of_type(page(client, author.get_absolute_url()), "ProfilePage")["mainEntity"]
    assert person["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]


def test_article_breadcrumbs_go_home_articles_article(client):
    article = ArticleFactory(title="Neutrophils")
    crumbs = of_type(page(client, article.get_absolute_url()), "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Research Voices", "Articles", "Neutrophils"]


def test_a_draft_has_no_page_and_so_no_metadata(client):
    article = ArticleFactory(draft=True)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_related_drafts_never_reach_the_json_ld(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(title="Secret draft title", topics=[topic], draft=True)
    assert "Secret draft title" not in page(client, article.get_absolute_url())


def test_search_results_are_marked_noindex(client):
    assert '<meta name="robots" content="noindex, follow">' in page(client, reverse("articles:search") + "?q=x")
