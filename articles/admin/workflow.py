"""The workflow in the article admin: role-aware status choices, bulk actions, list filter.

The rules themselves live in articles/workflow.py; this module only asks them. The status
menu lists only the moves the user may make, but the form still validates against every
status so that a crafted POST reaches ``refusal()`` and gets its explanation.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote

from articles.editorial.workflow import (
    NEW_ARTICLE,
    State,
    TransitionRefused,
    allowed_statuses,
    can_publish,
    move,
    refusal,
)
from articles.models import ArticleStatus, SlugRedirect


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            (ArticleStatus.DRAFT, "Draft"),
            (ArticleStatus.IN_REVIEW, "In review"),
            ("scheduled", "Scheduled"),
            (ArticleStatus.PUBLISHED, "Published (live)"),
            (ArticleStatus.UNPUBLISHED, "Unpublished"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == ArticleStatus.PUBLISHED:
            return queryset.published()
        if value in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


class WorkflowFormMixin(forms.ModelForm):
    # Set per request by WorkflowAdminMixin.get_form().
    workflow_user = None
    workflow_baseline = None

    revision_comment = forms.CharField(
        label="Note for the history",
        required=False,
        max_length=200,
        help_text="Optional: what you changed and why. Colleagues see it on the History page.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.workflow_baseline is not None:
            self.before = self.workflow_baseline
        elif self.instance.pk:
            self.before = State(self.instance.status, self.instance.published_at)
        else:
            self.before = NEW_ARTICLE
        status = self.fields.get("status")
        if status is not None:
            allowed = allowed_statuses(self.workflow_user, self.before.status)
            status.widget.choices = [choice for choice in status.choices if choice[0] in allowed]
        published_at = self.fields.get("published_at")
        if published_at is not None and not can_publish(self.workflow_user):
            published_at.disabled = True
            published_at.help_text = "Set by a Publisher, who decides when the article goes out."

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned and "published_at" in cleaned:
            after = State(cleaned["status"], cleaned["published_at"])
            problem = refusal(self.workflow_user, self.before, after)
            if problem:
                field = "published_at" if after.status == self.before.status else "status"
                self.add_error(field, problem)
        return cleaned


class WorkflowAdminMixin:
    actions = ["submit_for_review", "return_to_draft", "publish_now", "unpublish"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        attrs = {"workflow_user": request.user, "workflow_baseline": getattr(request, "workflow_baseline", None)}
        return type(form.__name__, (form,), attrs)

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), ("Saving", {"fields": ["revision_comment", "opened_version"]})]

    def has_publish_permission(self, request):
        return can_publish(request.user)

    # A restored or recovered revision is judged against the article as it is now, not
    # against the old state being restored.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is not None:
            request.workflow_baseline = State(current.status, current.published_at)
        response = super().revision_view(request, object_id, version_id, extra_context)
        if current is not None and request.method == "POST" and response.status_code == 302:
            restored = self.get_object(request, str(current.pk))
            if restored is not None and restored.slug != current.slug:
                SlugRedirect.remember(restored, current.slug)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        request.workflow_baseline = NEW_ARTICLE
        return super().recover_view(request, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        request.revision_note = form.cleaned_data.get("revision_comment", "")
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        return self._add_note(request, super().log_change(request, obj, message))

    def log_addition(self, request, obj, message):
        return self._add_note(request, super().log_addition(request, obj, message))

    @staticmethod
    def _add_note(request, entry):
        note = getattr(request, "revision_note", "")
        if note and reversion.is_active():
            reversion.set_comment(f"{note} — {entry.get_change_message()}")
        return entry

    def _move(self, request, queryset, status):
        moved = 0
        for article in queryset:
            try:
                move(article, status, request.user)
                moved += 1
            except TransitionRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
        if moved:
            label = ArticleStatus(status).label.lower()
            self.message_user(request, f"{moved} article{'s' if moved != 1 else ''} now {label}.", messages.SUCCESS)

    @admin.action(description="Submit selected articles for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move(request, queryset, ArticleStatus.IN_REVIEW)

    @admin.action(description="Return selected articles to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._move(request, queryset, ArticleStatus.DRAFT)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._move(request, queryset, ArticleStatus.PUBLISHED)

    @admin.action(description="Unpublish (take down) selected articles", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._move(request, queryset, ArticleStatus.UNPUBLISHED)
