import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_article_page_shows_headline(client):
    article = ArticleFactory(title="Neutrophils and spread")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert '<h1 class="article__title">Neutrophils and spread</h1>' in response.content.decode()
