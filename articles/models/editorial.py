"""What the editorial write path keeps beside the articles: working copies, review notes, the audit log.

* A **working copy** holds an edit of a published or scheduled article. Readers, feeds,
  search and caches keep showing the live article until a Publisher publishes the copy
  (``articles.editorial.changes.publish_changes``). Its ``content`` is the editable part of
  an article as ``articles.editorial.content.ArticleContent`` serialises it.
* A **review note** is a Publisher's comment when sending an article (or a working copy)
  back; it is listed to the person it was sent to until they submit again.
* The **audit log** is append-only: rows are written by ``articles.editorial.audit`` and
  never changed or deleted through the site. The model refuses updates and deletes, its
  queryset refuses bulk ones, and the admin grants nobody (superusers included) add,
  change or delete. The actor is a plain id column (no foreign-key constraint, no
  cascade) with the name copied beside it, so deleting an account rewrites no entry.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class WorkingCopyStatus(models.TextChoices):
    EDITING = "editing", "Being edited"
    IN_REVIEW = "in_review", "Waiting for review"


class WorkingCopy(models.Model):
    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, related_name="working_copy")
    content = models.JSONField()
    status = models.CharField(max_length=20, choices=WorkingCopyStatus.choices, default=WorkingCopyStatus.EDITING)
    # The live article's edit_version when the copy was started: a live article changed since
    # (by a Publisher publishing at once) is spotted before the copy is published over it.
    based_on_version = models.UUIDField()
    edit_version = models.UUIDField(default=uuid.uuid4)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "unpublished changes"
        verbose_name_plural = "unpublished changes"

    def __str__(self):
        return f"Changes to “{self.article}”"


class ReviewNote(models.Model):
    """A Publisher's comment on sending an article or its changes back."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="review_notes")
    on_changes = models.BooleanField(default=False, help_text="Sent back as unpublished changes of a live article.")
    comment = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="review_notes_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note on “{self.article}”"


class AuditAction(models.TextChoices):
    SUBMIT = "submit", "Submitted for review"
    PUBLISH = "publish", "Published"
    SCHEDULE = "schedule", "Scheduled"
    PUBLISH_CHANGES = "publish_changes", "Published changes"
    UNPUBLISH = "unpublish", "Unpublished"
    SEND_BACK = "send_back", "Sent back"
    DISCARD_CHANGES = "discard_changes", "Discarded changes"
    DELETE = "delete", "Deleted"
    RESTORE = "restore", "Restored from the bin"
    REVERT = "revert", "Restored an earlier version"
    RECOVER = "recover", "Recovered after deletion"
    PURGE = "purge", "Emptied from the bin"
    SHARE_CREATED = "share_created", "Share link created"
    SHARE_WITHDRAWN = "share_withdrawn", "Share link withdrawn"
    ROLE_CHANGED = "role_changed", "Staff role changed"
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEntry(models.Model):
    at = models.DateTimeField("when", auto_now_add=True, db_index=True)
    actor_id = models.IntegerField(null=True, blank=True, db_index=True)
    actor_name = models.CharField("who", max_length=150, blank=True)
    action = models.CharField(max_length=30, choices=AuditAction.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("what", max_length=250, blank=True)
    from_state = models.CharField("from", max_length=60, blank=True)
    to_state = models.CharField("to", max_length=60, blank=True)
    detail = models.TextField(blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"

    def __str__(self):
        return f"{self.actor_name or 'System'}: {self.get_action_display()} {self.object_repr}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only: entries cannot be deleted.")
