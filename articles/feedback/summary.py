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
    answers = Feedback.objects.filter(article=article)
    counts = answers.aggregate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    comments = list(answers.exclude(comment="").only("useful", "comment", "created_at", "article_id")[:recent])
    list_url = f"{reverse('admin:articles_feedback_changelist')}?article__id__exact={article.pk}"
    return FeedbackSummary(counts["yes"], counts["no"], comments, list_url)


def feedback_counts(article_ids):
    """``{article id: FeedbackSummary}`` of yes and no counts for many articles, in one query."""
    rows = (
        Feedback.objects.filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    )
    changelist = reverse("admin:articles_feedback_changelist")
    return {
        row["article_id"]: FeedbackSummary(
            row["yes"], row["no"], list_url=f"{changelist}?article__id__exact={row['article_id']}"
        )
        for row in rows
    }
