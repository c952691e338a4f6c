"""The bin: who may bin what, what readers get, restoring as a draft, emptying after the retention period."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.editorial import changes
from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db
BIN = reverse("admin:articles_binnedarticle_changelist")


@pytest.fixture
def publisher(publisher_user):
    client = Client()
    client.force_login(publisher_user)
    return client


def delete_url(article):
    return reverse("admin:articles_article_delete", args=[article.pk])


def binned(article):
    return Article.objects.binned().filter(pk=article.pk).exists()


def reader_status(slug):
    return Client().get(reverse("articles:article_detail", kwargs={"slug": slug})).status_code


def test_editor_bins_a_draft(editor_client):
    draft = ArticleFactory(draft=True)
    response = editor_client.post(delete_url(draft), {"post": "yes"})
    assert response["Location"] == reverse("admin:articles_article_changelist")
    assert binned(draft)


def test_editor_cannot_bin_what_has_been_public(editor_client):
    article = changes.unpublish(None, ArticleFactory())
    response = editor_client.post(delete_url(article), {"post": "yes"})
    assert "Only a Publisher can delete it." in response.content.decode()
    assert not binned(article)


@pytest.mark.parametrize("who", ["editor_client", "publisher", "admin_client"])
def test_nobody_bins_a_live_article(request, who):
    client = request.getfixturevalue(who)
    live = ArticleFactory(slug="still-live")
    response = client.post(delete_url(live), {"post": "yes"})
    assert "This article is live. A Publisher can unpublish it" in response.content.decode()
    assert not binned(live)
    assert reader_status("still-live") == 200


def test_nobody_bins_a_live_article_in_bulk(publisher):
    live = ArticleFactory(slug="still-live")
    publisher.post(
        reverse("admin:articles_article_changelist"),
        {"action": "move_to_bin", ACTION_CHECKBOX_NAME: [str(live.pk)], "confirmed": "yes"},
    )
    assert not binned(live)
    assert reader_status("still-live") == 200


def test_publisher_unpublishes_then_bins_and_readers_get_410(publisher):
    live = ArticleFactory(slug="taken-down", title="Taken down")
    publisher.post(reverse("admin:articles_article_unpublish", args=[live.pk]))
    publisher.post(delete_url(live), {"post": "yes"})
    assert binned(live)
    assert reader_status("taken-down") == 410
    assert "Taken down" in publisher.get(BIN).content.decode()


def test_a_binned_article_leaves_the_article_list(editor_client):
    draft = ArticleFactory(draft=True, title="Into the bin")
    editor_client.post(delete_url(draft), {"post": "yes"})
    listed = editor_client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list
    assert draft.pk not in [article.pk for article in listed]
    assert [article.pk for article in editor_client.get(BIN).context["cl"].result_list] == [draft.pk]


def test_a_binned_article_cannot_be_edited(editor_client, editor_user):
    draft = ArticleFactory(draft=True, title="Binned")
    changes.move_to_bin(editor_user, draft)
    with pytest.raises(changes.Refused):
        changes.submit(editor_user, draft)
    assert editor_client.get(reverse("admin:articles_article_change", args=[draft.pk])).status_code == 302


def test_restoring_from_the_bin_gives_a_draft(publisher, publisher_user):
    article = changes.unpublish(None, ArticleFactory(slug="back-again"))
    changes.move_to_bin(publisher_user, article)
    publisher.post(BIN, {"action": "restore_as_draft", ACTION_CHECKBOX_NAME: [str(article.pk)]})
    article.refresh_from_db()
    assert (article.is_binned, article.status, article.published_at) == (False, ArticleStatus.DRAFT, None)
    assert reader_status("back-again") == 404


def test_the_bin_is_for_people_who_may_change_articles(bare_staff_client):
    assert bare_staff_client.get(BIN).status_code == 403


def test_purge_waits_for_the_retention_period(editor_user, settings):
    settings.BIN_RETENTION_DAYS = 30
    draft = ArticleFactory(draft=True)
    changes.move_to_bin(editor_user, draft)
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        call_command("purge_bin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Article.objects.filter(pk=draft.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        call_command("purge_bin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_purge_leaves_articles_outside_the_bin(editor_user):
    kept = ArticleFactory(draft=True)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        call_command("purge_bin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Article.objects.filter(pk=kept.pk).exists()


# --- Delete confirmation pages say what will happen, in words ----------------------------------------------


def main_text(response):
    html = response.content.decode()
    return html[html.index('<div id="content"') :]


def assert_plain_words(text):
    import re

    words = re.sub(r"<[^>]+>", " ", text)
    for internal in ("object (", "Article_topics", "Article_related_articles", "ArticleAuthor", "Article_authors"):
        assert internal not in words, internal


def test_article_delete_page_says_it_goes_to_the_bin(editor_client):
    draft = ArticleFactory(draft=True, title="Short-lived")
    text = main_text(editor_client.get(delete_url(draft)))
    assert "“Short-lived” will move to the bin. Readers cannot see it." in text
    assert "restore it from the bin as a draft for 30 days; after that it is deleted for good" in text
    assert_plain_words(text)


def test_topic_delete_page_says_which_articles_lose_it(editor_client):
    topic = TopicFactory(name="Genes")
    ArticleFactory(topics=[topic])
    text = main_text(editor_client.get(reverse("admin:articles_topic_delete", args=[topic.pk])))
    assert "1 article is filed under this topic. Deleting it takes the topic off them" in text
    assert_plain_words(text)


def test_author_delete_page_says_why_not(editor_client):
    author = AuthorFactory(name="Ann Author")
    ArticleFactory(authors=[author], title="Linked piece")
    text = main_text(editor_client.get(reverse("admin:articles_author_delete", args=[author.pk])))
    assert "“Dr Ann Author” cannot be deleted." in text
    assert "Linked piece" in text
    assert_plain_words(text)


def test_donation_link_delete_page_says_what_articles_show_instead(editor_client):
    DonationLinkFactory(is_default=True)
    link = DonationLinkFactory(name="Spring appeal")
    ArticleFactory(donation_link=link)
    response = editor_client.get(reverse("admin:articles_donationlink_delete", args=[link.pk]))
    text = main_text(response)
    shown = text + " ".join(str(m) for m in response.context["messages"])
    assert "they will show the site default donation link instead" in shown
    assert_plain_words(text)


def test_bulk_move_to_bin_asks_first_then_bins_only_what_the_editor_may(editor_client):
    draft = ArticleFactory(draft=True, title="Old draft")
    was_public = changes.unpublish(None, ArticleFactory(title="Was public"))
    selected = {"action": "move_to_bin", ACTION_CHECKBOX_NAME: [str(draft.pk), str(was_public.pk)]}
    asking = editor_client.post(reverse("admin:articles_article_changelist"), selected)
    assert "Move these articles to the bin?" in asking.content.decode()
    assert not binned(draft)
    done = editor_client.post(reverse("admin:articles_article_changelist"), {**selected, "confirmed": "yes"})
    messages = [str(m) for m in done.wsgi_request._messages]
    assert "“Was public”: This article has been public. Only a Publisher can delete it." in messages
    assert binned(draft)
    assert not binned(was_public)
