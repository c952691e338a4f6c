"""An article's health-information review as readers see it: dates, reviewers with credentials, history.

Read once per page and kept on the article: the "Reviewed by" line under the byline, the
review record at the foot of the page and the JSON-LD all use the same reading.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from articles.models import Author, Reviewer, ReviewRecord


@dataclass
class ReviewSummary:
    last_reviewed: object = None
    next_review_due: object = None
    records: list = field(default_factory=list)  # newest first
    public_author_ids: set = field(default_factory=set)  # reviewers' researcher pages that readers can open

    @property
    def reviewers(self):
        """Who carried out the latest review."""
        return list(self.records[0].reviewers.all()) if self.records else []

    def author_page(self, reviewer):
        return reviewer.author.get_absolute_url() if reviewer.author_id in self.public_author_ids else ""


def review_summary(article):
    summary = getattr(article, "_review_summary", None)
    if summary is not None:
        return summary
    summary = ReviewSummary(article.last_reviewed, article.next_review_due)
    if article.pk is not None and article.last_reviewed is not None:
        reviewers = Reviewer.objects.select_related("author")
        summary.records = list(
            ReviewRecord.objects.filter(article_id=article.pk).prefetch_related(Prefetch("reviewers", reviewers))
        )
        author_ids = {reviewer.author_id for reviewer in summary.reviewers if reviewer.author_id}
        if author_ids:
            public = Author.objects.with_published_articles().filter(pk__in=author_ids)
            summary.public_author_ids = set(public.values_list("pk", flat=True))
    article._review_summary = summary
    return summary
