"""Real XSS strings in donation texts and in ``?from=`` never reach the reader as markup."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests import editing
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def payload_sample(xss_payloads):
    """Every 100th payload short enough for a call to action: some 65 real attack strings."""
    return [payload for payload in xss_payloads if "<" in payload and len(payload) <= 200][::100]


def test_call_to_action_payloads_are_shown_as_text(client, payload_sample):
    link = DonationLinkFactory(is_default=True)
    article = ArticleFactory()
    leaked = []
    for payload in payload_sample:
        editing.save(link, call_to_action=payload)
        html = client.get(article.get_absolute_url()).content.decode()
        if f'<p class="donation-box__text">{escape(payload)}</p>' not in html:
            leaked.append(payload)
    assert leaked == []


def test_from_payloads_never_reach_the_redirect(client, payload_sample):
    link = DonationLinkFactory()
    url = reverse("articles:donate", args=[link.pk])
    targets = {client.get(url, {"from": payload}, HTTP_USER_AGENT=BROWSER)["Location"] for payload in payload_sample}
    assert targets == {
        "https://breastcancernow.org/donate/?utm_source=research-voices&utm_medium=website"
        f"&utm_campaign={link.campaign}"
    }
