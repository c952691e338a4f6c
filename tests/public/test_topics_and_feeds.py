"""/topics/ (every topic with its number of articles) and /feeds/ (what a reader can follow)."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests import editing
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db

TOPICS_URL = reverse("articles:topic_list")
FEEDS_URL = reverse("articles:feed_list")


def topic_counts(client):
    html = client.get(TOPICS_URL).content.decode()
    return re.findall(r'<a href="[^"]+">([^<]+)</a></h2>\s*<p class="topic-list__count">([^<]+)</p>', html)


def test_every_topic_is_listed_with_its_published_articles_counted(client):
    immune, screening, trials = (TopicFactory(name=name) for name in ("Immune system", "Screening", "Trials"))
    ArticleFactory.create_batch(2, topics=[immune])
    ArticleFactory(topics=[immune, screening])
    ArticleFactory(topics=[screening], draft=True)
    ArticleFactory(topics=[screening], scheduled=True)
    assert topic_counts(client) == [
        ("Immune system", "3 articles"),
        ("Screening", "1 article"),
        ("Trials", "No articles yet"),
    ]


def test_a_new_article_counts_at_once(client):
    topic = TopicFactory(name="Screening")
    draft = ArticleFactory(topics=[topic], draft=True)
    assert topic_counts(client) == [("Screening", "No articles yet")]
    editing.publish(draft)
    assert topic_counts(client) == [("Screening", "1 article")]


def test_each_topic_links_to_its_page(client):
    topic = TopicFactory(name="Screening")
    assert f'<a href="{topic.get_absolute_url()}">Screening</a>' in client.get(TOPICS_URL).content.decode()


def queries_for(django_assert_num_queries, client, url, expected):
    cache.clear()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", [TOPICS_URL, FEEDS_URL])
def test_the_number_of_queries_does_not_grow_with_topics_or_articles(client, django_assert_num_queries, settings, url):
    """One query counts every topic's articles; a second visit reads the cache.

    (The view's own queries: the page cache, which would answer with none, is off here.)"""
    settings.PAGE_CACHE_ENABLED = False
    topic = TopicFactory()
    ArticleFactory(topics=[topic])
    queries_for(django_assert_num_queries, client, url, 1)
    for _ in range(8):
        ArticleFactory(topics=TopicFactory.create_batch(3) + [topic])
    queries_for(django_assert_num_queries, client, url, 1)
    with django_assert_num_queries(0):
        client.get(url)


def test_the_header_links_to_topics(client):
    html = client.get(reverse("articles:home")).content.decode()
    assert f'<a href="{TOPICS_URL}">Topics</a>' in html
    assert f'<a href="{TOPICS_URL}" aria-current="page">Topics</a>' in client.get(TOPICS_URL).content.decode()


def feed_links(html):
    return dict(re.findall(r'<a href="([^"]+)" type="application/(?:rss|atom)\+xml">(.*?)</a>', html))


def test_the_feeds_page_links_the_site_feeds_and_each_topics_feeds(client):
    screening = TopicFactory(name="Screening", slug="screening")
    ArticleFactory(topics=[screening])
    TopicFactory(name="Trials", slug="trials")
    links = feed_links(client.get(FEEDS_URL).content.decode())
    assert links == {
        reverse("articles:feed_rss"): "All articles (RSS)",
        reverse("articles:feed_atom"): "All articles (Atom)",
        "/topics/screening/feed/rss/": 'RSS<span class="visually-hidden"> feed for Screening</span>',
        "/topics/screening/feed/atom/": 'Atom<span class="visually-hidden"> feed for Screening</span>',
        "/topics/trials/feed/rss/": 'RSS<span class="visually-hidden"> feed for Trials</span>',
        "/topics/trials/feed/atom/": 'Atom<span class="visually-hidden"> feed for Trials</span>',
    }
    for url in links:
        assert client.get(url).status_code == 200, url


def test_a_topic_page_offers_its_feeds(client):
    topic = TopicFactory(slug="screening")
    ArticleFactory(topics=[topic])
    links = feed_links(client.get(topic.get_absolute_url()).content.decode())
    assert links == {"/topics/screening/feed/rss/": "RSS", "/topics/screening/feed/atom/": "Atom"}


@pytest.mark.parametrize("url_name", ["articles:home", "articles:topic_list"])
def test_the_feeds_page_can_be_found(client, url_name):
    assert f'href="{FEEDS_URL}"' in client.get(reverse(url_name)).content.decode()


def test_the_sitemap_lists_the_topics_and_feeds_pages(client):
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert f"<loc>http://testserver{TOPICS_URL}</loc>" in sitemap
    assert f"<loc>http://testserver{FEEDS_URL}</loc>" in sitemap
