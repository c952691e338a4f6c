"""What is due for review: the admin's Reviews page and the daily digest email list the same articles.

An article is due when it is live (or scheduled), gives health information and its next review
falls within the coming ``DUE_SOON_DAYS`` days, or has passed; one that has never been reviewed
counts as overdue. Soonest first, the never-reviewed at the top.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.formats import date_format

from articles.editorial.notifications import publishers
from articles.models import Article, ArticleAuthor, ArticleStatus

DUE_SOON_DAYS = 60


@dataclass
class Due:
    article: object
    days_left: int | None  # negative: overdue by that many days; None: never reviewed

    @property
    def overdue(self):
        return self.days_left is None or self.days_left < 0

    @property
    def in_words(self):
        if self.days_left is None:
            return "Never reviewed"
        if self.days_left < 0:
            days = -self.days_left
            return f"Overdue by {days} day{'s' if days != 1 else ''}"
        if self.days_left == 0:
            return "Due today"
        return f"Due in {self.days_left} day{'s' if self.days_left != 1 else ''}"


def due_articles(today, within_days=DUE_SOON_DAYS):
    """The articles to review by ``today + within_days`` (a queryset: the dashboard counts them)."""
    horizon = today + datetime.timedelta(days=within_days)
    return Article.objects.not_binned().filter(
        Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True),
        status=ArticleStatus.PUBLISHED,
        gives_health_information=True,
    )


def due_for_review(today, within_days=DUE_SOON_DAYS, topic=None, author=None):
    """``Due`` rows for the articles to review by ``today + within_days``, optionally of one topic or author."""
    articles = due_articles(today, within_days)
    if topic is not None:
        articles = articles.filter(topics=topic)
    if author is not None:
        articles = articles.filter(article_authors__author=author)
    articles = (
        articles.distinct()
        .order_by(F("next_review_due").asc(nulls_first=True), "title", "pk")
        .prefetch_related(
            "topics",
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author").order_by("position")),
        )
    )
    return [
        Due(article, (article.next_review_due - today).days if article.next_review_due else None)
        for article in articles
    ]


def _line(row):
    due = f" (due {date_format(row.article.next_review_due, 'j F Y')})" if row.article.next_review_due else ""
    return f"- {row.article.title}: {row.in_words.lower()}{due}\n  {_admin_url(row.article)}"


def _admin_url(article):
    return settings.SITE_URL.rstrip("/") + reverse("admin:articles_article_change", args=[article.pk])


def digest(today, within_days=DUE_SOON_DAYS):
    """The digest email's subject and text, or None when nothing is due."""
    rows = due_for_review(today, within_days)
    if not rows:
        return None
    overdue = [row for row in rows if row.overdue]
    soon = [row for row in rows if not row.overdue]
    parts = [f"Health information due for review, {date_format(today, 'j F Y')}."]
    if overdue:
        parts.append(f"Overdue ({len(overdue)}):\n" + "\n".join(_line(row) for row in overdue))
    if soon:
        parts.append(f"Due within {within_days} days ({len(soon)}):\n" + "\n".join(_line(row) for row in soon))
    page = settings.SITE_URL.rstrip("/") + reverse("admin:articles_article_reviews")
    parts.append(f"All of them, with filters by topic and author: {page}")
    subject = f"Reviews: {len(overdue)} overdue, {len(soon)} due within {within_days} days"
    return subject, "\n\n".join(parts) + "\n"


def send_digest(today, within_days=DUE_SOON_DAYS):
    """Email the digest to every Publisher; returns how many people it went to (0: nothing due)."""
    found = digest(today, within_days)
    addresses = sorted({user.email for user in publishers() if user.email})
    if found is None or not addresses:
        return 0
    subject, body = found
    send_mail(subject, body, None, addresses)
    return len(addresses)
