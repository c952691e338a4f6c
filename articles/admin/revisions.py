"""History for every content admin: revisions (django-reversion), compare, and safe deletes.

django-reversion records each admin save as a revision (who, when, comment) and gives the
history, restore and "Recover deleted" screens; each of those checks the model permissions
itself. What it lacks is added here: a field-by-field comparison of two revisions (same
permission as the history page), and a snapshot taken just before a delete, so an object
that was never saved through the admin can still be recovered.
"""

import difflib
from datetime import datetime
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import timezone
from django.utils.text import capfirst
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.content.sources import citation_text
from articles.editorial import changes

# Values the editor never sets; comparing them would only add noise.
HIDDEN_IN_COMPARE = {
    "id",
    "body_html",
    "bio_html",
    "edit_version",
    "reading_time",
    "reading_age",
    "hero_width",
    "hero_height",
    "created_at",
    "updated_at",
}


class CompareForm(forms.Form):
    # Version ids are positive 64-bit integers; anything else is refused before it reaches the database.
    older = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    newer = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def compared_fields(model, older, newer):
    """One row per field the editor can see: label, both values, and whether it changed."""
    rows = []
    old_values, new_values = older.field_dict, newer.field_dict
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or field.name in HIDDEN_IN_COMPARE:
            continue
        if field.attname not in old_values and field.attname not in new_values:
            continue
        before = _readable(field, old_values.get(field.attname))
        after = _readable(field, new_values.get(field.attname))
        rows.append(
            {
                "label": capfirst(field.verbose_name),
                "before": before,
                "after": after,
                "changed": before != after,
                "diff": _line_diff(before, after) if before != after and "\n" in before + after else [],
            }
        )
    if hasattr(model, "article_authors"):
        before, after = _byline(older), _byline(newer)
        rows.append({"label": "Authors", "before": before, "after": after, "changed": before != after, "diff": []})
    if hasattr(model, "references"):
        before, after = _sources(older), _sources(newer)
        changed = before != after
        diff = _line_diff(before, after) if changed and "\n" in before + after else []
        rows.append({"label": "Sources", "before": before, "after": after, "changed": changed, "diff": diff})
    return rows


def _sources(version):
    """The Sources list saved in the same revision, one numbered line per source."""
    if not hasattr(version, "revision"):
        return ""
    sources = [
        v.field_dict
        for v in version.revision.version_set.all()
        if v._model._meta.model_name == "reference" and str(v.field_dict["article_id"]) == version.object_id
    ]
    sources.sort(key=lambda source: (source["number"], source["id"]))
    return "\n".join(f"{source['number']}. {citation_text(source)}" for source in sources)


def _byline(version):
    """The byline saved in the same revision: the article's ArticleAuthor rows, in order."""
    if not hasattr(version, "revision"):
        return ""
    links = [
        v.field_dict
        for v in version.revision.version_set.all()
        if v._model._meta.model_name == "articleauthor" and str(v.field_dict["article_id"]) == version.object_id
    ]
    links.sort(key=lambda link: (link["position"], link["id"]))
    author_model = version._model._meta.get_field("authors").related_model
    authors = author_model._default_manager.filter(pk__in=[link["author_id"] for link in links])
    names = {author.pk: str(author) for author in authors}
    return ", ".join(names.get(link["author_id"], f"(deleted author {link['author_id']})") for link in links)


def changed_field_labels(model, older, newer):
    return [row["label"] for row in compared_fields(model, older, newer) if row["changed"]]


def _readable(field, value):
    if value is None or value == "":
        return ""
    if isinstance(field, models.ManyToManyField):
        return ", ".join(sorted(str(obj) for obj in field.related_model._default_manager.filter(pk__in=value)))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(deleted, id {value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str):
        # Browsers send text areas with CRLF line ends and may drop a final newline;
        # neither alone is a change an editor would recognise.
        return "\n".join(value.splitlines())
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d %b %Y %H:%M:%S}"
    return str(value)


def _line_diff(before, after, context=2):
    """Changed lines with a little context around them; long unchanged stretches become "…"."""
    lines = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if not line.startswith("?")]
    changed = [i for i, line in enumerate(lines) if line[:1] in "+-"]
    shown, previous = [], -1
    for index, line in enumerate(lines):
        if not any(abs(index - c) <= context for c in changed):
            continue
        if index > previous + 1:
            shown.append({"kind": "gap", "text": "…"})
        shown.append({"kind": {"+": "added", "-": "removed"}.get(line[:1], "same"), "text": line[2:]})
        previous = index
    if previous < len(lines) - 1:
        shown.append({"kind": "gap", "text": "…"})
    return shown


