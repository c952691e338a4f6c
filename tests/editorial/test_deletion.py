"""Deleting something public pages rely on is refused with the reason."""

import pytest
from django.urls import reverse

from articles.models import Author, DonationLink
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_author_with_articles_explains_why_not(editor_client):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    response = editor_client.get(reverse("admin:articles_author_delete", args=[author.pk]))
    page = response.content.decode()
    assert "cannot be deleted." in page
    assert "Change those first, then delete it." in page


def test_confirming_the_delete_of_an_author_with_articles_keeps_the_author(editor_client):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    editor_client.post(reverse("admin:articles_author_delete", args=[author.pk]), {"post": "yes"})
    assert Author.objects.filter(pk=author.pk).exists()


def test_bulk_deleting_an_author_with_articles_keeps_the_author(editor_client):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    editor_client.post(
        reverse("admin:articles_author_changelist"),
        {"action": "delete_selected", "_selected_action": [author.pk], "post": "yes"},
    )
    assert Author.objects.filter(pk=author.pk).exists()


def test_author_without_articles_can_be_deleted(editor_client):
    author = AuthorFactory()
    editor_client.post(reverse("admin:articles_author_delete", args=[author.pk]), {"post": "yes"})
    assert not Author.objects.filter(pk=author.pk).exists()


def test_deleting_the_default_donation_link_is_refused_with_the_reason(editor_client):
    link = DonationLinkFactory(is_default=True, name="Main appeal")
    response = editor_client.post(
        reverse("admin:articles_donationlink_delete", args=[link.pk]), {"post": "yes"}, follow=True
    )
    assert any("is the site default donation link" in str(m) for m in response.context["messages"])


def test_default_donation_link_survives_a_delete_attempt(editor_client):
    link = DonationLinkFactory(is_default=True)
    editor_client.post(reverse("admin:articles_donationlink_delete", args=[link.pk]), {"post": "yes"})
    assert DonationLink.objects.filter(pk=link.pk).exists()


def test_default_donation_link_survives_a_bulk_delete(editor_client):
    link = DonationLinkFactory(is_default=True)
    other = DonationLinkFactory()
    editor_client.post(
        reverse("admin:articles_donationlink_changelist"),
        {"action": "delete_selected", "_selected_action": [link.pk, other.pk], "post": "yes"},
    )
    assert DonationLink.objects.count() == 2


def test_other_donation_links_can_be_deleted(editor_client):
    DonationLinkFactory(is_default=True)
    other = DonationLinkFactory()
    editor_client.post(reverse("admin:articles_donationlink_delete", args=[other.pk]), {"post": "yes"})
    assert not DonationLink.objects.filter(pk=other.pk).exists()


def test_article_page_falls_back_to_the_default_when_its_link_is_deleted(editor_client, client):
    DonationLinkFactory(is_default=True, call_to_action="Support the default appeal")
    own = DonationLinkFactory(call_to_action="Support this special appeal")
    article = ArticleFactory(donation_link=own)
    editor_client.post(reverse("admin:articles_donationlink_delete", args=[own.pk]), {"post": "yes"})
    assert "Support the default appeal" in client.get(article.get_absolute_url()).content.decode()


def test_deleting_a_link_in_use_explains_the_consequence(editor_client):
    DonationLinkFactory(is_default=True)
    own = DonationLinkFactory()
    ArticleFactory(donation_link=own)
    response = editor_client.get(reverse("admin:articles_donationlink_delete", args=[own.pk]))
    assert "1 article uses this link. After deleting it, they will show the site default donation link instead." in [
        str(m) for m in response.context["messages"]
    ]
