"""The site default donation link cannot be switched off, so no page loses its donation call."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import DonationLink
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db


def _form(link, **changes):
    data = {
        "name": link.name,
        "call_to_action": link.call_to_action,
        "button_label": link.button_label,
        "url": link.url,
        "campaign": link.campaign,
        "is_default": "on",
        "is_active": "on",
        "starts_at_0": "",
        "starts_at_1": "",
        "ends_at_0": "",
        "ends_at_1": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at_0": "01/01/2020", "ends_at_1": "12:00"}, "ends_at"),
        ({"starts_at_0": "01/01/2020", "starts_at_1": "12:00"}, "starts_at"),
        ({"starts_at_0": "01/01/2090", "starts_at_1": "12:00"}, "starts_at"),
        ({"is_active": None}, "is_active"),
    ],
)
def test_editor_cannot_switch_the_default_off_and_is_told_why(editor_client, changes, field):
    link = DonationLinkFactory(is_default=True)
    url = reverse("admin:articles_donationlink_change", args=[link.pk])
    response = editor_client.post(url, _form(link, **changes))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors[field])
    assert "site default" in errors
    link.refresh_from_db()
    assert link.is_live()


def test_model_validation_refuses_dates_on_the_default():
    link = DonationLinkFactory.build(is_default=True, ends_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError, match="cannot have campaign dates"):
        link.full_clean()


def test_default_changed_without_the_form_is_still_shown():
    link = DonationLinkFactory(is_default=True)
    DonationLink.objects.filter(pk=link.pk).update(is_active=False, ends_at=timezone.now() - timedelta(days=1))
    assert DonationLink.objects.default() == link
    assert ArticleFactory().donation_call() == link


@time_machine.travel("2026-12-04 12:00:00+00:00", tick=False)
def test_article_page_keeps_its_donation_box_when_the_default_was_dated(client):
    link = DonationLinkFactory(is_default=True)
    DonationLink.objects.filter(pk=link.pk).update(ends_at=timezone.now() - timedelta(days=1))
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert reverse("articles:donate", args=[link.pk]) in html
