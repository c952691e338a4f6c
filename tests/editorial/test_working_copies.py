"""Edits of a live article wait as a working copy until a Publisher publishes them."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleStatus, AuditAction, AuditEntry, WorkingCopy
from tests.conftest import make_staff
from tests.editorial.forms import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_client(publisher_user):
    """Its own client: the shared ``client`` fixture would be the Editor's too."""
    client = Client()
    client.force_login(publisher_user)
    return client


@pytest.fixture
def live():
    return ArticleFactory(title="Neutrophils and spread", slug="neutrophils", body="The **live** text.")


def edit(client, article, action="save", **changes):
    data = form_data(client, change_url(article))
    data.update(changes)
    data["_action"] = action
    return client.post(change_url(article), data)


def reader_sees(article_slug):
    return Client().get(reverse("articles:article_detail", kwargs={"slug": article_slug})).content.decode()


def test_an_editors_change_to_a_live_article_is_not_shown_to_readers(editor_client, live):
    response = edit(editor_client, live, body="Unchecked **new** claims.")
    assert response.status_code == 302
    page = reader_sees("neutrophils")
    assert "The <strong>live</strong> text." in page
    assert "Unchecked" not in page


def test_the_change_is_kept_as_a_working_copy(editor_client, live):
    edit(editor_client, live, body="Unchecked **new** claims.")
    assert WorkingCopy.objects.get(article=live).content["body"] == "Unchecked **new** claims."
    live.refresh_from_db()
    assert live.body == "The **live** text."


def test_search_keeps_finding_the_live_text_only(editor_client, live):
    edit(editor_client, live, body="A word like zymogenic appears only in the change.")
    response = Client().get(reverse("articles:search"), {"q": "zymogenic"})
    assert "Neutrophils and spread" not in response.content.decode()
    # ...while the live article is still indexed and found.
    response = Client().get(reverse("articles:search"), {"q": "neutrophils"})
    assert "1 article found" in response.content.decode()


def test_reopening_the_form_shows_the_working_copy(editor_client, live):
    edit(editor_client, live, title="Neutrophils, revised")
    response = editor_client.get(change_url(live))
    assert response.context["adminform"].form["title"].value() == "Neutrophils, revised"
    assert "unpublished changes" in response.content.decode()


def test_the_byline_change_waits_in_the_working_copy(editor_client, live):
    newcomer = AuthorFactory(name="Ana Lopez")
    data = form_data(editor_client, change_url(live))
    data["article_authors-0-author"] = str(newcomer.pk)
    data["_action"] = "save"
    editor_client.post(change_url(live), data)
    assert live.ordered_authors != [newcomer]
    assert WorkingCopy.objects.get(article=live).content["authors"] == [newcomer.pk]
    # Reopened, the inline shows the working copy's byline.
    response = editor_client.get(change_url(live))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form["author"].value() for form in formset.forms][:1] == [newcomer.pk]


def test_publisher_publishes_the_changes_after_comparing(publisher_client, editor_client, live):
    edit(editor_client, live, "submit", title="Neutrophils, revised")
    review = publisher_client.get(reverse("admin:articles_article_changes", args=[live.pk]))
    page = review.content.decode()
    assert "Neutrophils, revised" in page and "Neutrophils and spread" in page
    response = publisher_client.post(reverse("admin:articles_article_changes", args=[live.pk]), {"_action": "publish"})
    assert response.status_code == 302
    assert "Neutrophils, revised" in reader_sees("neutrophils")
    assert not WorkingCopy.objects.filter(article=live).exists()


def test_an_editor_cannot_publish_changes_with_a_crafted_post(editor_client, live):
    edit(editor_client, live, title="Neutrophils, revised")
    editor_client.post(reverse("admin:articles_article_changes", args=[live.pk]), {"_action": "publish"})
    assert "Neutrophils, revised" not in reader_sees("neutrophils")


def test_discarding_leaves_the_live_article(publisher_client, editor_client, live):
    edit(editor_client, live, title="Neutrophils, revised")
    publisher_client.post(reverse("admin:articles_article_changes", args=[live.pk]), {"_action": "discard"})
    assert not WorkingCopy.objects.filter(article=live).exists()
    live.refresh_from_db()
    assert live.title == "Neutrophils and spread"


