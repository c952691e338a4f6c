"""Lean pages: the article page and its related reading read only the columns they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.discovery.related import related_reading
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_related_reading_reads_no_article_text_and_no_biographies():
    author = AuthorFactory(bio="A long biography. " * 200)
    article = ArticleFactory(authors=[author])
    ArticleFactory.create_batch(3, authors=[author], body="A long article. " * 500)
    with CaptureQueriesContext(connection) as captured:
        related = related_reading(article)
    assert len(related) == 3
    sql = " ".join(query["sql"] for query in captured)
    assert '"body"' not in sql and '"body_html"' not in sql
    assert '"bio"' not in sql and '"bio_html"' not in sql
    assert {"body", "body_html"} <= related[0].get_deferred_fields()
    assert [writer.display_name for writer in related[0].ordered_authors] == [author.display_name]


def test_the_article_page_reads_neither_its_markdown_nor_its_authors_biographies(client):
    author = AuthorFactory(bio="A long biography. " * 200)
    article = ArticleFactory(authors=[author], body="A long article. " * 500)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in captured)
    assert '"body_html"' in sql  # what the page shows
    assert '"articles_article"."body"' not in sql
    assert '"bio"' not in sql and '"bio_html"' not in sql
