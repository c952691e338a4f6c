"""The audit log: exactly one entry per action, saying who did what, from which state to which; append-only."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Article, AuditAction, AuditEntry, ShareLink
from tests.editorial.forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


@pytest.fixture
def publisher(publisher_user):
    publisher_user.first_name, publisher_user.last_name = "Pat", "Publisher"
    publisher_user.save()
    client = Client()
    client.force_login(publisher_user)
    return client


@pytest.fixture
def editor(editor_user):
    client = Client()
    client.force_login(editor_user)
    return client


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="Dormant cells")


@pytest.fixture
def live():
    return ArticleFactory(title="Live findings")


def page(name, article):
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


class NewEntry:
    """Remembers the newest entry; ``get()`` returns the one entry written since, failing if there are more."""

    def __init__(self):
        last = AuditEntry.objects.order_by("-pk").first()
        self.since = last.pk if last else 0

    def get(self):
        new = list(AuditEntry.objects.filter(pk__gt=self.since).order_by("pk"))
        assert len(new) == 1, [str(entry) for entry in new]
        return new[0]


def summary(entry):
    return (entry.actor_name, entry.action, entry.object_repr, entry.from_state, entry.to_state)


def with_changes(article, user, **values):
    content = ArticleContent.current(article)
    content.values.update(values)
    return changes.save_article(user, article, content)


def test_publish(publisher, draft):
    entries = NewEntry()
    publisher.post(page("publish", draft))
    assert summary(entries.get()) == ("Pat Publisher", AuditAction.PUBLISH, "Dormant cells", "Draft", "Live")


def test_unpublish(publisher, live):
    entries = NewEntry()
    publisher.post(page("unpublish", live))
    assert summary(entries.get()) == ("Pat Publisher", AuditAction.UNPUBLISH, "Live findings", "Live", "Unpublished")


def test_schedule(publisher, draft):
    entries = NewEntry()
    publisher.post(page("schedule", draft), {"date": "2099-01-05", "time": "09:00"})
    assert summary(entries.get()) == (
        "Pat Publisher",
        AuditAction.SCHEDULE,
        "Dormant cells",
        "Draft",
        "Scheduled for Mon 5 Jan 2099, 09:00 (UK time)",
    )


def test_publish_changes(publisher, live, editor_user):
    with_changes(live, editor_user, title="Live findings, revised")
    changes.submit(editor_user, live)
    entries = NewEntry()
    publisher.post(page("changes", live), {"_action": "publish"})
    assert summary(entries.get()) == (
        "Pat Publisher",
        AuditAction.PUBLISH_CHANGES,
        "Live findings, revised",
        "Changes in review",
        "Live",
    )


def test_publish_changes_nobody_submitted_says_so(publisher, live, editor_user):
    with_changes(live, editor_user, title="Live findings, revised")
    entries = NewEntry()
    publisher.post(page("changes", live), {"_action": "publish"})
    assert entries.get().from_state == "Changes being edited"


def test_send_back(publisher, draft, editor_user):
    changes.submit(editor_user, draft)
    entries = NewEntry()
    publisher.post(page("send_back", draft), {"comment": "Add the trial's size."})
    entry = entries.get()
    assert summary(entry) == ("Pat Publisher", AuditAction.SEND_BACK, "Dormant cells", "In review", "Draft")
    assert entry.detail == "Add the trial's size."


def test_discard_changes(publisher, live, editor_user):
    with_changes(live, editor_user, title="Live findings, revised")
    entries = NewEntry()
    publisher.post(page("changes", live), {"_action": "discard"})
    assert summary(entries.get()) == (
        "Pat Publisher",
        AuditAction.DISCARD_CHANGES,
        "Live findings",
        "Unpublished changes",
        "Live",
    )


def test_delete_to_the_bin(editor, draft):
    entries = NewEntry()
    editor.post(page("delete", draft), {"post": "yes"})
    assert summary(entries.get()) == ("editor", AuditAction.DELETE, "Dormant cells", "Draft", "In the bin")


def test_restore_from_the_bin(editor, editor_user, draft):
    changes.move_to_bin(editor_user, draft)
    entries = NewEntry()
    editor.post(
        reverse("admin:articles_binnedarticle_changelist"),
        {"action": "restore_as_draft", ACTION_CHECKBOX_NAME: [str(draft.pk)]},
    )
    assert summary(entries.get()) == ("editor", AuditAction.RESTORE, "Dormant cells", "In the bin", "Draft")


def test_revert_to_an_earlier_version(editor, editor_user, draft):
    first = Version.objects.get_for_object(draft).get()
    with_changes(draft, editor_user, title="Dormant cells, renamed")
    url = reverse("admin:articles_article_revision", args=[draft.pk, first.pk])
    entries = NewEntry()
    editor.post(url, {"edit_base": editor.get(url).context["edit_base"]})
    entry = entries.get()
    assert (entry.actor_name, entry.action, entry.object_repr) == ("editor", AuditAction.REVERT, "Dormant cells")
    assert entry.detail.startswith("Version of ")


def test_purge(draft, editor_user):
    changes.move_to_bin(editor_user, draft)
    entries = NewEntry()
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        call_command("purge_bin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert summary(entries.get()) == ("System", AuditAction.PURGE, "Dormant cells", "In the bin", "Deleted")


def test_recover(editor, editor_user, draft):
    changes.move_to_bin(editor_user, draft)
    changes.purge_bin(older_than_days=0)
    version = Version.objects.get_deleted(Article).first()
    entries = NewEntry()
    editor.post(reverse("admin:articles_article_recover", args=[version.pk]))
    assert summary(entries.get()) == ("editor", AuditAction.RECOVER, "Dormant cells", "Deleted", "Draft")


def test_share_link_created(publisher, draft):
    entries = NewEntry()
    publisher.post(reverse("admin:articles_sharelink_add"), {"article": draft.pk, "shared_with": "Dr Lee", "days": 3})
    entry = entries.get()
    assert (entry.actor_name, entry.action, entry.object_repr) == (
        "Pat Publisher",
        AuditAction.SHARE_CREATED,
        "Dormant cells",
    )
    assert entry.detail == "For Dr Lee, 3 days"


def test_share_link_withdrawn(publisher, publisher_user, draft):
    link = changes.create_share_link(publisher_user, draft, 3, "Dr Lee")
    entries = NewEntry()
    publisher.post(
        reverse("admin:articles_sharelink_changelist"), {"action": "withdraw", ACTION_CHECKBOX_NAME: [str(link.pk)]}
    )
    entry = entries.get()
    assert (entry.action, entry.object_repr, entry.detail) == (
        AuditAction.SHARE_WITHDRAWN,
        "Dormant cells",
        "For Dr Lee",
    )
    assert ShareLink.objects.get().revoked_at is not None


def test_role_change_through_the_user_admin(admin_client, admin_user, editor_user):
    url = reverse("admin:auth_user_change", args=[editor_user.pk])
    data = form_data(admin_client, url)
    data["groups"] = [str(Group.objects.get(name="Editors").pk), str(Group.objects.get(name="Publishers").pk)]
    data["_save"] = "Save"
    entries = NewEntry()
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert summary(entries.get()) == (
        "admin",
        AuditAction.ROLE_CHANGED,
        "editor",
        "staff, Editors",
        "staff, Editors, Publishers",
    )


def test_saving_a_user_without_changing_the_role_writes_nothing(admin_client, editor_user):
    url = reverse("admin:auth_user_change", args=[editor_user.pk])
    data = form_data(admin_client, url)
    data["first_name"] = "Ellie"
    entries = NewEntry()
    admin_client.post(url, data)
    assert AuditEntry.objects.filter(pk__gt=entries.since).count() == 0


def staff_login(client, username, password):
    """Signs in through the admin's login form, as a person would (one place, should the form change)."""
    return client.post(reverse("admin:login"), {"username": username, "password": password})


