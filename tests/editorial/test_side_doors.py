"""Restores and recoveries through every URL obey the same rules as the change form.

django-reversion's own views look a version up by the id in the URL without checking its
model; these tests try the doors a crafted URL could open, as real HTTP requests.
"""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Article, ArticleStatus, AuditEntry, WorkingCopy
from tests.conftest import make_staff
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def edited(article, actor=None, **values):
    content = ArticleContent.current(article)
    content.values.update(values)
    return changes.save_article(actor, article, content)


def reader_sees(slug):
    return Client().get(reverse("articles:article_detail", kwargs={"slug": slug})).content.decode()


@pytest.fixture
def author_only(django_user_model):
    """Staff who may change authors, and nothing about articles."""
    user = make_staff(django_user_model, "author-keeper")
    for codename in ("view_author", "change_author", "add_author"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return client_for(user)


@pytest.fixture
def renamed_draft():
    """A draft whose first version had another title: restoring that version would change it."""
    article = ArticleFactory(draft=True, title="First title")
    edited(article, title="Current title")
    return article


def first_version(article):
    return Version.objects.get_for_object(article).order_by("pk").first()


@pytest.mark.parametrize("who", ["bare_staff_client", "author_only"])
def test_restoring_an_article_version_through_the_author_history_url_is_refused(request, who, renamed_draft):
    client = request.getfixturevalue(who)
    author = renamed_draft.ordered_authors[0]
    url = f"/admin/articles/author/{author.pk}/history/{first_version(renamed_draft).pk}/"
    entries = AuditEntry.objects.count()
    assert client.get(url).status_code in (403, 404)
    assert client.post(url).status_code in (403, 404)
    renamed_draft.refresh_from_db()
    author.refresh_from_db()
    assert renamed_draft.title == "Current title"
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("who", ["bare_staff_client", "author_only"])
def test_recovering_an_article_through_the_author_recover_url_is_refused(request, who, editor_user):
    client = request.getfixturevalue(who)
    article = ArticleFactory(draft=True, title="Gone for good")
    changes.move_to_bin(editor_user, article)
    changes.purge_bin(older_than_days=0)
    version = Version.objects.get_deleted(Article).get(object_id=str(article.pk))
    url = f"/admin/articles/author/recover/{version.pk}/"
    assert client.get(url).status_code in (403, 404)
    assert client.post(url).status_code in (403, 404)
    assert not Article.objects.filter(pk=article.pk).exists()


def test_staff_without_article_permissions_cannot_restore_an_article_version(bare_staff_client, renamed_draft):
    url = reverse("admin:articles_article_revision", args=[renamed_draft.pk, first_version(renamed_draft).pk])
    assert bare_staff_client.post(url).status_code == 403
    renamed_draft.refresh_from_db()
    assert renamed_draft.title == "Current title"


def test_a_version_of_another_article_is_not_found(editor_client, renamed_draft):
    other = ArticleFactory(draft=True)
    url = reverse("admin:articles_article_revision", args=[other.pk, first_version(renamed_draft).pk])
    assert editor_client.post(url).status_code == 404


def test_recovering_one_of_two_purged_articles_brings_back_only_that_one_as_a_draft(editor_client, editor_user):
    keep, leave = ArticleFactory(title="Bring me back"), ArticleFactory(title="Leave me gone")
    for article in (keep, leave):
        changes.unpublish(None, article)
        changes.move_to_bin(None, article)
    changes.purge_bin(older_than_days=0)
    version = Version.objects.get_deleted(Article).get(object_id=str(keep.pk))
    response = editor_client.post(reverse("admin:articles_article_recover", args=[version.pk]))
    assert response.status_code == 302
    assert list(Article.objects.values_list("title", "status")) == [("Bring me back", ArticleStatus.DRAFT)]
    assert Client().get(reverse("articles:article_detail", kwargs={"slug": keep.slug})).status_code == 404


def test_an_editors_restore_of_a_live_article_becomes_a_working_copy(editor_client):
    live = ArticleFactory(title="First live title", slug="live-piece")
    edited(live, title="Second live title")
    changes.publish_changes(None, live)
    url = reverse("admin:articles_article_revision", args=[live.pk, first_version(live).pk])
    response = editor_client.post(url, {"edit_base": editor_client.get(url).context["edit_base"]})
    assert response.status_code == 302
    assert WorkingCopy.objects.get(article=live).content["title"] == "First live title"
    page = reader_sees("live-piece")
    assert "Second live title" in page
    assert "First live title" not in page


def test_a_restore_after_a_colleagues_save_of_the_same_field_is_refused(editor_client, renamed_draft):
    url = reverse("admin:articles_article_revision", args=[renamed_draft.pk, first_version(renamed_draft).pk])
    opened = editor_client.get(url).context["edit_base"]
    edited(renamed_draft, title="Colleague's title")
    response = editor_client.post(url, {"edit_base": opened}, follow=True)
    assert "nothing was restored" in response.content.decode()
    renamed_draft.refresh_from_db()
    assert renamed_draft.title == "Colleague's title"


def test_a_restore_after_a_colleagues_save_of_another_field_keeps_both(editor_client, renamed_draft):
    url = reverse("admin:articles_article_revision", args=[renamed_draft.pk, first_version(renamed_draft).pk])
    opened = editor_client.get(url).context["edit_base"]
    edited(renamed_draft, standfirst="A colleague's new standfirst.")
    editor_client.post(url, {"edit_base": opened})
    renamed_draft.refresh_from_db()
    assert (renamed_draft.title, renamed_draft.standfirst) == ("First title", "A colleague's new standfirst.")


def test_a_restore_without_the_pages_edit_base_never_overwrites_a_colleague(editor_client, renamed_draft):
    """A crafted POST that leaves the fingerprints out."""
    url = reverse("admin:articles_article_revision", args=[renamed_draft.pk, first_version(renamed_draft).pk])
    editor_client.get(url)
    edited(renamed_draft, title="Colleague's title")
    editor_client.post(url)
    renamed_draft.refresh_from_db()
    assert renamed_draft.title == "Colleague's title"


def test_restoring_an_author_version_through_its_own_history_works(editor_client):
    author = AuthorFactory(name="Ann Old")
    first = Version.objects.get_for_object(author).get()
    author.name = "Ann New"
    changes.save_object(None, author)
    url = reverse("admin:articles_author_revision", args=[author.pk, first.pk])
    assert editor_client.post(url).status_code == 302
    author.refresh_from_db()
    assert author.name == "Ann Old"
