import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_the_featured_article_latest_articles_and_default_donation_call(client):
    DonationLinkFactory(is_default=True, call_to_action="Fund the next discovery")
    featured = ArticleFactory(title="Featured piece", featured=True, published_at=timezone.now() - timedelta(days=9))
    latest = ArticleFactory(title="Newest piece")
    html = page(client, reverse("articles:home"))
    assert re.search(r'<h3 class="featured__title"><a href="[^"]+">Featured piece</a></h3>', html)
    assert f'<a href="{latest.get_absolute_url()}">Newest piece</a>' in html
    assert html.count(featured.get_absolute_url()) == 1
    assert "Fund the next discovery" in html


def test_home_without_a_featured_article_features_the_newest(client):
    ArticleFactory(title="Older", published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(title="Newest")
    html = page(client, reverse("articles:home"))
    assert re.search(r'class="featured__title"><a href="[^"]+">Newest</a>', html)


def test_empty_site_home_page_still_works(client):
    assert "More articles are on their way." in page(client, reverse("articles:home"))


def test_article_list_is_newest_first_with_standfirst_author_and_date(client):
    author = AuthorFactory(honorific="Dr", name="Seth Coffelt")
    london = timezone.get_current_timezone()
    ArticleFactory(title="Older", published_at=datetime(2026, 1, 2, 12, tzinfo=london))
    ArticleFactory(
        title="Newer",
        standfirst="Immune cells can help.",
        authors=[author],
        published_at=datetime(2026, 3, 4, 12, tzinfo=london),
    )
    html = page(client, reverse("articles:article_list"))
    assert html.index("Newer") < html.index("Older")
    assert "Immune cells can help." in html
    assert "Dr Seth Coffelt" in html
    assert '<time datetime="2026-03-04T12:00:00+00:00">4 March 2026</time>' in html


def test_article_list_pages_by_twelve(client):
    for days in range(13):
        ArticleFactory(title=f"Article aged {days}", published_at=timezone.now() - timedelta(days=days, hours=1))
    first = page(client, reverse("articles:article_list"))
    second = page(client, reverse("articles:article_list") + "?page=2")
    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 1
    assert "Article aged 12<" in second
    assert 'rel="next"' in first


def test_page_beyond_the_last_is_not_found(client):
    ArticleFactory()
    assert client.get(reverse("articles:article_list") + "?page=9").status_code == 404
    assert client.get(reverse("articles:article_list") + "?page=abc").status_code == 404


def test_article_page_has_everything_a_reader_needs(client):
    first = AuthorFactory(
        honorific="Dr",
        name="Seth Coffelt",
        role="Group Leader",
        affiliation="University of Glasgow",
        funder="Funded by Breast Cancer Now",
    )
    second = AuthorFactory(honorific="", name="Priya Raman")
    topic = TopicFactory(name="Immune system")
    link = DonationLinkFactory(call_to_action="Stop the spread", button_label="Give today")
    article = ArticleFactory(
        title="Immune cells and spread",
        standfirst="A short summary.",
        body="## What we found\n\nNeutrophils matter." + " word" * 600,
        authors=[first, second],
        topics=[topic],
        donation_link=link,
        hero_image=upload(image_bytes(size=(800, 450))),
        hero_alt="Cells under a microscope",
        hero_caption="Immune cells gather.",
        hero_credit="PA",
        published_at=timezone.now() - timedelta(days=10),
    )
    html = page(client, article.get_absolute_url())
    assert html.count("<h1") == 1
    assert '<h1 class="article__title">Immune cells and spread</h1>' in html
    assert '<p class="standfirst">A short summary.</p>' in html
    assert f'<a class="byline__name" href="{first.get_absolute_url()}">Dr Seth Coffelt</a>' in html
    assert '<span class="byline__role">Group Leader, University of Glasgow</span>' in html
    assert f'<a class="byline__name" href="{second.get_absolute_url()}">Priya Raman</a>' in html
    assert '<p class="byline__funder">Funded by Breast Cancer Now</p>' in html
    assert re.search(r'alt="Cells under a microscope" width="800" height="450"', html)
    assert '<figcaption>Immune cells gather. <span class="credit">Image: PA</span></figcaption>' in html
    assert re.search(r"Published <time datetime=\"[^\"]+\">", html)
    assert re.search(r"· Updated <time datetime=\"[^\"]+\">", html)
    assert "3-minute read" in html
    assert '<h2 id="section-what-we-found">What we found</h2>' in html
    assert f'<a href="{topic.get_absolute_url()}">Immune system</a>' in html
    assert "Stop the spread" in html
    assert ">Give today<" in html
    assert "Funded by Breast Cancer Now" in html
    assert "About the authors" in html


def test_article_page_offers_three_related_articles(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    for _ in range(4):
        ArticleFactory(topics=[topic])
    html = page(client, article.get_absolute_url())
    related = html[html.index('id="related-heading"') :]
    assert related.count('class="card"') == 3


def test_article_without_optional_parts_renders_cleanly(client):
    article = ArticleFactory(topics=[])
    html = page(client, article.get_absolute_url())
    assert "<figure" not in html
    assert 'class="donation-box"' not in html
    assert "Read more" not in html


def test_author_list_shows_researchers_with_roles(client):
    author = AuthorFactory(
        honorific="Dr", name="Seth Coffelt", role="Group Leader", affiliation="University of Glasgow"
    )
    ArticleFactory(authors=[author])
    html = page(client, reverse("articles:author_list"))
    assert f'<a href="{author.get_absolute_url()}">Dr Seth Coffelt</a>' in html
    assert "Group Leader, University of Glasgow" in html


def test_author_page_shows_profile_bio_links_and_articles(client):
    author = AuthorFactory(
        honorific="Dr",
        name="Seth Coffelt",
        funder="Funded by Breast Cancer Now",
        bio="Leads a **lab**.",
        website="https://lab.example.org/",
        orcid="0000-0002-1825-0097",
        photo=upload(image_bytes()),
        photo_alt="Seth Coffelt smiling",
    )
    article = ArticleFactory(title="His article", authors=[author])
    html = page(client, author.get_absolute_url())
    assert '<h1 class="page-title">Dr Seth Coffelt</h1>' in html
    assert "Leads a <strong>lab</strong>." in html
    assert 'alt="Seth Coffelt smiling"' in html
    assert 'href="https://lab.example.org/"' in html
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in html
    assert "Funded by Breast Cancer Now" in html
    assert f'<a href="{article.get_absolute_url()}">His article</a>' in html


def test_topic_page_lists_its_published_articles(client):
    topic = TopicFactory(name="Secondary breast cancer", description="How cancer spreads.")
    on_topic = ArticleFactory(title="On topic", topics=[topic])
    ArticleFactory(title="Off topic")
    html = page(client, topic.get_absolute_url())
    assert '<h1 class="page-title">Secondary breast cancer</h1>' in html
    assert "How cancer spreads." in html
    assert on_topic.title in html
    assert "Off topic" not in html


def test_unknown_pages_get_the_friendly_not_found_page(client):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/authors/no-such-author/").status_code == 404


def test_server_error_page_is_standalone_and_friendly():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, something went wrong on our side" in html
    assert 'lang="en-GB"' in html


@pytest.mark.parametrize("url_name", ["articles:home", "articles:article_list", "articles:author_list"])
def test_pages_have_landmarks_skip_link_and_language(client, url_name):
    html = page(client, reverse(url_name))
    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert "<footer" in html
    assert html.count("<h1") == 1


def test_templates_have_no_inline_script_or_style(client):
    ArticleFactory()
    html = page(client, reverse("articles:home"))
    assert re.findall(r'<script(?! type="application/ld\+json">)', html) == []  # JSON-LD is data, not script
    assert "style=" not in html


def test_author_page_pages_a_prolific_authors_articles_by_twelve(client):
    author = AuthorFactory()
    for days in range(13):
        ArticleFactory(authors=[author], published_at=timezone.now() - timedelta(days=days, hours=1))
    first = page(client, author.get_absolute_url())
    second = page(client, author.get_absolute_url() + "?page=2")
    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 1
    assert '<h1 class="page-title">' in second