def test_successful_staff_login(editor_user):
    entries = NewEntry()
    assert staff_login(Client(), "editor", PASSWORD).status_code == 302
    entry = entries.get()
    assert (entry.actor_name, entry.action, entry.object_repr) == ("editor", AuditAction.LOGIN, "editor")


def test_failed_staff_login(editor_user):
    entries = NewEntry()
    assert staff_login(Client(), "editor", "wrong-password").status_code == 200
    entry = entries.get()
    assert (entry.actor_name, entry.action, entry.detail) == (
        "System",
        AuditAction.LOGIN_FAILED,
        "Username tried: editor",
    )
    assert "wrong-password" not in str(vars(entry))


# --- Append-only ----------------------------------------------------------------------------------------


@pytest.fixture
def entry(publisher, draft):
    publisher.post(page("publish", draft))
    return AuditEntry.objects.get(action=AuditAction.PUBLISH)


def test_nobody_adds_an_entry_through_the_admin(admin_client):
    assert admin_client.get(reverse("admin:articles_auditentry_add")).status_code == 403
    assert admin_client.post(reverse("admin:articles_auditentry_add"), {"action": "publish"}).status_code == 403


def test_nobody_changes_an_entry_through_the_admin(admin_client, entry):
    url = reverse("admin:articles_auditentry_change", args=[entry.pk])
    page_text = admin_client.get(url).content.decode()
    assert 'name="_save"' not in page_text
    assert admin_client.post(url, {"action": "delete", "actor_name": "someone"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).actor_name == "Pat Publisher"


def test_nobody_deletes_an_entry_through_the_admin(admin_client, entry):
    url = reverse("admin:articles_auditentry_delete", args=[entry.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    changelist = admin_client.get(reverse("admin:articles_auditentry_changelist")).content.decode()
    assert "delete_selected" not in changelist
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_editors_cannot_read_the_log(editor):
    assert editor.get(reverse("admin:articles_auditentry_changelist")).status_code == 403


def test_publishers_read_the_log(publisher, entry):
    assert "Dormant cells" in publisher.get(reverse("admin:articles_auditentry_changelist")).content.decode()


def test_queryset_update_and_delete_raise(entry):
    with pytest.raises(TypeError):
        AuditEntry.objects.update(actor_name="someone")
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(TypeError):
        entry.delete()


def test_saving_an_existing_entry_raises(entry):
    entry.actor_name = "someone else"
    with pytest.raises(TypeError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).actor_name == "Pat Publisher"
