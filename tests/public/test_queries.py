"""Pages make a fixed number of SQL queries, however many authors, topics or related articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db

DETAIL_LIMIT = 8
LIST_LIMIT = 5


def article_with(count):
    DonationLinkFactory(is_default=True)
    authors = AuthorFactory.create_batch(count)
    topics = TopicFactory.create_batch(count)
    article = ArticleFactory(authors=authors, topics=topics)
    for _ in range(count):
        ArticleFactory(authors=authors, topics=topics)
    article.related_articles.set(ArticleFactory.create_batch(count, authors=authors))
    return article


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        lambda a: a.get_absolute_url(),
        lambda a: reverse("articles:home"),
        lambda a: reverse("articles:article_list"),
        lambda a: a.topics.first().get_absolute_url(),
        lambda a: reverse("articles:author_list"),
        lambda a: a.ordered_authors[0].get_absolute_url(),
    ],
    ids=["article", "home", "article-list", "topic", "author-list", "author"],
)
def test_query_count_does_not_grow_with_the_data(client, url):
    small = queries_for(client, url(article_with(1)))
    ArticleFactory._meta.model.objects.all().delete()
    large = queries_for(client, url(article_with(10)))
    assert small == large


def test_article_page_stays_within_its_query_budget(client, django_assert_max_num_queries):
    article = article_with(10)
    with django_assert_max_num_queries(DETAIL_LIMIT):
        client.get(article.get_absolute_url())


@pytest.mark.parametrize("url_name", ["articles:home", "articles:article_list", "articles:author_list"])
def test_list_pages_stay_within_their_query_budget(client, django_assert_max_num_queries, url_name):
    article_with(10)
    with django_assert_max_num_queries(LIST_LIMIT):
        client.get(reverse(url_name))


def test_topic_and_author_pages_stay_within_the_list_budget(client, django_assert_max_num_queries):
    article = article_with(10)
    for url in (article.topics.first().get_absolute_url(), article.ordered_authors[0].get_absolute_url()):
        with django_assert_max_num_queries(LIST_LIMIT):
            client.get(url)
