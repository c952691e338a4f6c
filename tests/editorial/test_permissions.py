"""Every page and action this workflow adds or uses checks permissions on the server.

Each is requested as an anonymous visitor, as staff without the permission, and as the
role that may use it.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.editorial.sharing import create_share_link
from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    """An article with two revisions, and a deleted article with one."""
    article = ArticleFactory(draft=True, slug="with-history")
    content = ArticleContent.current(article)
    content.values["title"] = "Second title"
    changes.save_article(None, article, content)
    gone = ArticleFactory(draft=True)
    changes.move_to_bin(None, gone)
    changes.purge_bin(older_than_days=0)
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    deleted = Version.objects.get_deleted(Article).get()
    return {"article": article, "older": older, "newer": newer, "deleted": deleted}


def admin_pages(h):
    pk = h["article"].pk
    return {
        "change form": reverse("admin:articles_article_change", args=[pk]),
        "history": reverse("admin:articles_article_history", args=[pk]),
        "compare": reverse("admin:articles_article_compare", args=[pk])
        + f"?older={h['older'].pk}&newer={h['newer'].pk}",
        "revision": reverse("admin:articles_article_revision", args=[pk, h["older"].pk]),
        "recover list": reverse("admin:articles_article_recoverlist"),
        "recover": reverse("admin:articles_article_recover", args=[h["deleted"].pk]),
        "article list": reverse("admin:articles_article_changelist"),
    }


PAGES = ["change form", "history", "compare", "revision", "recover list", "recover", "article list"]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, history, page):
    response = client.get(admin_pages(history)[page])
    assert response.headers["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("page", PAGES)
def test_staff_without_permissions_are_refused(bare_staff_client, history, page):
    assert bare_staff_client.get(admin_pages(history)[page]).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_editors_may_use_them(editor_client, history, page):
    assert editor_client.get(admin_pages(history)[page]).status_code == 200


@pytest.mark.parametrize("page", ["history", "compare", "change form"])
def test_view_only_staff_may_look(viewer_client, history, page):
    assert viewer_client.get(admin_pages(history)[page]).status_code == 200


@pytest.mark.parametrize("page", ["recover list", "recover"])
def test_view_only_staff_may_not_recover(viewer_client, history, page):
    assert viewer_client.get(admin_pages(history)[page]).status_code == 403


def test_view_only_staff_may_not_restore_a_revision(viewer_client, history):
    viewer_client.post(admin_pages(history)["revision"], {"title": "Hijacked"})
    history["article"].refresh_from_db()
    assert history["article"].title == "Second title"


def test_view_only_staff_may_not_save_the_change_form(viewer_client, history):
    response = viewer_client.post(admin_pages(history)["change form"], {"title": "Hijacked"})
    assert response.status_code == 403


def test_view_only_staff_may_not_run_bulk_actions(viewer_client, history):
    viewer_client.post(
        admin_pages(history)["article list"],
        {"action": "submit_for_review", "_selected_action": [history["article"].pk]},
    )
    history["article"].refresh_from_db()
    assert history["article"].status == ArticleStatus.DRAFT


# Preview at the public address.
def test_preview_is_404_for_anonymous_visitors(client, history):
    assert client.get(history["article"].get_absolute_url()).status_code == 404


def test_preview_is_404_for_staff_without_the_view_permission(bare_staff_client, history):
    assert bare_staff_client.get(history["article"].get_absolute_url()).status_code == 404


def test_preview_works_for_editors(editor_client, history):
    assert editor_client.get(history["article"].get_absolute_url()).status_code == 200


# Share links: Publishers only.
@pytest.fixture
def share_pages(draft, publisher_user):
    link = create_share_link(draft, publisher_user, days=2)
    return {
        "add": reverse("admin:articles_sharelink_add"),
        "list": reverse("admin:articles_sharelink_changelist"),
        "change": reverse("admin:articles_sharelink_change", args=[link.pk]),
        "delete": reverse("admin:articles_sharelink_delete", args=[link.pk]),
    }


SHARE_PAGES = ["add", "list", "change", "delete"]


@pytest.mark.parametrize("page", SHARE_PAGES)
def test_share_link_pages_send_anonymous_visitors_to_log_in(client, share_pages, page):
    assert client.get(share_pages[page]).headers["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("page", SHARE_PAGES)
def test_share_link_pages_refuse_staff_without_permissions(bare_staff_client, share_pages, page):
    assert bare_staff_client.get(share_pages[page]).status_code == 403


@pytest.mark.parametrize("page", SHARE_PAGES)
def test_share_link_pages_refuse_editors(editor_client, share_pages, page):
    assert editor_client.get(share_pages[page]).status_code == 403


@pytest.mark.parametrize("page", SHARE_PAGES)
def test_share_link_pages_serve_publishers(publisher_client, share_pages, page):
    assert publisher_client.get(share_pages[page]).status_code == 200


def test_editors_are_not_shown_the_create_share_link_button(editor_client, history):
    response = editor_client.get(admin_pages(history)["change form"])
    assert "Create share link" not in response.content.decode()


def test_publishers_are_shown_the_create_share_link_button(publisher_client, history):
    response = publisher_client.get(admin_pages(history)["change form"])
    assert "Create share link" in response.content.decode()


@pytest.mark.parametrize("object_id", ["abc", "999999"])
def test_revision_of_a_missing_article_is_404(editor_client, history, object_id):
    url = reverse("admin:articles_article_revision", args=[object_id, history["older"].pk])
    assert editor_client.get(url).status_code == 404


@pytest.mark.parametrize("object_id", ["abc", "999999"])
def test_compare_of_a_missing_article_is_404(editor_client, object_id):
    url = reverse("admin:articles_article_compare", args=[object_id])
    assert editor_client.get(url, {"older": 1, "newer": 2}).status_code == 404
