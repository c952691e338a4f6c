"""Revisions: recorded with who and why, compared field by field, restored, and deleted objects recovered."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.editorial import changes
from articles.models import Article, ArticleStatus, Author, DonationLink
from tests.editorial.forms import change_url, form_data, press
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


def save(client, article, **changes):
    response = press(client, article, **changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def article():
    """A draft: editing a live article makes a working copy, not a revision (see test_working_copies)."""
    return ArticleFactory(draft=True, title="First title", body="First body.")


def test_a_save_records_a_revision_with_the_user(editor_client, editor_user, article):
    save(editor_client, article, title="Second title")
    assert Version.objects.get_for_object(article).first().revision.user == editor_user


def test_a_save_records_the_editors_note(editor_client, article):
    save(editor_client, article, title="Second title", revision_comment="Fixed the headline")
    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    assert comment.startswith("Fixed the headline — ")


def test_a_save_without_a_note_records_what_changed(editor_client, article):
    save(editor_client, article, title="Second title")
    assert Version.objects.get_for_object(article).first().revision.get_comment() == "Changed Title."


@pytest.mark.parametrize(
    ("factory", "url_name", "field", "value"),
    [
        (AuthorFactory, "admin:articles_author_change", "name", "Renamed Researcher"),
        (TopicFactory, "admin:articles_topic_change", "name", "Renamed topic"),
        (DonationLinkFactory, "admin:articles_donationlink_change", "name", "Renamed appeal"),
    ],
)
def test_saving_authors_topics_and_donation_links_records_revisions(editor_client, factory, url_name, field, value):
    obj = factory()
    before = Version.objects.get_for_object(obj).count()
    url = reverse(url_name, args=[obj.pk])
    data = form_data(editor_client, url)
    data[field] = value
    editor_client.post(url, data)
    assert Version.objects.get_for_object(obj).count() == before + 1


def test_history_page_lists_the_revisions_note(editor_client, article):
    save(editor_client, article, title="Second title", revision_comment="Fixed the headline")
    response = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Fixed the headline" in response.content.decode()


def compare(client, article):
    older, newer = Version.objects.get_for_object(article).order_by("pk")[:2]
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return client.get(url, {"older": older.pk, "newer": newer.pk})


def test_compare_marks_the_changed_field(editor_client, article):
    save(editor_client, article, title="Second title")
    rows = {row["label"]: row for row in compare(editor_client, article).context["rows"]}
    assert rows["Title"]["changed"]


def test_compare_shows_both_values(editor_client, article):
    save(editor_client, article, title="Second title")
    rows = {row["label"]: row for row in compare(editor_client, article).context["rows"]}
    assert (rows["Title"]["before"], rows["Title"]["after"]) == ("First title", "Second title")


def test_compare_leaves_unchanged_fields_unmarked(editor_client, article):
    save(editor_client, article, title="Second title")
    rows = {row["label"]: row for row in compare(editor_client, article).context["rows"]}
    assert not rows["Standfirst"]["changed"]


def test_compare_shows_body_changes_line_by_line(editor_client, article):
    save(editor_client, article, body="First body.\nA new line.")
    rows = {row["label"]: row for row in compare(editor_client, article).context["rows"]}
    assert {"kind": "added", "text": "A new line."} in rows["Body"]["diff"]


def test_compare_escapes_stored_markup(editor_client, article):
    save(editor_client, article, title="<script>alert(1)</script>")
    html = compare(editor_client, article).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_compare_with_a_bad_choice_goes_back_to_the_history(editor_client, article):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = editor_client.get(url, {"older": "abc", "newer": "1"})
    assert response.url == reverse("admin:articles_article_history", args=[article.pk])


def test_compare_refuses_a_version_of_another_article(editor_client, article):
    other = ArticleFactory()
    url = reverse("admin:articles_article_compare", args=[article.pk])
    mine = Version.objects.get_for_object(article).first()
    theirs = Version.objects.get_for_object(other).first()
    response = editor_client.get(url, {"older": mine.pk, "newer": theirs.pk})
    assert response.status_code == 302


def restore(client, article, version):
    """Open the restore page, then confirm it (the page carries the edit lock's fingerprints)."""
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {"edit_base": page.context["edit_base"]})


def test_restoring_a_revision_brings_back_the_old_text(editor_client, article):
    first = Version.objects.get_for_object(article).get()
    save(editor_client, article, title="Second title", body="Second body.")
    restore(editor_client, article, first)
    article.refresh_from_db()
    assert (article.title, article.body) == ("First title", "First body.")


