"""The editor's live panel endpoint (articles/admin/editor_stats.py): who may ask, and what any text gets back."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, WorkingCopy
from tests.conftest import make_staff
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

STATS = "/admin/articles/article/editor-stats/"
GOOD = {"title": "Immune cells", "standfirst": "What the article is about.", "body": "## Findings\n\nCells move."}


def test_the_panel_posts_where_the_admin_routes_it():
    assert reverse("admin:articles_article_editor_stats") == STATS


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(STATS, GOOD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_article_permissions_are_refused_in_json(client, django_user_model):
    client.force_login(make_staff(django_user_model, "no-role"))
    response = client.post(STATS, GOOD)
    assert response.status_code == 403
    assert response.json() == {"error": "You do not have permission to edit articles."}


def test_a_get_is_refused(editor_client):
    assert editor_client.get(STATS).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(editor_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor_user)
    assert browser.post(STATS, GOOD).status_code == 403


def test_an_editor_gets_figures_and_problems(editor_client):
    body = "### Results\n\nWe looked at [here](https://example.org/) cells. " + "Cells move in the blood. " * 30
    data = editor_client.post(STATS, {**GOOD, "body": body}).json()
    assert data["words"] == 1 + 5 + 5 * 30  # "Results", "We looked at here cells", then the sentences
    assert data["reading_minutes"] == 1
    assert data["reading_age"] == {"years": 8, "formula": "SMOG"}  # SMOG never goes below grade 3
    assert data["reading_age_target"] == 14
    codes = [problem["code"] for problem in data["problems"]]
    assert codes == ["skipped-heading-level", "vague-link-text", "no-sources"]  # errors first, then warnings
    assert [problem["level"] for problem in data["problems"]] == ["error", "error", "warning"]
    assert (data["long_sentence_words"], data["long_paragraph_words"]) == (25, 100)
    assert data["long_paragraphs"] == 1


def test_fields_not_sent_come_from_the_article_being_edited(editor_client):
    article = ArticleFactory(standfirst="")
    data = editor_client.post(STATS, {"article": str(article.pk), "body": "## Fine\n\nText."}).json()
    assert [problem["code"] for problem in data["problems"]] == ["no-standfirst", "no-sources"]


def test_a_live_articles_panel_reads_its_working_copy_and_changes_nothing(editor_client):
    article = ArticleFactory(body="## Live\n\nLive text.")
    before = Article.objects.values().get(pk=article.pk)
    data = editor_client.post(
        STATS, {"article": str(article.pk), "body": "Typed, not saved. [click here](https://x.org/)"}
    )
    assert [problem["code"] for problem in data.json()["problems"]] == ["vague-link-text", "no-sources"]
    assert Article.objects.values().get(pk=article.pk) == before
    assert not WorkingCopy.objects.exists()


@pytest.mark.parametrize("article", ["abc", "-1", "1 OR 1=1", "9" * 40, "١٢"])
def test_a_malformed_article_number_is_refused_in_json(editor_client, article):
    response = editor_client.post(STATS, {**GOOD, "article": article})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_an_unknown_or_binned_article_is_not_found(editor_client):
    from tests import editing

    binned = editing.delete_article(ArticleFactory())
    for pk in (binned.pk, 999_999):
        assert editor_client.post(STATS, {**GOOD, "article": str(pk)}).status_code == 404


def test_text_over_the_limit_is_refused_with_the_reason(editor_client):
    response = editor_client.post(STATS, {**GOOD, "body": "word " * 7000})
    assert response.status_code == 400
    assert "the limit is 30,000" in response.json()["error"]


def test_hostile_text_in_every_field_comes_back_as_json_data(editor_client, xss_payloads):
    # The panel shows messages with textContent; the endpoint must answer JSON (never HTML) and not fail.
    for payload in xss_payloads[:300]:
        fields = {"title": payload[:200], "standfirst": payload[:300], "body": f"## {payload}\n\n#### {payload}"}
        response = editor_client.post(STATS, fields)
        assert response.status_code in (200, 400), payload
        assert response["Content-Type"] == "application/json"
        json.loads(response.content)  # parses; the payload is inside strings at most


def test_hostile_heading_text_is_quoted_in_the_message_as_plain_text(editor_client):
    body = "## A\n\n#### <img src=x onerror=alert(1)>Dose"
    problems = editor_client.post(STATS, {**GOOD, "body": body}).json()["problems"]
    # The sanitiser dropped the handler and the foreign address; what remains of the heading is words.
    assert problems[0]["message"].startswith("The heading “Dose” (####) skips a level")
