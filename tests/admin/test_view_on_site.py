"""No staff user learns, through the admin, an address or object they may not view.

The attacker's probe: an Editor (no share-link rights) opened
``/admin/r/<share link content type>/<id>/`` and was redirected to the signed preview
address of every share link, one id after another.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.editorial.sharing import create_share_link, share_url
from articles.models import ShareLink
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def share_link(publisher_user):
    return create_share_link(ArticleFactory(title="An unannounced trial"), publisher_user, days=7)


def shortcut(obj):
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_editor_cannot_reach_a_share_links_address_through_the_shortcut(editor_client, share_link):
    response = editor_client.get(shortcut(share_link))
    assert response.status_code == 404
    assert share_link.token not in response.content.decode()
    assert "Location" not in response


def test_editor_guessing_ids_learns_nothing_about_which_exist(editor_client, share_link):
    missing = editor_client.get(
        reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(ShareLink).pk, share_link.pk + 1])
    )
    existing = editor_client.get(shortcut(share_link))
    assert (missing.status_code, existing.status_code) == (404, 404)


def test_publisher_still_gets_the_share_address_in_the_share_link_admin(publisher_client, share_link):
    html = publisher_client.get(reverse("admin:articles_sharelink_change", args=[share_link.pk])).content.decode()
    assert share_url(share_link) in html


def test_the_shortcut_never_leads_to_a_share_link_address(publisher_client, share_link):
    # Share links have no public address of their own (no get_absolute_url): Publishers copy
    # them from the share-link admin, and the shortcut has nothing to reveal, even to them.
    response = publisher_client.get(shortcut(share_link))
    assert response.status_code == 404


def test_editor_may_use_the_shortcut_for_an_article_they_can_edit(editor_client):
    article = ArticleFactory()
    response = editor_client.get(shortcut(article))
    assert response.status_code == 302
    assert response["Location"].endswith(article.get_absolute_url())


def test_staff_without_rights_on_articles_get_nothing(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True))
    assert client.get(shortcut(ArticleFactory())).status_code == 404


def test_models_outside_the_admin_are_not_reachable(admin_client, django_user_model):
    # Content types of models the admin does not manage (sessions, permissions…) answer 404 too.
    content_type = ContentType.objects.get(app_label="contenttypes", model="contenttype")
    response = admin_client.get(reverse("admin:view_on_site", args=[content_type.pk, content_type.pk]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(shortcut(DonationLinkFactory()))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
