"""RSS and Atom feeds: valid, complete, and showing published articles only."""

import feedparser
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITE_FEEDS = [reverse("articles:feed_rss"), reverse("articles:feed_atom")]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_site_feeds_parse_without_errors(client, url):
    ArticleFactory(topics=[TopicFactory()])
    assert parsed(client, url).bozo == 0


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_site_feed_entries_carry_the_title(client, url):
    ArticleFactory(title="Neutrophils on the move")
    assert parsed(client, url).entries[0].title == "Neutrophils on the move"


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_site_feed_entries_carry_the_standfirst_as_summary(client, url):
    ArticleFactory(standfirst="Why some cells travel.")
    assert parsed(client, url).entries[0].summary == "Why some cells travel."


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_site_feed_entries_carry_the_full_content(client, url):
    ArticleFactory(body="The **whole** story of the study.")
    assert "<strong>whole</strong>" in parsed(client, url).entries[0].content[0].value


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_content_is_sanitised(client, url):
    ArticleFactory(body='Text <script>alert("x")</script> <img src=x onerror=alert(1)>')
    content = parsed(client, url).entries[0].content[0].value
    assert "<script" not in content and "onerror" not in content


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_entries_name_every_author(client, url):
    ArticleFactory(authors=[AuthorFactory(name="Ada Lovelace", honorific=""), AuthorFactory(name="Mary Somerville")])
    names = [author.get("name") for author in parsed(client, url).entries[0].authors]
    assert names == ["Ada Lovelace", "Dr Mary Somerville"]


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_entries_carry_topics_as_categories(client, url):
    ArticleFactory(topics=[TopicFactory(name="Immunology")])
    assert [tag.term for tag in parsed(client, url).entries[0].tags] == ["Immunology"]


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_entries_have_a_stable_id(client, url):
    article = ArticleFactory()
    article.slug = "a-new-address"
    article.save()
    assert parsed(client, url).entries[0].id == f"urn:research-voices:article:{article.pk}"


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_entries_carry_the_publication_date(client, url):
    article = ArticleFactory()
    assert parsed(client, url).entries[0].published_parsed[:3] == article.published_at.utctimetuple()[:3]


@pytest.mark.parametrize("url", SITE_FEEDS)
@pytest.mark.parametrize("hidden", [{"draft": True}, {"scheduled": True}])
def test_unpublished_articles_stay_out_of_feeds(client, url, hidden):
    ArticleFactory(title="Not yet", **hidden)
    assert parsed(client, url).entries == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_topic_feed_lists_only_that_topic(client, kind):
    topic = TopicFactory()
    ArticleFactory(title="On topic", topics=[topic])
    ArticleFactory(title="Off topic")
    feed = parsed(client, reverse(f"articles:topic_feed_{kind}", kwargs={"slug": topic.slug}))
    assert [entry.title for entry in feed.entries] == ["On topic"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_author_feed_lists_only_their_published_articles(client, kind):
    author = AuthorFactory()
    ArticleFactory(title="By them", authors=[author])
    ArticleFactory(title="Their draft", authors=[author], draft=True)
    ArticleFactory(title="By someone else")
    feed = parsed(client, reverse(f"articles:author_feed_{kind}", kwargs={"slug": author.slug}))
    assert [entry.title for entry in feed.entries] == ["By them"]


def test_an_author_with_only_drafts_has_no_feed(client):
    author = AuthorFactory()
    ArticleFactory(authors=[author], draft=True)
    response = client.get(reverse("articles:author_feed_rss", kwargs={"slug": author.slug}))
    assert response.status_code == 404


def test_an_unknown_topic_has_no_feed(client):
    response = client.get(reverse("articles:topic_feed_atom", kwargs={"slug": "no-such-topic"}))
    assert response.status_code == 404


def test_every_page_links_the_site_feed(client):
    body = client.get(reverse("articles:article_list")).content.decode()
    link = (
        '<link rel="alternate" type="application/rss+xml" title="Research Voices: all articles (RSS)" '
        f'href="{SITE_FEEDS[0]}">'
    )
    assert link in body


def test_a_topic_page_links_its_feed(client):
    topic = TopicFactory()
    body = client.get(topic.get_absolute_url()).content.decode()
    assert f'href="{reverse("articles:topic_feed_atom", kwargs={"slug": topic.slug})}"' in body


def test_an_author_page_links_their_feed(client):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    body = client.get(author.get_absolute_url()).content.decode()
    assert f'href="{reverse("articles:author_feed_rss", kwargs={"slug": author.slug})}"' in body


def test_the_feed_query_count_does_not_grow_with_entries(client, django_assert_max_num_queries):
    topic = TopicFactory()
    ArticleFactory.create_batch(15, topics=[topic])
    with django_assert_max_num_queries(4):
        client.get(SITE_FEEDS[0])
