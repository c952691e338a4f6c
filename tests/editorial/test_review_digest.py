"""``send_review_digest``: a daily email to Publishers of what is overdue or due soon for review."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from tests import editing
from tests.conftest import make_staff
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

DEC_4 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(DEC_4, tick=False) as traveller:
        yield traveller


@pytest.fixture
def people(django_user_model):
    return {
        "publisher": make_staff(django_user_model, "publisher", "Publishers"),
        "editor": make_staff(django_user_model, "editor", "Editors"),
    }


def reviewed_on(day, title):
    article = ArticleFactory(health=True, title=title)
    with time_machine.travel(datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)):
        editing.review(article, [ReviewerFactory()])
    return article


def run(*args):
    out = StringIO()
    call_command("send_review_digest", *args, stdout=out)
    return out.getvalue()


def test_publishers_get_one_email_listing_overdue_and_due_soon(frozen, people):
    reviewed_on(date(2024, 11, 1), "Neutrophils and spread")
    reviewed_on(date(2024, 12, 30), "Dormant cells")
    reviewed_on(date(2025, 6, 1), "Not due yet")
    output = run()
    assert "Sent the review digest to 1 Publisher(s)." in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["publisher@example.org"]
    assert message.subject == "Reviews: 1 overdue, 1 due within 60 days"
    assert "- Neutrophils and spread: overdue by 33 days (due 1 November 2026)" in message.body
    assert "- Dormant cells: due in 26 days (due 30 December 2026)" in message.body
    assert "Not due yet" not in message.body
    assert "http://127.0.0.1:8000/admin/articles/article/reviews/" in message.body


def test_nothing_due_sends_nothing(frozen, people):
    reviewed_on(date(2026, 1, 1), "Reviewed this year")
    assert "no email sent" in run()
    assert mail.outbox == []


def test_days_ahead_can_be_chosen(frozen, people):
    reviewed_on(date(2025, 6, 1), "Due in June")
    run("--days", "200")
    assert "Due in June" in mail.outbox[0].body


def test_a_failed_send_fails_the_command_for_cron_to_report(frozen, people, monkeypatch):
    from articles.editorial import review_due

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr(review_due, "send_mail", refuse)
    reviewed_on(date(2024, 11, 1), "Overdue")
    with pytest.raises(CommandError, match="Could not send the review digest"):
        run()
