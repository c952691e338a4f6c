"""Which answers the page cache keeps and serves, and which it never does."""

import pytest
from django.urls import reverse

from tests.caching.helpers import cache_tags, fetch, reader, served_from_cache
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    DonationLinkFactory(is_default=True)
    topic = TopicFactory(name="Immunotherapy")
    author = AuthorFactory(name="Morag Quinn")
    ArticleFactory(authors=[author], topics=[topic])
    return ArticleFactory(title="Dormant cells wake slowly", authors=[author], topics=[topic])


def public_pages(article):
    topic, author = article.topics.first(), article.ordered_authors[0]
    return {
        "home": reverse("articles:home"),
        "article list": reverse("articles:article_list"),
        "article": article.get_absolute_url(),
        "author list": reverse("articles:author_list"),
        "author": author.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "search": reverse("articles:search") + "?q=immune",
        "feed": reverse("articles:feed_rss"),
        "topic feed": reverse("articles:topic_feed_atom", kwargs={"slug": topic.slug}),
        "author feed": reverse("articles:author_feed_rss", kwargs={"slug": author.slug}),
        "sitemap": reverse("sitemap"),
        "robots": reverse("robots_txt"),
    }


def test_every_public_page_is_served_from_the_cache_the_second_time(article):
    browser = reader()
    for name, url in public_pages(article).items():
        first, queries = fetch(browser, url)
        assert first.status_code == 200, name
        assert queries > 0 or name == "robots", name
        second, queries = fetch(browser, url)
        assert queries == 0, f"{name} was not served from the cache"
        assert second.content == first.content, name
        assert second["Content-Type"] == first["Content-Type"], name


def test_cached_pages_say_what_they_show_in_a_cache_tag_header(article):
    browser = reader()
    page = browser.get(article.get_absolute_url())
    author, topic = article.ordered_authors[0], article.topics.first()
    assert {f"article:{article.pk}", f"author:{author.pk}", f"topic:{topic.pk}", "donation:default"} <= cache_tags(page)
    assert {"lists", f"article:{article.pk}"} <= cache_tags(browser.get(reverse("articles:home")))
    assert f"topic:{topic.pk}" in cache_tags(browser.get(topic.get_absolute_url()))
    assert "search" in cache_tags(browser.get(reverse("articles:search") + "?q=immune"))
    assert "sitemap" in cache_tags(browser.get(reverse("sitemap")))


def test_a_tracking_parameter_from_a_shared_link_is_still_a_hit(article):
    browser = reader()
    browser.get(article.get_absolute_url())
    assert served_from_cache(browser, article.get_absolute_url() + "?fbclid=IwAR3xyz&utm_source=facebook")
