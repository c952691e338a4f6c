"""Health-information reviews in the admin: the article form's Review section, the Reviews page, reviewers.

The review dates are not fields of the form: an editor marks a version as a review (who
checked it, what changed) and the write path records it when a Publisher publishes that
version (``articles.editorial.review``). The Reviews page lists what is overdue or due soon,
for anyone who may see articles.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from articles.admin.revisions import HistoryAdmin
from articles.editorial.review import NO_REVIEWERS
from articles.editorial.review_due import DUE_SOON_DAYS, due_for_review
from articles.feedback.summary import feedback_counts, feedback_summary
from articles.models import Author, Reviewer, Topic

REVIEW_FIELDSET = (
    "Health information review",
    {
        "fields": [
            "gives_health_information",
            "review_record",
            "pending_review",
            "pending_reviewers",
            "pending_review_note",
            "pending_next_review_due",
        ],
        "description": "Readers see when the page was last reviewed, by whom, and when the next review is due. "
        "A review is recorded when a Publisher publishes the version marked here.",
    },
)


class ReviewFormMixin(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pending_review") and not cleaned.get("pending_reviewers"):
            self.add_error("pending_reviewers", NO_REVIEWERS)
        due = cleaned.get("pending_next_review_due")
        if due and due <= timezone.localdate():
            self.add_error("pending_next_review_due", "Choose a date in the future, or leave it empty.")
        return cleaned


class ReviewFilterForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, empty_label="All topics")
    author = forms.ModelChoiceField(Author.objects.all(), required=False, empty_label="All authors")


class ReviewsAdminMixin:
    """The article admin's Reviews page and the read-only review record on its form."""

    def get_urls(self):
        reviews = path("reviews/", self.admin_site.admin_view(self.reviews_view), name="articles_article_reviews")
        return [reviews, *super().get_urls()]

    def reviews_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        form = ReviewFilterForm(request.GET or None)
        chosen = form.cleaned_data if form.is_valid() else {}
        today = timezone.localdate()
        rows = due_for_review(today, topic=chosen.get("topic"), author=chosen.get("author"))
        # What readers said since, so the next review starts from it (PIF TICK criterion 8).
        answers = feedback_counts([row.article.pk for row in rows])
        for row in rows:
            row.feedback = answers.get(row.article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Reviews due",
            "form": form,
            "overdue": [row for row in rows if row.overdue],
            "due_soon": [row for row in rows if not row.overdue],
            "today": today,
            "due_soon_days": DUE_SOON_DAYS,
        }
        return TemplateResponse(request, "admin/articles/article/reviews.html", context)

    @admin.display(description="review record")
    def review_record(self, article):
        if article is None or article.pk is None or article.last_reviewed is None:
            return "Not reviewed yet."
        dates = format_html(
            "Last reviewed {} · next review due {}.",
            date_format(article.last_reviewed, "j F Y"),
            date_format(article.next_review_due, "j F Y"),
        )
        records = article.review_records.prefetch_related("reviewers")
        history = format_html_join(
            "",
            "<li>{}: {}{}</li>",
            (
                (
                    date_format(record.reviewed_on, "j F Y"),
                    ", ".join(reviewer.name for reviewer in record.reviewers.all()) or "no reviewer named",
                    f" — {record.note}" if record.note else "",
                )
                for record in records
            ),
        )
        # What readers said, so the next review sees it (PIF TICK criterion 8).
        readers = render_to_string("admin/includes/feedback_summary.html", {"summary": feedback_summary(article)})
        return format_html("<p>{}</p><ul>{}</ul>{}", dates, history, readers)


@admin.register(Reviewer)
class ReviewerAdmin(HistoryAdmin):
    list_display = ["name", "role", "qualification", "organisation"]
    search_fields = ["name", "role", "organisation"]
    autocomplete_fields = ["author"]

    def has_delete_permission(self, request, obj=None):
        # Readers' review histories name them: a reviewer who reviewed an article stays.
        if obj is not None and obj.reviews.exists():
            return False
        return super().has_delete_permission(request, obj)
