"""What is due for review: the admin's Reviews page and the daily digest email list the same articles.

An article is due when it is live (or scheduled), gives health information and its next review
falls within the coming ``DUE_SOON_DAYS`` days, or has passed; one that has never been reviewed
counts as overdue. Soonest first, the never-reviewed at the top.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q

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


def due_for_review(today, within_days=DUE_SOON_DAYS, topic=None, author=None):
    """``Due`` rows for the articles to review by ``today + within_days``, optionally of one topic or author."""
    horizon = today + datetime.timedelta(days=within_days)
    articles = Article.objects.not_binned().filter(
        Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True),
        status=ArticleStatus.PUBLISHED,
        gives_health_information=True,
    )
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
