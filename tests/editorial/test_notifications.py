"""Workflow email: Publishers hear of submissions, submitters of decisions; a mail failure never breaks a save."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from articles.models import ArticleStatus, WorkingCopy
from tests.conftest import make_staff
from tests.editorial.forms import press
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down.")


@pytest.fixture
def publisher(publisher_user):
    client = Client()
    client.force_login(publisher_user)
    return client


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="Dormant cells")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_publishers_are_told_of_a_submission(editor_client, publisher_user, django_user_model, draft):
    make_staff(django_user_model, "second-publisher", "Publishers")
    mail.outbox.clear()
    press(editor_client, draft, "submit")
    assert recipients() == ["publisher@example.org", "second-publisher@example.org"]
    assert "Dormant cells" in mail.outbox[0].subject
    assert reverse("admin:articles_article_change", args=[draft.pk]) in mail.outbox[0].body


def test_editors_are_not_told_of_a_submission(editor_client, django_user_model, draft):
    make_staff(django_user_model, "other-editor", "Editors")
    mail.outbox.clear()
    press(editor_client, draft, "submit")
    assert "other-editor@example.org" not in recipients()


def test_the_submitter_is_told_when_it_is_published(editor_client, publisher, draft):
    press(editor_client, draft, "submit")
    mail.outbox.clear()
    publisher.post(reverse("admin:articles_article_publish", args=[draft.pk]))
    assert recipients() == ["editor@example.org"]
    assert mail.outbox[0].subject == "Published: Dormant cells"


def test_the_submitter_is_told_when_their_changes_are_published(editor_client, publisher):
    live = ArticleFactory(title="Live findings")
    press(editor_client, live, "submit", title="Live findings, revised")
    mail.outbox.clear()
    publisher.post(reverse("admin:articles_article_changes", args=[live.pk]), {"_action": "publish"})
    assert recipients() == ["editor@example.org"]


def test_the_submitter_is_told_when_it_is_sent_back(editor_client, publisher, draft):
    press(editor_client, draft, "submit")
    mail.outbox.clear()
    publisher.post(reverse("admin:articles_article_send_back", args=[draft.pk]), {"comment": "Shorter, please."})
    assert recipients() == ["editor@example.org"]
    assert "Shorter, please." in mail.outbox[0].body


def test_a_publisher_publishing_their_own_work_gets_no_email(publisher, publisher_user, draft):
    mail.outbox.clear()
    publisher.post(reverse("admin:articles_article_publish", args=[draft.pk]))
    assert mail.outbox == []


def test_a_refused_action_sends_nothing(editor_client, draft):
    mail.outbox.clear()
    editor_client.post(reverse("admin:articles_article_publish", args=[draft.pk]))
    assert mail.outbox == []


def test_a_failing_mail_server_never_breaks_the_submission(editor_client, publisher_user, settings, draft):
    settings.EMAIL_BACKEND = "tests.editorial.test_notifications.BrokenBackend"
    response = press(editor_client, draft, "submit", title="Dormant cells, revised")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Dormant cells, revised", ArticleStatus.IN_REVIEW)


def test_a_failing_mail_server_never_breaks_publishing_or_sending_back(editor_client, publisher, settings):
    settings.EMAIL_BACKEND = "tests.editorial.test_notifications.BrokenBackend"
    first, second = ArticleFactory(draft=True), ArticleFactory(title="Live findings")
    press(editor_client, first, "submit")
    press(editor_client, second, "submit", title="Live findings, revised")
    assert publisher.post(reverse("admin:articles_article_publish", args=[first.pk])).status_code == 302
    first.refresh_from_db()
    assert first.status == ArticleStatus.PUBLISHED
    publisher.post(reverse("admin:articles_article_send_back", args=[second.pk]), {"comment": "Check the figures."})
    assert WorkingCopy.objects.get(article=second).status == "editing"
