"""Health-information reviews: who checks an article's facts, and the record of each review.

An article that gives health information is reviewed by people with credentials, and readers
see when ("Page last reviewed … · Next review due …"), by whom, and what changed. A review is
marked on a version of the article (the ``pending_review`` fields of ``Article``, part of its
editable content, so working copies carry it) and becomes a ``ReviewRecord`` only when a
Publisher publishes that version: ``articles.editorial.review.record_pending_review``, called
by the write path alone. Records are history: nothing in the admin edits them.
"""

from django.conf import settings
from django.db import models


class Reviewer(models.Model):
    """Someone who checks articles: a clinician, a nurse, a researcher, or one of the site's authors."""

    name = models.CharField(max_length=120, help_text="As readers should see it, e.g. Dr Priya Shah.")
    role = models.CharField(
        max_length=160, blank=True, help_text="e.g. Consultant Breast Surgeon, Clinical Nurse Specialist."
    )
    qualification = models.CharField(
        max_length=120, blank=True, help_text="Letters or training that show their expertise, e.g. MBChB FRCS."
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="e.g. Leeds Teaching Hospitals NHS Trust.")
    author = models.ForeignKey(
        "articles.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer_records",
        help_text="Optional: if this reviewer also writes for the site, their researcher page is linked.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def credentials(self):
        """ "Consultant Oncologist, FRCP, The Royal Marsden": what readers see after the name."""
        return ", ".join(part for part in (self.role, self.qualification, self.organisation) if part)


class ReviewRecord(models.Model):
    """One review of an article, written when the reviewed version was published."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="review_records")
    reviewed_on = models.DateField("reviewed", help_text="The day the reviewed version was published (UK time).")
    next_review_due = models.DateField()
    reviewers = models.ManyToManyField(Reviewer, blank=True, related_name="reviews")
    note = models.CharField("what changed", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = "review record"

    def __str__(self):
        return f"Review of “{self.article}” on {self.reviewed_on:%d %b %Y}"