def test_sending_changes_back_tells_the_editor(publisher_client, editor_client, editor_user, live):
    editor_user.email = "ellie@example.org"
    editor_user.first_name = "Ellie"
    editor_user.save()
    edit(editor_client, live, "submit", title="Neutrophils, revised")
    mail.outbox.clear()
    response = publisher_client.post(
        reverse("admin:articles_article_send_back", args=[live.pk]), {"comment": "Cite the 2024 trial."}, follow=True
    )
    assert "Sent back to Ellie with your comment." in response.content.decode()
    assert WorkingCopy.objects.get(article=live).status == "editing"
    assert [message.to for message in mail.outbox] == [["ellie@example.org"]]
    assert "Cite the 2024 trial." in mail.outbox[0].body


def test_a_publisher_may_publish_their_own_edit_at_once(publisher_client, live):
    response = edit(publisher_client, live, "publish_changes", title="Neutrophils, revised")
    assert response["Location"] == reverse("admin:articles_article_changes", args=[live.pk])
    publisher_client.post(response["Location"], {"_action": "publish"})
    assert "Neutrophils, revised" in reader_sees("neutrophils")


def test_the_list_shows_which_live_articles_have_unpublished_changes(editor_client, live):
    edit(editor_client, live, title="Neutrophils, revised")
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Changes being edited" in page


def test_staff_preview_shows_the_working_copy(editor_client, live):
    edit(editor_client, live, body="Draft of **new** findings.")
    page = editor_client.get(reverse("admin:articles_article_preview", args=[live.pk])).content.decode()
    assert "Draft of <strong>new</strong> findings." in page
    assert "unpublished changes" in page


def test_one_admin_save_refreshes_derived_data_once_within_the_query_budget(
    publisher_client, django_assert_max_num_queries, monkeypatch
):
    """Title, topics and byline changed in one save: one refresh, at most 46 queries (it was 75 and 6).

    (40 before the reviewers of a version became part of the content: like topics, the form,
    the edit lock and the revision each read them once; 43 since sources are content, reading
    them is one more query; 46 since the search index keeps its spelling vocabulary (two) and
    the page cache records where the article appeared before the change (one).)"""
    from articles.editorial import derived

    article = ArticleFactory(draft=True)
    topic, author = TopicFactory(), AuthorFactory()
    data = form_data(publisher_client, change_url(article))
    data.update({"title": "A new headline", "topics": [str(topic.pk)], "article_authors-0-author": str(author.pk)})
    data["_action"] = "save"
    refreshes = []
    real_refresh = derived.refresh
    monkeypatch.setattr(derived, "refresh", lambda ids, *rest: (refreshes.append(set(ids)), real_refresh(ids, *rest)))
    with django_assert_max_num_queries(46):
        response = publisher_client.post(change_url(article), data)
    assert response.status_code == 302
    assert refreshes == [{article.pk}]
    article.refresh_from_db()
    assert article.title == "A new headline"
    assert list(article.topics.all()) == [topic]
    assert article.ordered_authors == [author]


def test_each_publish_writes_exactly_one_audit_entry(publisher_client):
    article = ArticleFactory(draft=True)
    publisher_client.post(reverse("admin:articles_article_publish", args=[article.pk]))
    entries = AuditEntry.objects.filter(object_id=str(article.pk), content_type__model="article")
    assert [(entry.action, entry.to_state) for entry in entries] == [(AuditAction.PUBLISH, "Live")]
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED


def test_new_article_through_the_admin_is_a_draft(editor_client, django_user_model):
    author = AuthorFactory()
    data = form_data(editor_client, reverse("admin:articles_article_add"))
    data.update(
        {
            "title": "A new piece",
            "slug": "a-new-piece",
            "standfirst": "Short.",
            "body": "Text.",
            "article_authors-0-author": str(author.pk),
            "_action": "save",
        }
    )
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="a-new-piece")
    assert article.status == ArticleStatus.DRAFT
    assert article.ordered_authors == [author]
    assert article.body_html == "<p>Text.</p>"


def test_bare_staff_cannot_use_the_action_pages(client, django_user_model, live):
    client.force_login(make_staff(django_user_model, "nobody"))
    for name in ("publish", "unpublish", "changes", "send_back", "schedule"):
        response = client.post(reverse(f"admin:articles_article_{name}", args=[live.pk]))
        assert response.status_code == 403, name


def test_saving_a_working_copy_again_unchanged_keeps_its_whole_byline(editor_client):
    first, second = AuthorFactory(), AuthorFactory()
    live = ArticleFactory(authors=[first, second])
    assert edit(editor_client, live, title="A changed headline").status_code == 302
    assert edit(editor_client, live, standfirst="A changed standfirst.").status_code == 302
    live.refresh_from_db()
    assert live.working_copy.content["authors"] == [first.pk, second.pk]
