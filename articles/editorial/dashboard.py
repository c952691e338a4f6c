"""What the admin's home page lists for the signed-in person: their work, and what waits for them."""

from django.db.models import Q
from django.utils import timezone

from articles.editorial.review_due import DUE_SOON_DAYS, due_articles
from articles.editorial.workflow import can_publish
from articles.models import Article, ArticleStatus, ReviewNote, WorkingCopyStatus

LIMIT = 10


def dashboard_for(user):
    articles = Article.objects.not_binned().select_related("working_copy")
    lists = {
        "my_drafts": list(articles.filter(created_by=user, status=ArticleStatus.DRAFT).order_by("-updated_at")[:LIMIT]),
        "sent_back": list(
            ReviewNote.objects.filter(sent_to=user, answered_at__isnull=True)
            .select_related("article", "written_by")
            .order_by("-created_at")[:LIMIT]
        ),
        "scheduled": list(articles.scheduled().order_by("published_at")[:LIMIT]),
        "recently_published": list(articles.published().order_by("-published_at")[:5]),
        "is_publisher": can_publish(user),
        "reviews_due": due_articles(timezone.localdate()).count(),
        "due_soon_days": DUE_SOON_DAYS,
    }
    if lists["is_publisher"]:
        lists["awaiting_review"] = list(
            articles.filter(
                Q(status=ArticleStatus.IN_REVIEW) | Q(working_copy__status=WorkingCopyStatus.IN_REVIEW)
            ).order_by("-updated_at")[:LIMIT]
        )
    return lists
