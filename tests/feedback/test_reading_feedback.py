"""Staff read readers' answers per article in the admin and in the review summary; hostile text stays text."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.feedback.summary import feedback_summary
from articles.models import Feedback
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def answer(article, useful=True, comment="", days_ago=0, email=""):
    row = Feedback.objects.create(article=article, useful=useful, comment=comment, email=email)
    Feedback.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return row


@pytest.fixture
def hostile(xss_payloads):
    """Attack strings that carry markup, short enough to be shown whole in the admin list."""
    return [payload for payload in xss_payloads if "<" in payload and len(payload) <= 100][:40]


def test_the_admin_lists_one_articles_answers(editor_client):
    mine, other = ArticleFactory(), ArticleFactory()
    answer(mine, comment="Clear and kind")
    answer(other, comment="About something else")
    listed = editor_client.get(reverse("admin:articles_feedback_changelist"), {"article__id__exact": mine.pk})
    html = listed.content.decode()
    assert listed.status_code == 200
    assert "Clear and kind" in html
    assert "About something else" not in html


def test_hostile_comments_are_escaped_in_the_admin_list_and_answer_page(editor_client, hostile):
    article = ArticleFactory()
    rows = [answer(article, comment=payload) for payload in hostile]
    listed = editor_client.get(reverse("admin:articles_feedback_changelist"), {"all": ""}).content.decode()
    for payload in hostile:
        assert payload not in listed
        assert escape(payload) in listed
    shown = editor_client.get(reverse("admin:articles_feedback_change", args=[rows[0].pk])).content.decode()
    assert hostile[0] not in shown
    assert escape(hostile[0]) in shown


def test_nobody_can_edit_an_answer(client, django_user_model):
    article = ArticleFactory()
    row = answer(article, comment="As sent")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-1"))
    url = reverse("admin:articles_feedback_change", args=[row.pk])
    client.post(url, {"article": article.pk, "useful": "", "comment": "Rewritten"})
    assert Feedback.objects.get().comment == "As sent"


def test_the_summary_counts_answers_and_gives_the_latest_comments_first():
    article, other = ArticleFactory(), ArticleFactory()
    for days, comment in enumerate(["newest", "", "older", "oldest", "much older", "too old to show", "the oldest"]):
        answer(article, useful=days % 3 != 0, comment=comment, days_ago=days)
    answer(other, useful=False, comment="Not this article")
    summary = feedback_summary(article)
    assert (summary.useful, summary.not_useful, summary.total) == (4, 3, 7)
    assert [row.comment for row in summary.recent_comments] == [
        "newest",
        "older",
        "oldest",
        "much older",
        "too old to show",
    ]
    assert summary.list_url == f"{reverse('admin:articles_feedback_changelist')}?article__id__exact={article.pk}"


def test_the_summary_takes_two_queries(django_assert_num_queries):
    article = ArticleFactory()
    for _ in range(3):
        answer(article, comment="Fine")
    with django_assert_num_queries(2):
        feedback_summary(article)


def test_the_summary_block_escapes_comments(hostile):
    article = ArticleFactory()
    answer(article, useful=False, comment=hostile[0])
    html = render_to_string("admin/includes/feedback_summary.html", {"summary": feedback_summary(article)})
    assert "0 found it useful, 1 did not (1 answer)." in html
    assert hostile[0] not in html
    assert escape(hostile[0]) in html


def test_the_summary_block_says_when_there_is_no_answer():
    html = render_to_string("admin/includes/feedback_summary.html", {"summary": feedback_summary(ArticleFactory())})
    assert "No reader has answered" in html
