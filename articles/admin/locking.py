"""Optimistic locking for the article change form: no save silently replaces a colleague's.

The form carries the ``edit_version`` the article had when it was opened. If the article was
saved since, the save is refused: the editor sees who saved it, when and which fields they
changed, with their own typing kept in the form. The hidden value then moves on to the
current version, so saving again (after reviewing) is a deliberate choice, not an accident.
The row is read with SELECT … FOR UPDATE inside the admin's transaction, so two saves
arriving together are serialised rather than both passing the check.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from reversion.models import Version

from articles.admin.revisions import changed_field_labels


class EditLockFormMixin(forms.ModelForm):
    opened_version = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.edit_version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values_list("edit_version", flat=True).first()
        opened = cleaned.get("opened_version")
        if current is not None and opened != current:
            self.add_error(None, self._conflict_message(opened))
            data = self.data.copy()
            data[self.add_prefix("opened_version")] = str(current)
            self.data = data
        return cleaned

    def _conflict_message(self, opened):
        article = self.instance
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        latest = versions.first()
        who = "A colleague"
        when = ""
        if latest is not None:
            user = latest.revision.user
            who = (user.get_full_name() or user.get_username()) if user else "Someone"
            when = f" at {timezone.localtime(latest.revision.date_created):%H:%M on %d %b %Y}"
        opened_version = versions.filter(serialized_data__contains=str(opened)).first() if opened else None
        changed = ""
        review = reverse("admin:articles_article_history", args=[quote(article.pk)])
        review_label = "the history"
        if latest is not None and opened_version is not None and opened_version != latest:
            labels = changed_field_labels(type(article), opened_version, latest)
            if labels:
                changed = " They changed: " + ", ".join(labels) + "."
            compare = reverse("admin:articles_article_compare", args=[quote(article.pk)])
            review = f"{compare}?{urlencode({'older': opened_version.pk, 'newer': latest.pk})}"
            review_label = "what they changed"
        return ValidationError(
            format_html(
                "{} saved this article{}, after you opened it, so your changes have not been saved.{} "
                'Your text is still in the form below. Review <a href="{}">{}</a> or the '
                '<a href="{}">preview</a>, then save again to replace it with yours.',
                who,
                when,
                changed,
                review,
                review_label,
                article.get_absolute_url(),
            ),
            code="edit_conflict",
        )
