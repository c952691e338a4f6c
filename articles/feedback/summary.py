"""What readers said about one article, for the people who review it."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse

from articles.models import Feedback

RECENT_COMMENTS = 5


@dataclass
class FeedbackSummary:
    useful: int
    not_useful: int
    recent_comments: list = field(default_factory=list)
    list_url: str = ""

    @property
    def total(self):
        return self.useful + self.not_useful


def feedback_summary(article, recent=RECENT_COMMENTS):
    """Yes and no counts, the latest comments (newest first) and the admin list of every answer.

    Two queries. Comments are plain text: templates show them escaped, as any text.
    """
    summary = feedback_counts([article.pk]).get(article.pk) or FeedbackSummary(0, 0, list_url=_answers_url(article.pk))
    answers = Feedback.objects.filter(article=article).exclude(comment="")
    summary.recent_comments = list(answers.only("useful", "comment", "created_at", "article_id")[:recent])
    return summary


def feedback_counts(article_ids):
    """``{article id: FeedbackSummary}`` of yes and no counts for many articles, in one query."""
    rows = (
        Feedback.objects.filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    )
    return {
        row["article_id"]: FeedbackSummary(row["yes"], row["no"], list_url=_answers_url(row["article_id"]))
        for row in rows
    }


def _answers_url(article_id):
    """The admin's list of every answer about one article."""
    return f"{reverse('admin:articles_feedback_changelist')}?article__id__exact={article_id}"
