"""Workflow rules on every door: form buttons, crafted POSTs, confirmation pages and bulk actions.

The change form has no status menu: its buttons (``_action``) say what happens, and publishing,
scheduling and unpublishing pass a confirmation page. An Editor writes and submits; only a
Publisher makes anything public or takes it down, however the request is made.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.editorial.workflow import NOT_A_PUBLISHER
from articles.models import Article, ArticleStatus, AuditEntry
from tests.editorial.forms import change_url, form_data, press
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:articles_article_changelist")
LONDON = ZoneInfo("Europe/London")


def page(name, article):
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


def buttons(client, article=None):
    url = change_url(article) if article else reverse("admin:articles_article_add")
    return [action for action, _, _ in client.get(url).context["workflow_buttons"]]


def test_publishers_have_the_publish_permission(publisher_user):
    assert publisher_user.has_perm("articles.publish_article")


def test_editors_do_not_have_the_publish_permission():
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(codename="publish_article").exists()


def test_publishers_can_do_everything_editors_can():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True))
    assert editors <= publishers


def test_the_form_has_no_status_menu_and_no_publication_date(editor_client, draft):
    form = editor_client.get(change_url(draft)).context["adminform"].form
    assert "status" not in form.fields
    assert "published_at" not in form.fields


# --- Buttons -------------------------------------------------------------------------------------


def test_editor_is_offered_save_and_submit_only(editor_client, draft):
    assert buttons(editor_client, draft) == ["save", "submit"]


def test_publisher_is_also_offered_publish_and_schedule(publisher_client, draft):
    assert buttons(publisher_client, draft) == ["save", "submit", "publish", "schedule"]


def test_a_live_article_offers_publish_changes_to_a_publisher_only(editor_client, publisher_user):
    live = ArticleFactory()
    assert "publish_changes" not in buttons(editor_client, live)
    editor_client.force_login(publisher_user)
    assert "publish_changes" in buttons(editor_client, live)


def test_editor_submits_a_draft_for_review(editor_client, draft):
    assert press(editor_client, draft, "submit").status_code == 302
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.IN_REVIEW


def test_editor_takes_a_submission_back_to_draft(editor_client, draft):
    press(editor_client, draft, "submit")
    editor_client.post(page("withdraw", draft))
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


# --- Publishing: button, then confirmation page ---------------------------------------------------------


def test_publish_button_saves_then_asks_for_confirmation(publisher_client, draft):
    response = press(publisher_client, draft, "publish", title="Dormant cells wake up")
    assert response["Location"] == page("publish", draft)
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Dormant cells wake up", ArticleStatus.DRAFT)
    confirm = publisher_client.get(response["Location"]).content.decode()
    assert "Yes, publish it now" in confirm


def test_confirming_publishes(publisher_client, client, draft):
    publisher_client.post(page("publish", draft))
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED
    assert draft.published_at <= timezone.now()


def test_crafted_publish_button_from_editor_only_saves_the_draft(editor_client, draft):
    response = press(editor_client, draft, "publish", title="Edited")
    confirm = editor_client.get(response["Location"])
    assert NOT_A_PUBLISHER in confirm.content.decode()
    assert "Yes, publish it now" not in confirm.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Edited", ArticleStatus.DRAFT)


def test_crafted_confirmation_post_from_editor_is_refused(editor_client, draft):
    editor_client.post(page("publish", draft))
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT
    assert not AuditEntry.objects.filter(action="publish").exists()


def test_crafted_status_field_from_editor_is_ignored(editor_client, draft):
    press(editor_client, draft, status=ArticleStatus.PUBLISHED, published_at_0="2020-01-01", published_at_1="09:00")
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (ArticleStatus.DRAFT, None)


def test_crafted_status_field_from_a_publisher_is_ignored_too(publisher_client, draft):
    press(publisher_client, draft, status=ArticleStatus.PUBLISHED)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_editor_cannot_schedule_through_the_schedule_page(editor_client, draft):
    tomorrow = timezone.localtime() + timedelta(days=1)
    editor_client.post(page("schedule", draft), {"date": tomorrow.date().isoformat(), "time": "09:00"})
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (ArticleStatus.DRAFT, None)


def test_editor_cannot_unpublish_a_live_article(editor_client):
    live = ArticleFactory()
    editor_client.post(page("unpublish", live))
    live.refresh_from_db()
    assert live.status == ArticleStatus.PUBLISHED


def test_editor_can_still_correct_the_text_of_a_live_article(editor_client):
    live = ArticleFactory(title="Live title")
    assert press(editor_client, live, title="Corrected title").status_code == 302
    live.refresh_from_db()
    assert live.title == "Live title"  # until a Publisher publishes the changes
    assert live.working_copy.content["title"] == "Corrected title"


# --- Scheduling --------------------------------------------------------------------------------------


@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=LONDON), tick=False)
def test_schedule_takes_a_date_and_a_uk_time(publisher_client, draft):
    response = press(publisher_client, draft, "schedule")
    assert response["Location"] == page("schedule", draft)
    publisher_client.post(response["Location"], {"date": "2026-06-03", "time": "09:30"})
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED
    assert draft.published_at == datetime(2026, 6, 3, 9, 30, tzinfo=LONDON)  # 08:30 UTC in summer
    assert draft.is_scheduled


@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=LONDON), tick=False)
def test_a_time_in_the_past_is_a_form_error(publisher_client, draft):
    response = publisher_client.post(page("schedule", draft), {"date": "2026-05-01", "time": "09:30"})
    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_a_bad_date_is_a_form_error_not_a_crash(publisher_client, draft):
    response = publisher_client.post(page("schedule", draft), {"date": "31/31/2026", "time": "25:99"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_publisher_unpublishes_a_live_article_after_confirming(publisher_client):
    live = ArticleFactory()
    assert "Unpublish" in publisher_client.get(page("unpublish", live)).content.decode()
    publisher_client.post(page("unpublish", live))
    live.refresh_from_db()
    assert live.status == ArticleStatus.UNPUBLISHED


def test_a_live_article_cannot_be_published_again(publisher_client):
    live = ArticleFactory()
    first = live.published_at
    publisher_client.post(page("publish", live))
    live.refresh_from_db()
    assert live.published_at == first


# --- Bulk actions --------------------------------------------------------------------------------------


def bulk(client, action, *articles, confirmed=True):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(a.pk) for a in articles]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(CHANGELIST, data)


def test_editor_is_not_offered_the_publishing_bulk_actions(editor_client):
    ArticleFactory()
    choices = dict(editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "publish_now" not in choices
    assert "unpublish" not in choices


def test_publisher_is_offered_them(publisher_client):
    ArticleFactory()
    choices = dict(publisher_client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert {"publish_now", "unpublish"} <= set(choices)


def test_bulk_publish_asks_first_and_changes_nothing_until_confirmed(publisher_client, draft):
    response = bulk(publisher_client, "publish_now", draft, confirmed=False)
    assert response.status_code == 200
    page_text = response.content.decode()
    assert "Publish these articles now?" in page_text
    assert draft.title in page_text
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_bulk_publish_after_confirming(publisher_client, draft):
    bulk(publisher_client, "publish_now", draft)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED


def test_crafted_publish_bulk_action_from_editor_changes_nothing(editor_client, draft):
    bulk(editor_client, "publish_now", draft)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_crafted_unpublish_bulk_action_from_editor_changes_nothing(editor_client):
    live = ArticleFactory()
    bulk(editor_client, "unpublish", live)
    live.refresh_from_db()
    assert live.status == ArticleStatus.PUBLISHED


def test_bulk_unpublish_asks_first(publisher_client):
    live = ArticleFactory()
    assert "Unpublish these articles?" in bulk(publisher_client, "unpublish", live, confirmed=False).content.decode()
    live.refresh_from_db()
    assert live.status == ArticleStatus.PUBLISHED
    bulk(publisher_client, "unpublish", live)
    live.refresh_from_db()
    assert live.status == ArticleStatus.UNPUBLISHED


def test_editor_bulk_submits_for_review(editor_client, draft):
    bulk(editor_client, "submit_for_review", draft)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.IN_REVIEW


def test_bulk_submit_refuses_a_live_article_with_a_reason(editor_client):
    live = ArticleFactory(title="Already live")
    response = bulk(editor_client, "submit_for_review", live)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["“Already live”: There are no unpublished changes to submit."]


def test_publisher_bulk_publishes_a_scheduled_article_now(publisher_client):
    future = ArticleFactory(scheduled=True)
    bulk(publisher_client, "publish_now", future)
    future.refresh_from_db()
    assert future.published_at <= timezone.now()


def test_bulk_move_to_bin_refuses_a_live_article(publisher_client):
    live = ArticleFactory()
    bulk(publisher_client, "move_to_bin", live)
    assert not Article.objects.binned().filter(pk=live.pk).exists()


# --- The list --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_kwargs", "label"),
    [
        ({"draft": True}, "Draft"),
        ({"draft": True, "status": ArticleStatus.IN_REVIEW}, "In review"),
        ({"scheduled": True}, "Scheduled"),
        ({}, "Live"),
        ({"status": ArticleStatus.UNPUBLISHED}, "Unpublished"),
    ],
)
def test_admin_list_shows_the_state(admin_client, article_kwargs, label):
    ArticleFactory(**article_kwargs)
    assert f">{label}</span>" in admin_client.get(CHANGELIST).content.decode()


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("draft", "Draft one"),
        ("in_review", "Review one"),
        ("scheduled", "Future one"),
        ("published", "Live one"),
        ("unpublished", "Gone one"),
    ],
)
def test_admin_list_filters_by_state(admin_client, state, expected):
    ArticleFactory(draft=True, title="Draft one")
    ArticleFactory(draft=True, status=ArticleStatus.IN_REVIEW, title="Review one")
    ArticleFactory(scheduled=True, title="Future one")
    ArticleFactory(title="Live one")
    ArticleFactory(status=ArticleStatus.UNPUBLISHED, title="Gone one")
    response = admin_client.get(CHANGELIST, {"state": state})
    assert [a.title for a in response.context["cl"].result_list] == [expected]


# --- New articles -----------------------------------------------------------------------------------------


def new_article_data(client, **changes):
    data = form_data(client, reverse("admin:articles_article_add"))
    data.update(
        {
            "title": "Brand new piece",
            "slug": "brand-new-piece",
            "standfirst": "A new piece.",
            "body": "Text.",
            "article_authors-0-author": str(AuthorFactory().pk),
            "article_authors-0-position": "0",
            "_action": "save",
        }
    )
    data.update(changes)
    return data


def test_editor_creates_a_draft(editor_client):
    editor_client.post(reverse("admin:articles_article_add"), new_article_data(editor_client))
    assert Article.objects.get(slug="brand-new-piece").status == ArticleStatus.DRAFT


def test_crafted_post_from_editor_cannot_create_a_published_article(editor_client):
    data = new_article_data(editor_client, status=ArticleStatus.PUBLISHED, _action="publish")
    editor_client.post(reverse("admin:articles_article_add"), data)
    assert Article.objects.get(slug="brand-new-piece").status == ArticleStatus.DRAFT


def test_publisher_saves_a_new_article_and_is_asked_to_confirm_publishing(publisher_client):
    data = new_article_data(publisher_client, _action="publish")
    response = publisher_client.post(reverse("admin:articles_article_add"), data)
    article = Article.objects.get(slug="brand-new-piece")
    assert response["Location"] == page("publish", article)
    assert article.status == ArticleStatus.DRAFT
