"""Readers' email addresses are kept only as long as it takes to answer them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Feedback
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def answer(article, days_ago, email="reader@example.org", comment="Clear, thank you."):
    row = Feedback.objects.create(article=article, useful=True, comment=comment, email=email)
    Feedback.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return row


def forget(*args):
    out = StringIO()
    call_command("forget_feedback_emails", *args, stdout=out)
    return out.getvalue()


def test_addresses_older_than_the_retention_period_are_removed_and_the_answers_kept(settings):
    settings.FEEDBACK_EMAIL_RETENTION_DAYS = 90
    article = ArticleFactory()
    old, recent = answer(article, days_ago=91), answer(article, days_ago=89)
    assert "Removed 1 email address(es) from feedback older than 90 days." in forget()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.comment, old.useful) == ("", "Clear, thank you.", True)
    assert recent.email == "reader@example.org"


def test_the_period_can_be_given_for_one_run():
    article = ArticleFactory()
    row = answer(article, days_ago=8)
    forget("--older-than-days", "7")
    row.refresh_from_db()
    assert row.email == ""