def test_restoring_is_itself_a_revision(editor_client, article):
    first = Version.objects.get_for_object(article).get()
    save(editor_client, article, title="Second title")
    restore(editor_client, article, first)
    assert Version.objects.get_for_object(article).count() == 3


def test_editor_cannot_publish_by_restoring_a_published_revision(editor_client):
    article = ArticleFactory()
    published = Version.objects.get_for_object(article).get()
    changes.unpublish(None, article)
    restore(editor_client, article, published)
    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED


def test_restoring_an_old_slug_keeps_the_current_address_working(publisher_client, article):
    first = Version.objects.get_for_object(article).get()
    save(publisher_client, article, slug="newer-address")
    changes.publish(None, article)
    restore(publisher_client, article, first)  # a live article: the old version becomes its working copy
    publisher_client.post(reverse("admin:articles_article_changes", args=[article.pk]), {"_action": "publish"})
    article.refresh_from_db()
    assert article.slug != "newer-address"
    response = Client().get(reverse("articles:article_detail", kwargs={"slug": "newer-address"}))
    assert response.headers["Location"] == article.get_absolute_url()


def delete(client, obj):
    """Delete through the admin; an article goes to the bin, and is emptied from it at once."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    response = client.post(url, {"post": "yes"})
    if isinstance(obj, Article):
        assert Article.objects.binned().filter(pk=obj.pk).exists()
        changes.purge_bin(older_than_days=0)
    return response


def recover(client, model, version):
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_recover", args=[version.pk])
    assert client.get(url).status_code == 200
    return client.post(url)


def test_deleted_article_is_listed_for_recovery(editor_client, article):
    delete(editor_client, article)
    response = editor_client.get(reverse("admin:articles_article_recoverlist"))
    assert "First title" in response.content.decode()


def test_deleted_article_can_be_recovered_with_its_byline(publisher_client, article):
    authors = [link.author_id for link in article.article_authors.all()]
    delete(publisher_client, article)
    version = Version.objects.get_deleted(Article).first()
    recover(publisher_client, Article, version)
    recovered = Article.objects.get(pk=article.pk)
    assert [link.author_id for link in recovered.article_authors.all()] == authors
    assert recovered.status == ArticleStatus.DRAFT


def test_article_never_saved_in_the_admin_is_still_recoverable(editor_client):
    article = ArticleFactory(draft=True, title="Only ever made in the shell")
    delete(editor_client, article)
    assert Version.objects.get_deleted(Article).filter(object_id=str(article.pk)).exists()


def test_deleted_author_can_be_recovered(editor_client):
    author = AuthorFactory(name="Dr Removed")
    delete(editor_client, author)
    recover(editor_client, Author, Version.objects.get_deleted(Author).first())
    assert Author.objects.filter(name="Dr Removed").exists()


def test_deleted_donation_link_can_be_recovered(editor_client):
    link = DonationLinkFactory(name="Old appeal")
    delete(editor_client, link)
    recover(editor_client, DonationLink, Version.objects.get_deleted(DonationLink).first())
    assert DonationLink.objects.filter(name="Old appeal").exists()


def test_compare_shows_a_byline_change(editor_client, article):
    newcomer = AuthorFactory(name="Newcomer")
    data = form_data(editor_client, change_url(article))
    data["article_authors-0-author"] = str(newcomer.pk)
    data["_action"] = "save"
    editor_client.post(change_url(article), data)
    rows = {row["label"]: row for row in compare(editor_client, article).context["rows"]}
    assert rows["Authors"]["after"] == "Dr Newcomer"


def test_compare_ignores_a_change_of_line_endings_only(editor_client, article):
    save(editor_client, article, body="First body.".replace("\n", "\r\n"), title="Second title")
    rows = {row["label"]: row for row in compare(editor_client, article).context["rows"]}
    assert not rows["Body"]["changed"]


def test_compare_collapses_long_unchanged_stretches(editor_client, article):
    long_body = "\n".join(f"Line {n}" for n in range(40))
    save(editor_client, article, body=long_body)
    save(editor_client, article, body=long_body.replace("Line 20", "Line twenty"))
    versions = Version.objects.get_for_object(article).order_by("-pk")[:2]
    url = reverse("admin:articles_article_compare", args=[article.pk])
    rows = editor_client.get(url, {"older": versions[1].pk, "newer": versions[0].pk}).context["rows"]
    body = {row["label"]: row for row in rows}["Body"]
    assert [line["text"] for line in body["diff"]] == [
        "…",
        "Line 18",
        "Line 19",
        "Line 20",
        "Line twenty",
        "Line 21",
        "Line 22",
        "…",
    ]