class RevisionCompareMixin:
    object_history_template = "admin/articles/revision_history.html"
    compare_template = "admin/articles/revision_compare.html"

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        # Each row links to its version; the compare form needs the version's id itself.
        for action in getattr(response, "context_data", {}).get("action_list", []):
            action["version_id"] = resolve(action["url"]).args[-1]
        return response

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if obj is None:
            raise Http404("No such object.")
        history_url = reverse(
            f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_history",
            args=[quote(obj.pk)],
        )
        choice = CompareForm(request.GET)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        older = newer = None
        if choice.is_valid():
            wanted = choice.cleaned_data
            picked = {v.pk: v for v in versions.filter(pk__in=[wanted["older"], wanted["newer"]])}
            older, newer = picked.get(wanted["older"]), picked.get(wanted["newer"])
        if older is None or newer is None:
            messages.error(request, "Choose two saved versions of this item to compare.")
            return redirect(history_url)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{obj}”",
            "opts": self.model._meta,
            "object": obj,
            "older": older,
            "newer": newer,
            "rows": compared_fields(self.model, older, newer),
            "history_url": history_url,
        }
        return TemplateResponse(request, self.compare_template, context)


class DeletesThroughWritePathMixin:
    """Deleting, one or in bulk, goes through the write path (rules, audit entry, refresh)."""

    def delete_model(self, request, obj):
        changes.delete_object(request.user, obj)

    def delete_queryset(self, request, queryset):
        with changes.change(request.user):
            for obj in queryset:
                changes.delete_object(request.user, obj)


class WritePathAdminMixin(DeletesThroughWritePathMixin):
    """Saves, deletes, restores and recoveries go through ``articles.editorial.changes``.

    django-reversion's own restore and recover views revert a whole revision, looked up by
    an id from the URL without checking its model: they could bring back, straight to
    live, another model's object or everything deleted beside the one chosen. Here a
    version is found only among this object's (or, to recover, this model's) versions,
    and exactly one object is restored, under the same rules as a save.
    """

    delete_confirmation_template = "admin/articles/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/articles/delete_selected_confirmation.html"
    revision_restore_template = "admin/articles/revision_restore.html"
    recover_form_template = "admin/articles/recover_form.html"

    def save_model(self, request, obj, form, change):
        """Nothing here: saved with its relations in ``save_related``, in one change."""

    def save_related(self, request, form, formsets, change):
        def relations():
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        changes.save_object(request.user, form.instance, relations)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {"consequences": self.delete_consequences(obj) if obj is not None else []}
        return super().delete_view(request, object_id, {**extra, **(extra_context or {})})

    def delete_consequences(self, obj):
        """What deleting ``obj`` does to readers' pages, in words."""
        return []

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = Version.objects.get_for_object(obj).select_related("revision__user").filter(pk=version_id).first()
        if version is None:
            raise Http404("This item has no saved version with that number.")
        change_url = reverse(
            f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
            args=[quote(obj.pk)],
        )
        if request.method == "POST":
            try:
                message = self.restore_version(request, obj, version)
            except changes.EditConflict as conflict:
                messages.error(
                    request,
                    "Someone changed this since you opened the earlier version "
                    f"({', '.join(conflict.fields)}); nothing was restored. Look at it again before restoring.",
                )
                return redirect(request.path)
            except (changes.Refused, ValidationError) as refused:
                messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
                return redirect(request.path)
            messages.success(request, message)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "version": version,
            "title": f"Restore an earlier version of “{obj}”",
            "change_url": change_url,
            **self.restore_context(obj, version),
        }
        return TemplateResponse(request, self.revision_restore_template, context)

    def restore_context(self, obj, version):
        current = SimpleNamespace(field_dict=_current_field_dict(obj))
        return {"rows": compared_fields(self.model, version, current), "edit_base": ""}

    def restore_version(self, request, obj, version):
        changes.revert_object(request.user, obj, version)
        return f"Restored the version of {changes.uk_time(version.revision.date_created)}."

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = (
            Version.objects.get_for_model(self.model).select_related("revision__user").filter(pk=version_id).first()
        )
        if version is None or self.model._default_manager.filter(pk=version.object_id).exists():
            raise Http404("There is no deleted item of this kind with that number.")
        if request.method == "POST":
            try:
                recovered = changes.recover_object(request.user, self.model, version)
            except changes.Refused as refused:
                messages.error(request, str(refused))
                return redirect(request.path)
            opts = self.model._meta
            messages.success(request, self.recovered_message(recovered))
            return redirect(
                reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(recovered.pk)])
            )
        empty = SimpleNamespace(field_dict={})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "version": version,
            "title": f"Recover “{version.object_repr}”",
            "rows": [row for row in compared_fields(self.model, empty, version) if row["after"]],
        }
        return TemplateResponse(request, self.recover_form_template, context)

    def recovered_message(self, obj):
        return f"“{obj}” is back."


def _current_field_dict(obj):
    values = {field.attname: field.value_from_object(obj) for field in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        values[field.attname] = [related.pk for related in field.value_from_object(obj)]
    return values


class HistoryAdmin(RevisionCompareMixin, WritePathAdminMixin, VersionAdmin):
    """Base for content admins: every save is a revision that can be compared and restored."""
