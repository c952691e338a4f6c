"""What the article page says beside the text: the "not medical advice" line and, for print, its full address."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_article_says_it_is_not_medical_advice(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert '<p class="medical-disclaimer"><strong>This information is not medical advice.</strong>' in html


def test_the_printed_page_carries_the_articles_full_address(client, settings):
    settings.ALLOWED_HOSTS = ["voices.example.org"]
    article = ArticleFactory(slug="immune-cells")
    html = client.get(article.get_absolute_url(), HTTP_HOST="voices.example.org", secure=True).content.decode()
    assert (
        '<p class="print-only print-address">Read online at https://voices.example.org/articles/immune-cells/</p>'
        in html
    )
