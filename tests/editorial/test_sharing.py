"""Share links: valid, expired, withdrawn, after publishing, tampered; created by Publishers only."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.editorial import changes
from articles.editorial.sharing import create_share_link, share_url
from articles.models import ShareLink
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:articles_sharelink_add")


@pytest.fixture
def link(draft, publisher_user):
    return create_share_link(draft, publisher_user, days=7, shared_with="The author")


def test_valid_link_shows_the_draft(client, link):
    assert "A draft about tumour dormancy" in client.get(share_url(link)).content.decode()


def test_valid_link_shows_the_shared_preview_banner(client, link):
    assert "This is a private preview." in client.get(share_url(link)).content.decode()


def test_valid_link_is_not_indexed(client, link):
    assert client.get(share_url(link)).headers["X-Robots-Tag"] == "noindex, nofollow"


def test_valid_link_is_never_cached(client, link):
    assert "no-store" in client.get(share_url(link)).headers["Cache-Control"]


def test_valid_link_does_not_leak_its_address_as_referrer(client, link):
    assert client.get(share_url(link)).headers["Referrer-Policy"] == "no-referrer"


def test_link_address_works_for_nothing_else(client, link, draft):
    other = ArticleFactory(draft=True, title="Another draft")
    html = client.get(share_url(link)).content.decode()
    assert other.title not in html


def test_link_is_read_only(client, link):
    assert client.post(share_url(link), {"title": "Changed"}).status_code == 405


def test_expired_link_answers_410(client, link):
    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=1)):
        assert client.get(share_url(link)).status_code == 410


def test_link_still_works_just_before_it_expires(client, link):
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert client.get(share_url(link)).status_code == 200


def test_expired_link_page_does_not_show_the_draft(client, link):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert "tumour dormancy" not in client.get(share_url(link)).content.decode()


def test_withdrawn_link_answers_410(client, link):
    changes.withdraw_share_links(None, ShareLink.objects.filter(pk=link.pk))
    assert client.get(share_url(link)).status_code == 410


def test_withdrawn_link_explains_itself(client, link):
    changes.withdraw_share_links(None, ShareLink.objects.filter(pk=link.pk))
    assert "This preview link no longer works" in client.get(share_url(link)).content.decode()


def test_link_redirects_to_the_public_address_once_published(client, link, draft):
    changes.publish(None, draft)
    assert client.get(share_url(link)).headers["Location"] == draft.get_absolute_url()


def test_link_to_a_scheduled_article_keeps_working_until_its_time(client, draft, publisher_user):
    changes.schedule(None, draft, timezone.now() + timedelta(hours=2))
    link = create_share_link(draft, publisher_user, days=1)
    assert client.get(share_url(link)).status_code == 200


def test_tampered_signature_is_refused(client, link):
    url = share_url(link)
    tampered = url[:-2] + ("A" if url[-2] != "A" else "B") + "/"
    assert client.get(tampered).status_code == 404


def test_token_without_its_signature_is_refused(client, link):
    assert client.get(reverse("articles:shared_preview", kwargs={"signed_token": link.token})).status_code == 404


def test_signed_guess_at_a_token_is_refused(client, link):
    from articles.editorial.sharing import SIGNER

    url = reverse("articles:shared_preview", kwargs={"signed_token": SIGNER.sign("guessed-token")})
    assert client.get(url).status_code == 404


def test_publisher_creates_a_link_for_a_chosen_number_of_days(publisher_client, draft):
    publisher_client.post(ADD_URL, {"article": draft.pk, "shared_with": "Author", "days": 3})
    link = ShareLink.objects.get()
    assert timedelta(days=3) - (link.expires_at - timezone.now()) < timedelta(minutes=1)


def test_creating_a_link_shows_its_address(publisher_client, draft):
    response = publisher_client.post(ADD_URL, {"article": draft.pk, "days": 3}, follow=True)
    address = share_url(ShareLink.objects.get())
    assert any(address in str(message) for message in response.context["messages"])


def test_link_lifetime_is_limited(publisher_client, draft):
    response = publisher_client.post(ADD_URL, {"article": draft.pk, "days": 365})
    assert "Ensure this value is less than or equal to 30." in response.content.decode()


def test_no_link_for_an_article_that_is_already_public(publisher_client):
    article = ArticleFactory()
    response = publisher_client.post(ADD_URL, {"article": article.pk, "days": 3})
    assert "This article is already public" in response.content.decode()


def test_publisher_withdraws_links_in_bulk(publisher_client, link):
    publisher_client.post(
        reverse("admin:articles_sharelink_changelist"), {"action": "withdraw", "_selected_action": [link.pk]}
    )
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_editor_cannot_create_a_link(editor_client, draft):
    editor_client.post(ADD_URL, {"article": draft.pk, "days": 3})
    assert not ShareLink.objects.exists()


def test_editor_cannot_withdraw_a_link(editor_client, link):
    editor_client.post(
        reverse("admin:articles_sharelink_changelist"), {"action": "withdraw", "_selected_action": [link.pk]}
    )
    link.refresh_from_db()
    assert link.revoked_at is None
