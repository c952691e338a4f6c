"""Editing donation links and topic campaigns in the admin."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from articles.models import DonationClickCount, DonationLink, Topic
from tests.factories import DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db

ADD_LINK = reverse("admin:articles_donationlink_add")


def link_form(**overrides):
    """The add-link form as an editor fills it in."""
    return {
        "name": "New appeal",
        "call_to_action": "Give",
        "button_label": "Donate",
        "url": "https://breastcancernow.org/donate/",
        "campaign": "new-appeal",
        "is_active": "on",
        **overrides,
    }


def test_ticking_site_default_hands_over_from_the_old_default(editor_client):
    old = DonationLinkFactory(is_default=True)
    response = editor_client.post(ADD_LINK, link_form(is_default="on"))
    assert response.status_code == 302
    old.refresh_from_db()
    assert not old.is_default
    assert DonationLink.objects.default().name == "New appeal"


def test_http_link_is_refused_with_the_reason(editor_client):
    response = editor_client.post(ADD_LINK, link_form(url="http://breastcancernow.org/donate/"))
    assert "Donation links must start with https://" in response.content.decode()


def test_topic_can_be_given_a_campaign(admin_client):
    link = DonationLinkFactory()
    topic = TopicFactory(name="Immune system", slug="immunology")
    admin_client.post(
        reverse("admin:articles_topic_change", args=[topic.pk]),
        {"name": "Immune system", "slug": "immunology", "description": "", "donation_link": link.pk},
    )
    assert Topic.objects.get(pk=topic.pk).donation_link == link


def test_link_form_offers_campaign_dates(admin_client):
    html = admin_client.get(reverse("admin:articles_donationlink_add")).content.decode()
    assert 'name="starts_at_0"' in html


def test_campaign_ending_before_it_starts_is_explained_in_the_admin(admin_client):
    dates = {"starts_at_0": "10/11/2026", "starts_at_1": "12:00", "ends_at_0": "01/11/2026", "ends_at_1": "12:00"}
    response = admin_client.post(ADD_LINK, link_form(**dates))
    assert "The campaign must end after it starts." in response.content.decode()


def test_deleting_a_link_with_click_history_is_refused_and_keeps_the_figures(admin_client):
    link = DonationLinkFactory()
    DonationClickCount.objects.create(day=date(2026, 11, 5), link=link, clicks=3)
    admin_client.post(reverse("admin:articles_donationlink_delete", args=[link.pk]), {"post": "yes"})
    assert DonationClickCount.objects.get().clicks == 3


def test_link_list_shows_when_a_campaign_runs(admin_client):
    DonationLinkFactory(starts_at=datetime(2026, 11, 1, 9, tzinfo=UTC), ends_at=datetime(2027, 1, 31, 18, tzinfo=UTC))
    html = admin_client.get(reverse("admin:articles_donationlink_changelist")).content.decode()
    assert '<td class="field-campaign_period">1 Nov 2026 – 31 Jan 2027</td>' in html


def test_link_list_says_an_undated_link_always_runs(admin_client):
    DonationLinkFactory()
    html = admin_client.get(reverse("admin:articles_donationlink_changelist")).content.decode()
    assert '<td class="field-campaign_period">Always</td>' in html
