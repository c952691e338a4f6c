"""Each role's allowed and refused state changes, through the form, crafted POSTs and bulk actions."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.editorial.workflow import DATE_NEEDS_PUBLISHER, NOT_A_PUBLISHER
from articles.models import Article, ArticleStatus
from tests.editorial.forms import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:articles_article_changelist")


def save(client, article, **changes):
    data = form_data(client, change_url(article))
    data.update(changes)
    return client.post(change_url(article), data)


def test_publishers_have_the_publish_permission(publisher_user):
    assert publisher_user.has_perm("articles.publish_article")


def test_editors_do_not_have_the_publish_permission():
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(codename="publish_article").exists()


def test_publishers_can_do_everything_editors_can():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True))
    assert editors <= publishers


def test_editor_submits_a_draft_for_review(editor_client, draft):
    save(editor_client, draft, status=ArticleStatus.IN_REVIEW)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.IN_REVIEW


def test_editor_sees_only_draft_and_review_in_the_status_menu(editor_client, draft):
    response = editor_client.get(change_url(draft))
    offered = [value for value, _ in response.context["adminform"].form.fields["status"].widget.choices]
    assert offered == [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW]


def test_publisher_sees_publish_in_the_status_menu(publisher_client, draft):
    response = publisher_client.get(change_url(draft))
    offered = [value for value, _ in response.context["adminform"].form.fields["status"].widget.choices]
    assert ArticleStatus.PUBLISHED in offered


def test_crafted_post_from_editor_setting_published_is_refused(editor_client, draft):
    response = save(editor_client, draft, status=ArticleStatus.PUBLISHED)
    assert NOT_A_PUBLISHER in response.content.decode()


def test_crafted_post_from_editor_leaves_the_draft_unpublished(editor_client, draft):
    save(editor_client, draft, status=ArticleStatus.PUBLISHED)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_crafted_post_from_editor_cannot_schedule(editor_client, draft):
    future = timezone.localtime(timezone.now() + timedelta(days=3))
    save(
        editor_client,
        draft,
        status=ArticleStatus.PUBLISHED,
        published_at_0=f"{future:%Y-%m-%d}",
        published_at_1=f"{future:%H:%M}",
    )
    draft.refresh_from_db()
    assert draft.published_at is None


def test_editor_cannot_unpublish_a_live_article(editor_client):
    article = ArticleFactory()
    response = save(editor_client, article, status=ArticleStatus.UNPUBLISHED)
    assert NOT_A_PUBLISHER in response.content.decode()


def test_editor_can_still_correct_the_text_of_a_live_article(editor_client):
    article = ArticleFactory()
    save(editor_client, article, body="Corrected wording.")
    article.refresh_from_db()
    assert article.body == "Corrected wording."


def test_editor_sees_the_publication_date_as_not_editable(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert response.context["adminform"].form.fields["published_at"].disabled


def test_date_rule_applies_to_any_caller():
    from articles.editorial.workflow import State, refusal

    class Editor:
        def has_perm(self, perm):
            return False

    before = State(ArticleStatus.DRAFT, None)
    after = State(ArticleStatus.DRAFT, timezone.now())
    assert refusal(Editor(), before, after) == DATE_NEEDS_PUBLISHER


def test_publisher_publishes_a_draft(publisher_client, draft):
    save(publisher_client, draft, status=ArticleStatus.PUBLISHED)
    assert Article.objects.published().filter(pk=draft.pk).exists()


def test_publisher_schedules_a_draft(publisher_client, draft):
    future = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    save(
        publisher_client,
        draft,
        status=ArticleStatus.PUBLISHED,
        published_at_0=f"{future:%Y-%m-%d}",
        published_at_1=f"{future:%H:%M}",
    )
    draft.refresh_from_db()
    assert draft.published_at == future


def test_publisher_unpublishes_a_live_article(publisher_client):
    article = ArticleFactory()
    save(publisher_client, article, status=ArticleStatus.UNPUBLISHED)
    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED


def test_published_article_cannot_jump_back_to_draft(publisher_client):
    article = ArticleFactory()
    response = save(publisher_client, article, status=ArticleStatus.DRAFT)
    assert "cannot become draft directly" in response.content.decode()


def bulk(client, action, *articles):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [a.pk for a in articles]}, follow=True)


def test_editor_is_not_offered_the_publish_bulk_action(editor_client):
    response = editor_client.get(CHANGELIST)
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "publish_now" not in actions


def test_publisher_is_offered_the_publish_bulk_action(publisher_client):
    response = publisher_client.get(CHANGELIST)
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "publish_now" in actions


def test_crafted_publish_bulk_action_from_editor_changes_nothing(editor_client, draft):
    bulk(editor_client, "publish_now", draft)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_crafted_unpublish_bulk_action_from_editor_changes_nothing(editor_client):
    article = ArticleFactory()
    bulk(editor_client, "unpublish", article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED


def test_editor_bulk_submits_for_review(editor_client, draft):
    bulk(editor_client, "submit_for_review", draft)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.IN_REVIEW


def test_bulk_submit_refuses_a_live_article_with_a_reason(editor_client):
    article = ArticleFactory(title="Live piece")
    response = bulk(editor_client, "submit_for_review", article)
    assert f"“Live piece”: {NOT_A_PUBLISHER}" in [str(m) for m in response.context["messages"]]


def test_publisher_bulk_publishes_a_scheduled_article_now(publisher_client):
    article = ArticleFactory(scheduled=True)
    bulk(publisher_client, "publish_now", article)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publisher_bulk_unpublishes(publisher_client):
    article = ArticleFactory()
    bulk(publisher_client, "unpublish", article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED


def test_bulk_action_records_a_revision(publisher_client, draft):
    from reversion.models import Version

    bulk(publisher_client, "publish_now", draft)
    assert Version.objects.get_for_object(draft).first().revision.get_comment() == "Status changed to published."


@pytest.mark.parametrize(
    ("article_kwargs", "label"),
    [
        ({"draft": True}, "Draft"),
        ({"draft": True, "status": ArticleStatus.IN_REVIEW}, "In review"),
        ({"scheduled": True}, "Scheduled for"),
        ({}, "Published"),
        ({"status": ArticleStatus.UNPUBLISHED}, "Unpublished"),
    ],
)
def test_admin_list_shows_the_state(admin_client, article_kwargs, label):
    ArticleFactory(**article_kwargs)
    response = admin_client.get(CHANGELIST)
    assert label in response.content.decode()


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
        }
    )
    data.update(changes)
    return data


def test_editor_creates_a_draft(editor_client):
    editor_client.post(reverse("admin:articles_article_add"), new_article_data(editor_client))
    assert Article.objects.get(slug="brand-new-piece").status == ArticleStatus.DRAFT


def test_crafted_post_from_editor_cannot_create_a_published_article(editor_client):
    data = new_article_data(editor_client, status=ArticleStatus.PUBLISHED)
    editor_client.post(reverse("admin:articles_article_add"), data)
    assert not Article.objects.filter(slug="brand-new-piece").exists()
