"""Long lists page by ids with cached totals (articles.discovery.listing): readers must still see every
change an editor makes at once, and never an article that is no longer public."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus
from tests import editing
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("articles:article_list")


@pytest.fixture
def without_page_cache(settings):
    """The lists' own guarantees, beneath the page cache (which keeps a page until a change goes
    through the write path or its lifetime ends: see articles/public/page_cache.py)."""
    settings.PAGE_CACHE_ENABLED = False


def page_text(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_publishing_a_thirteenth_article_adds_a_second_page_at_once(client):
    ArticleFactory.create_batch(12)
    draft = ArticleFactory(draft=True)
    assert "Page 1 of" not in page_text(client, LIST_URL)
    editing.publish(draft)
    assert "Page 1 of 2" in page_text(client, LIST_URL)


def test_unpublishing_an_article_removes_the_extra_page_at_once(client):
    articles = ArticleFactory.create_batch(13)
    assert "Page 1 of 2" in page_text(client, LIST_URL)
    editing.unpublish(articles[0])
    assert "Page 1 of" not in page_text(client, LIST_URL)


def test_a_topic_added_to_articles_counts_on_the_topic_page_at_once(client):
    topic = TopicFactory()
    ArticleFactory.create_batch(12, topics=[topic])
    assert "Page 1 of" not in page_text(client, topic.get_absolute_url())
    editing.edit(ArticleFactory(), topics=[topic])
    assert "Page 1 of 2" in page_text(client, topic.get_absolute_url())


def test_a_byline_added_later_counts_on_the_author_page_at_once(client):
    author = AuthorFactory()
    ArticleFactory.create_batch(12, authors=[author])
    assert "Page 1 of" not in page_text(client, author.get_absolute_url())
    editing.edit(ArticleFactory(), authors=[author])
    assert "Page 1 of 2" in page_text(client, author.get_absolute_url())


def test_a_far_page_shows_the_right_articles_in_order(client):
    now = timezone.now()
    for day in range(30):
        ArticleFactory(title=f"Article from {day} days ago", published_at=now - timedelta(days=day))
    body = page_text(client, LIST_URL, page=3)
    assert "Page 3 of 3" in body
    shown = [f"Article from {day} days ago" for day in range(24, 30)]
    positions = [body.index(title) for title in shown]
    assert positions == sorted(positions)
    assert "Article from 23 days ago" not in body


def test_an_article_withdrawn_behind_the_sites_back_is_never_listed(client, without_page_cache):
    ArticleFactory(title="Still public")
    withdrawn = ArticleFactory(title="Withdrawn quietly")
    assert "Withdrawn quietly" in page_text(client, LIST_URL)
    # QuerySet.update() saves no model, so nothing refreshes the cached total.
    Article.objects.filter(pk=withdrawn.pk).update(status=ArticleStatus.UNPUBLISHED)
    body = page_text(client, LIST_URL)
    assert "Still public" in body
    assert "Withdrawn quietly" not in body


def test_a_scheduled_article_is_listed_once_its_time_comes(client, time_machine):
    ArticleFactory(title="Already out")
    ArticleFactory(title="Coming on Friday", scheduled=True)
    assert "Coming on Friday" not in page_text(client, LIST_URL)
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert "Coming on Friday" in page_text(client, LIST_URL)


def test_related_reading_drops_an_article_withdrawn_behind_the_sites_back(client, without_page_cache):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(title="Withdrawn quietly", topics=[topic])
    assert "Withdrawn quietly" in page_text(client, article.get_absolute_url())
    Article.objects.filter(title="Withdrawn quietly").update(status=ArticleStatus.UNPUBLISHED)
    assert "Withdrawn quietly" not in page_text(client, article.get_absolute_url())


def test_related_reading_offers_a_newly_published_article_at_once(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    draft = ArticleFactory(title="Fresh from the lab", topics=[topic], draft=True)
    assert "Fresh from the lab" not in page_text(client, article.get_absolute_url())
    editing.publish(draft)
    assert "Fresh from the lab" in page_text(client, article.get_absolute_url())


def test_a_search_never_shows_an_article_withdrawn_behind_the_sites_back(client, without_page_cache):
    ArticleFactory(title="Withdrawn quietly", body="Neutrophils.")
    Article.objects.filter(title="Withdrawn quietly").update(status=ArticleStatus.UNPUBLISHED)
    assert "Withdrawn quietly" not in page_text(client, reverse("articles:search"), q="neutrophils")


def test_an_edited_headline_shows_on_the_list_at_once(client):
    article = ArticleFactory(title="Placeholder headline")
    assert "Placeholder headline" in page_text(client, LIST_URL)
    editing.edit(article, title="How neutrophils help cancer spread")
    body = page_text(client, LIST_URL)
    assert "How neutrophils help cancer spread" in body
    assert "Placeholder headline" not in body


def test_a_renamed_author_shows_on_the_cards_at_once(client):
    author = AuthorFactory(name="Ada Placeholder")
    topic = TopicFactory()
    ArticleFactory(authors=[author], topics=[topic])
    assert "Ada Placeholder" in page_text(client, topic.get_absolute_url())
    editing.save(author, name="Ada Lovelace")
    body = page_text(client, topic.get_absolute_url())
    assert "Ada Lovelace" in body
    assert "Ada Placeholder" not in body


def test_a_list_page_seen_before_reads_only_its_ids(client, without_page_cache, django_assert_num_queries):
    ArticleFactory.create_batch(13, authors=[AuthorFactory(), AuthorFactory()])
    first = page_text(client, LIST_URL, page=2)
    with django_assert_num_queries(1):
        assert page_text(client, LIST_URL, page=2) == first
