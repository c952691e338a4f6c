"""The editor's live preview and save refuse Markdown that is too long or too complex, with the reason.

Before: a deeply nested list answered 500 on preview and on save; a 20 KB preview of
brackets kept a worker busy until gunicorn killed it.
"""

import pytest
from django.urls import reverse

from articles.content.rendering import MARKDOWN_MAX_CHARS
from articles.models import Article
from tests.admin.test_admin import article_form
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/editor/markdownify/"
NESTED_LIST = "- " * 14_000 + "item"
BRACKETS = "[a" * 10_000  # The attacker's 20 KB preview.


@pytest.mark.parametrize("content", [NESTED_LIST, BRACKETS])
def test_preview_of_too_complex_markdown_is_refused_with_the_reason(editor_client, content):
    response = editor_client.post(PREVIEW, {"content": content})
    assert response.status_code == 400
    # markdownx puts whatever we answer into the preview pane, so the reason is shown there.
    assert "Preview not updated: This text is too complex to format" in response.content.decode()


def test_preview_of_too_long_markdown_is_refused_with_the_limit(editor_client):
    response = editor_client.post(PREVIEW, {"content": "a" * (MARKDOWN_MAX_CHARS + 1)})
    assert response.status_code == 400
    assert f"the limit is {MARKDOWN_MAX_CHARS:,}" in response.content.decode()


def test_preview_refusal_is_escaped(editor_client):
    response = editor_client.post(PREVIEW, {"content": "<script>alert(1)</script>" + "[" * 5_000})
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("body", "reason"),
    [(NESTED_LIST, "too complex to format"), ("a" * (MARKDOWN_MAX_CHARS + 1), f"the limit is {MARKDOWN_MAX_CHARS:,}")],
)
def test_saving_an_article_with_unformattable_markdown_is_a_form_error(editor_client, body, reason):
    response = editor_client.post(reverse("admin:articles_article_add"), article_form(AuthorFactory(), body=body))
    assert response.status_code == 200
    assert reason in " ".join(response.context["adminform"].form.errors["body"])
    assert not Article.objects.exists()


def test_saving_an_author_bio_with_unformattable_markdown_is_a_form_error(editor_client):
    data = {"name": "Ana Lopez", "slug": "ana-lopez", "bio": BRACKETS, "photo_alt": "", "website": "", "orcid": ""}
    response = editor_client.post(reverse("admin:articles_author_add"), data)
    assert response.status_code == 200
    assert "too complex to format" in " ".join(response.context["adminform"].form.errors["bio"])
