"""“Read more”: manual picks first, then the closest published articles."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.discovery.related import related_reading
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles(articles):
    return [article.title for article in articles]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_more_shared_topics_rank_higher():
    a, b = TopicFactory(), TopicFactory()
    article = ArticleFactory(topics=[a, b])
    ArticleFactory(title="One shared", topics=[a], published_at=days_ago(1))
    ArticleFactory(title="Two shared", topics=[a, b], published_at=days_ago(5))
    assert titles(related_reading(article)) == ["Two shared", "One shared"]


def test_a_shared_author_counts_like_a_shared_topic():
    topic, author = TopicFactory(), AuthorFactory()
    article = ArticleFactory(topics=[topic], authors=[author])
    ArticleFactory(title="Topic only", topics=[topic], published_at=days_ago(1))
    ArticleFactory(title="Topic and author", topics=[topic], authors=[author], published_at=days_ago(5))
    assert titles(related_reading(article)) == ["Topic and author", "Topic only"]


def test_an_article_by_the_same_author_is_related_without_a_shared_topic():
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    ArticleFactory(title="Same author", authors=[author])
    assert titles(related_reading(article)) == ["Same author"]


def test_equals_come_newest_first():
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(title="Older", topics=[topic], published_at=days_ago(9))
    ArticleFactory(title="Newer", topics=[topic], published_at=days_ago(2))
    assert titles(related_reading(article)) == ["Newer", "Older"]


def test_manual_picks_come_first():
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory(title="Automatic", topics=[topic, TopicFactory()])
    pick = ArticleFactory(title="Editor's pick")
    article.related_articles.add(pick)
    assert titles(related_reading(article)) == ["Editor's pick", "Automatic"]


def test_an_article_is_never_related_to_itself():
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    article.related_articles.add(article)
    assert related_reading(article) == []


@pytest.mark.parametrize("hidden", [{"draft": True}, {"scheduled": True}])
def test_unpublished_articles_are_never_related(hidden):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    hidden_article = ArticleFactory(topics=[topic], **hidden)
    article.related_articles.add(hidden_article)
    assert related_reading(article) == []


def test_unrelated_articles_are_not_suggested():
    article = ArticleFactory(topics=[TopicFactory()])
    ArticleFactory(topics=[TopicFactory()])
    assert related_reading(article) == []


def test_at_most_three_are_shown():
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    ArticleFactory.create_batch(5, topics=[topic])
    assert len(related_reading(article)) == 3


def test_each_suggestion_appears_once():
    topics = [TopicFactory(), TopicFactory()]
    author = AuthorFactory()
    article = ArticleFactory(topics=topics, authors=[author, AuthorFactory()])
    ArticleFactory(topics=topics, authors=[author])
    assert len(related_reading(article)) == 1
