"""The edit lock on the article change form: a colleague's save is merged, never silently replaced.

The form carries ``edit_base``: the fingerprint of every field as it was when the form was
opened (``articles.editorial.merge``). On saving, fields only the colleague changed keep
their value, fields only this editor changed take theirs, and a field both changed is
refused, showing the two versions side by side with this editor's typing kept in the form.
The fingerprint of a refused field then moves on to the colleague's version, so saving
again (after reading both) is a deliberate choice, not an accident. The write path checks
again with the row locked, so two saves arriving together cannot both pass.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.loader import render_to_string

from articles.admin.compare import content_rows
from articles.editorial.content import BYLINE, FIELDS, REFERENCES, ArticleContent
from articles.editorial.merge import dump_base, merge, parse_base

FORM_FIELDS = tuple(name for name in FIELDS if name not in (BYLINE, REFERENCES))  # the inlines merge their own
MISSING_BASE = (
    "This form did not say which version of the article it was opened with, so saving it could undo a "
    "colleague's work. Check the fields below against the article and save again."
)


def conflict_error(theirs, mine, fields):
    html = render_to_string(
        "admin/articles/article/conflict.html",
        {"rows": content_rows(mine, theirs, fields=fields), "fields": fields},
    )
    return ValidationError(html, code="edit_conflict")


class EditLockFormMixin(forms.ModelForm):
    edit_base = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance._edit_lock_form = self  # the byline formset reports its conflicts here
        # Read now: validation puts the posted values on the instance, which would make them "theirs".
        content = self.current_content()
        if not self.is_bound:
            self.fields["edit_base"].initial = dump_base(content)

    @property
    def base(self):
        return parse_base(self.data.get(self.add_prefix("edit_base")) if self.is_bound else None)

    def current_content(self):
        if not hasattr(self, "_current_content"):
            self._current_content = ArticleContent.current(self.instance)
            # The write path reuses this reading if, under its lock, nobody has saved since.
            copy = getattr(self.instance, "working_copy", None) if self.instance.pk else None
            self.instance._versions_read = (self.instance.edit_version, copy.edit_version if copy else None)
            self.instance._current_content = self._current_content
        return self._current_content

    def _post_clean(self):
        super()._post_clean()
        if not self.instance.pk or self.errors:
            return
        data = self.cleaned_data
        theirs = self.current_content()
        if not self.base:
            # Without the fingerprints nobody can tell what a colleague saved meanwhile: never overwrite blindly.
            self.add_error(None, MISSING_BASE)
            self.accept_theirs(FIELDS)
            return
        mine = ArticleContent.from_instance(
            self.instance,
            data.get("topics", []),
            data.get("related_articles", []),
            theirs.values[BYLINE],
            reviewers=data.get("pending_reviewers", []),
            references=theirs.values[REFERENCES],
        )
        result = merge(self.base, theirs, mine, fields=FORM_FIELDS)
        if result.conflicts:
            self.add_error(None, conflict_error(theirs, mine, result.conflicts))
            self.accept_theirs(result.conflicts)

    def accept_theirs(self, fields):
        """Move the base of ``fields`` to the colleague's version (they have now been shown both)."""
        base = dict(self.base)
        theirs = self.current_content().fingerprints()
        base.update({name: theirs[name] for name in fields})
        data = self.data.copy()
        data[self.add_prefix("edit_base")] = json.dumps(base, sort_keys=True)
        self.data = data


class WorkingCopyRowsFormSet(BaseInlineFormSet):
    """An inline whose rows may come from a working copy: shown as new rows with initial values.

    Django skips a new row the editor did not change, so without this a working copy's second
    author (or any source) was dropped when its form was saved again unchanged.
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if 0 <= i - self.initial_form_count() < len(self.initial_extra or []):
            form.empty_permitted = False
        return form


class BylineFormSet(WorkingCopyRowsFormSet):
    def clean(self):
        super().clean()
        remaining = [
            form for form in self.forms if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        if not remaining:
            raise ValidationError("Add at least one author: every article needs a byline.")
        lock = getattr(self.instance, "_edit_lock_form", None)
        if lock is None or not self.instance.pk:
            return
        theirs = lock.current_content()
        mine = ArticleContent(dict(theirs.values))
        mine.values[BYLINE] = byline_of(self)
        result = merge(lock.base, theirs, mine, fields=(BYLINE,))
        if result.conflicts:
            lock.accept_theirs(result.conflicts)
            raise conflict_error(theirs, mine, result.conflicts)


def byline_of(formset):
    """Author ids in byline order, as the editor left the inline rows."""
    rows = [
        (form.cleaned_data.get("position") or 0, index, form.cleaned_data["author"].pk)
        for index, form in enumerate(formset.forms)
        if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
    ]
    return [author_id for _, _, author_id in sorted(rows)]
