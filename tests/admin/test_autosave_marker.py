"""The admin forms that autosave in the browser carry a key naming the signed-in user and the page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

SCRIPT = "js/editor-autosave.js"


def marker(username, path):
    return f'<div id="autosave" class="autosave" data-autosave-key="rv-autosave:{username}:{path}"></div>'


@pytest.mark.parametrize(
    "url_name, make",
    [
        ("admin:articles_article_change", lambda: ArticleFactory(draft=True)),
        ("admin:articles_author_change", AuthorFactory),
        ("admin:articles_donationlink_change", DonationLinkFactory),
    ],
)
def test_change_forms_carry_the_autosave_key_and_script(editor_client, url_name, make):
    path = reverse(url_name, args=[make().pk])
    page = editor_client.get(path).content.decode()
    assert marker("editor", path) in page
    assert SCRIPT in page


def test_add_form_key_is_per_user(client, django_user_model):
    from tests.conftest import make_staff

    client.force_login(make_staff(django_user_model, "o'neil", "Editors"))
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert marker("o&#x27;neil", reverse("admin:articles_article_add")) in page


def test_public_pages_store_nothing():
    article = ArticleFactory()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert 'id="autosave"' not in page
    assert SCRIPT not in page
