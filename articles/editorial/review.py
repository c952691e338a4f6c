"""Health-information reviews in the write path: recording a review, and what blocks publishing without one.

A review is marked on a version of an article (its editable content: "This version is a
review", the reviewers, what changed). ``articles.editorial.changes`` alone calls
``record_pending_review``, inside its transaction, when a Publisher publishes or schedules
that version: the record is dated with the publication's UK date, the article's *last
reviewed* and *next review due* follow it, and the mark is cleared. Nothing else sets the
dates, so an editor's correction of a typo (published without the mark) is never a review.

``review_problem`` is the publish check (registered with ``articles.editorial.checks``):
health information with no review date, and no review marked on the version about to be
published, may not be submitted, published or scheduled; an overdue review is a warning.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from articles.editorial.checks import CHECKS, error, warning
from articles.models import Reviewer, ReviewRecord

PENDING_CLEARED = {
    "pending_review": False,
    "pending_review_note": "",
    "pending_next_review_due": None,
    "pending_reviewers": [],
}
NEVER_REVIEWED = (
    "This article gives health information but has never been reviewed. Tick “This version is a review” "
    "and name its reviewers, or untick “Gives health information” if it gives none."
)
NO_REVIEWERS = "A version marked as a review needs at least one reviewer: choose who checked it."


def default_next_review(reviewed_on):
    """The usual review cycle after a review (``HEALTH_REVIEW_CYCLE_DAYS``, two years unless set)."""
    return reviewed_on + datetime.timedelta(days=settings.HEALTH_REVIEW_CYCLE_DAYS)


def _values(article, content):
    if content is not None:
        return content.values
    if article is None:
        return {}
    return {
        "gives_health_information": article.gives_health_information,
        "pending_review": article.pending_review,
        "pending_reviewers": list(article.pending_reviewers.values_list("pk", flat=True)) if article.pk else [],
    }


def review_problem(article, content=None):
    """Why ``article`` (with ``content``, an ``ArticleContent``, when given) may not be published yet, or None."""
    values = _values(article, content)
    if not values.get("gives_health_information", True):
        return None
    if values.get("pending_review"):
        return None if values.get("pending_reviewers") else NO_REVIEWERS
    if article is None or article.last_reviewed is None:
        return NEVER_REVIEWED
    return None


def review_warning(article, content=None, today=None):
    """A review that is overdue does not block a correction, but the Publisher should know."""
    values = _values(article, content)
    today = today or timezone.localdate()
    if values.get("pending_review") or not values.get("gives_health_information", True):
        return None
    if article is not None and article.next_review_due and article.next_review_due < today:
        return f"The review of this article was due on {date_format(article.next_review_due, 'j F Y')}."
    return None


def review_checks(subject):
    """The review's part of the checks before publishing (``articles.editorial.checks``)."""
    problem = review_problem(subject.article, subject.content)
    if problem:
        return [error("no-review", problem)]
    overdue = review_warning(subject.article, subject.content)
    return (
        [warning("review-overdue", overdue + " Mark this version as a review once it is checked.")] if overdue else []
    )


CHECKS.append(review_checks)


def _next_review(values, reviewed_on):
    chosen = values.get("pending_next_review_due")
    return datetime.date.fromisoformat(chosen) if chosen else default_next_review(reviewed_on)


def pending_review_in_words(content, at):
    """What publishing ``content`` at ``at`` records as a review, for the confirmation pages ("" if none is marked)."""
    values = content.values
    if not values.get("pending_review"):
        return ""
    reviewed_on = timezone.localdate(at)
    reviewers = Reviewer.objects.filter(pk__in=values.get("pending_reviewers") or []).order_by("name")
    by = ", ".join(reviewer.name for reviewer in reviewers)
    return (
        f"This version is marked as a review: publishing it records a review{f' by {by}' if by else ''}, "
        f"dated {date_format(reviewed_on, 'j F Y')}, with the next review due "
        f"{date_format(_next_review(values, reviewed_on), 'j F Y')}."
    )


def pending_review_refusal(content, at):
    """Why the review marked on ``content`` cannot be recorded for a publication at ``at``, or None."""
    values = content.values
    if not values.get("pending_review"):
        return None
    if not values.get("pending_reviewers"):
        return NO_REVIEWERS
    reviewed_on = timezone.localdate(at)
    if _next_review(values, reviewed_on) <= reviewed_on:
        return (
            f"The next review must come after this one ({date_format(reviewed_on, 'j F Y')}): change "
            "“Next review due” in the Review section, or leave it empty."
        )
    return None


def record_pending_review(actor, article, content, at):
    """Write the review marked on ``content`` as published at ``at``; clears the mark in ``content``.

    For ``articles.editorial.changes`` only (its transaction, after ``pending_review_refusal``):
    the caller saves the article row and its relations from ``content`` afterwards.
    """
    values = content.values
    if not values.get("pending_review"):
        return None
    reviewed_on = timezone.localdate(at)
    record = ReviewRecord.objects.create(
        article=article,
        reviewed_on=reviewed_on,
        next_review_due=_next_review(values, reviewed_on),
        note=(values.get("pending_review_note") or "").strip(),
        recorded_by=actor,
    )
    record.reviewers.set(Reviewer.objects.filter(pk__in=values["pending_reviewers"]))
    article.last_reviewed, article.next_review_due = record.reviewed_on, record.next_review_due
    values.update(PENDING_CLEARED)
    return record


def in_words(record):
    """A recorded review for the audit log's detail ("" when the change recorded none)."""
    if record is None:
        return ""
    names = ", ".join(reviewer.name for reviewer in record.reviewers.all()) or "no reviewer named"
    note = f": {record.note}" if record.note else ""
    return f"Review recorded for {date_format(record.reviewed_on, 'j F Y')} by {names}{note}"


def move_scheduled_review(article, scheduled_for, now_at):
    """A scheduled article published now, or scheduled again: its review moves with its publication date.

    Only the review recorded for that scheduled publication (dated with it, and recorded
    before it came) moves; an older review of a live article stays as it was.
    """
    if scheduled_for is None or scheduled_for <= timezone.now():
        return
    old_day, new_day = timezone.localdate(scheduled_for), timezone.localdate(now_at)
    record = article.review_records.filter(reviewed_on=old_day, recorded_at__lt=scheduled_for).first()
    if record is None or old_day == new_day or article.last_reviewed != old_day:
        return
    cycle = record.next_review_due - record.reviewed_on
    record.reviewed_on, record.next_review_due = new_day, new_day + cycle
    record.save(update_fields=["reviewed_on", "next_review_due"])
    article.last_reviewed, article.next_review_due = record.reviewed_on, record.next_review_due
