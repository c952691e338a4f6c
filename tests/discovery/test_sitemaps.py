"""sitemap.xml and robots.txt: what search engines are told about."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.discovery.sitemaps import ArticleSitemap
from articles.models import SitePage
from articles.models.pages import FOOTER_PAGES
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITEMAP_URL = reverse("sitemap")


def sitemap_root(client, url=SITEMAP_URL):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own response, in a test


def locations(root):
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_the_sitemap_is_a_urlset(client):
    assert sitemap_root(client).tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


def test_every_url_entry_has_a_location(client):
    ArticleFactory.create_batch(2)
    root = sitemap_root(client)
    assert all(url.find("sm:loc", NS) is not None for url in root.findall("sm:url", NS))


def test_published_articles_are_listed(client):
    article = ArticleFactory()
    assert f"http://testserver{article.get_absolute_url()}" in locations(sitemap_root(client))


def test_articles_carry_their_last_change_date(client):
    article = ArticleFactory()
    root = sitemap_root(client)
    url = f"http://testserver{article.get_absolute_url()}"
    entry = next(entry for entry in root.findall("sm:url", NS) if entry.find("sm:loc", NS).text == url)
    assert entry.find("sm:lastmod", NS).text == article.updated_at.date().isoformat()


@pytest.mark.parametrize("hidden", [{"draft": True}, {"scheduled": True}])
def test_unpublished_articles_are_not_listed(client, hidden):
    article = ArticleFactory(**hidden)
    assert f"http://testserver{article.get_absolute_url()}" not in locations(sitemap_root(client))


def test_authors_with_published_articles_are_listed(client):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    assert f"http://testserver{author.get_absolute_url()}" in locations(sitemap_root(client))


def test_authors_with_only_drafts_are_not_listed(client):
    author = AuthorFactory()
    ArticleFactory(authors=[author], draft=True)
    assert f"http://testserver{author.get_absolute_url()}" not in locations(sitemap_root(client))


def test_topics_with_published_articles_are_listed(client):
    topic = TopicFactory()
    ArticleFactory(topics=[topic])
    assert f"http://testserver{topic.get_absolute_url()}" in locations(sitemap_root(client))


def test_empty_topics_are_not_listed(client):
    topic = TopicFactory()
    assert f"http://testserver{topic.get_absolute_url()}" not in locations(sitemap_root(client))


def test_the_sites_own_pages_are_listed_with_their_last_change(client):
    page = SitePage.objects.get(slug="how-we-write")
    root = sitemap_root(client)
    url = f"http://testserver{page.get_absolute_url()}"
    footer = {f"http://testserver{reverse('articles:site_page', kwargs={'slug': slug})}" for slug, _ in FOOTER_PAGES}
    assert footer <= set(locations(root))
    entry = next(entry for entry in root.findall("sm:url", NS) if entry.find("sm:loc", NS).text == url)
    assert entry.find("sm:lastmod", NS).text == page.updated_at.date().isoformat()


def test_past_the_url_limit_the_sitemap_becomes_an_index(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(3)
    assert sitemap_root(client).tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"


def test_the_index_points_at_every_page_of_articles(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(3)
    listed = [loc.text for loc in sitemap_root(client).findall("sm:sitemap/sm:loc", NS)]
    assert [url for url in listed if "articles" in url] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
    ]


def test_a_section_page_lists_its_articles(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(3)
    root = sitemap_root(client, reverse("sitemap_section", kwargs={"section": "articles"}) + "?p=2")
    assert len(locations(root)) == 1


def test_the_sitemap_query_count_is_fixed(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(10, topics=[TopicFactory()])
    # A count and a page per section (the site pages: 11 and 12), whatever the data.
    with django_assert_max_num_queries(12):
        client.get(SITEMAP_URL)


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get(reverse("robots_txt")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body.splitlines()


@pytest.mark.parametrize("path", ["/admin/", "/search/", "/editor/"])
def test_robots_txt_keeps_crawlers_out_of(client, path):
    body = client.get(reverse("robots_txt")).content.decode()
    assert f"Disallow: {path}" in body.splitlines()


def test_robots_txt_is_plain_text(client):
    assert client.get(reverse("robots_txt"))["Content-Type"] == "text/plain; charset=utf-8"
