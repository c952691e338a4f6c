"""The article page can be served from a shared cache: it sets no cookie and holds nothing per visitor."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_article_page_with_its_feedback_form_sets_no_cookie_and_has_no_csrf_token():
    article = ArticleFactory()
    reader = Client(enforce_csrf_checks=True)
    response = reader.get(article.get_absolute_url())
    html = response.content.decode()
    assert (
        f'<form class="feedback__form" method="post" action="{reverse("articles:feedback", args=[article.slug])}">'
        in html
    )
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in html
    assert "Cookie" not in response.get("Vary", "")


def test_two_readers_get_the_same_page():
    article = ArticleFactory()
    first, second = Client().get(article.get_absolute_url()), Client().get(article.get_absolute_url())
    assert first.content == second.content


def test_a_staff_preview_does_not_show_the_feedback_form(editor_client):
    draft = ArticleFactory(draft=True)
    html = editor_client.get(draft.get_absolute_url()).content.decode()
    assert "This is a draft." in html
    assert "feedback__form" not in html
