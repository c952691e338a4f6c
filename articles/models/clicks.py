"""Daily counts of donate-button clicks, kept without tracking anyone.

A row is (day, donation link, article) and a number. Nothing about the reader is
stored: no IP address, user agent, cookie or timestamp finer than the day, so the
figures cannot be joined back to a person. ``tests/test_donation_privacy.py`` keeps it so.

Counting must stay exact under concurrent clicks. ``record()`` never reads a count into
Python: it adds one in the database (``UPDATE … SET clicks = clicks + 1``); only when
the day's row does not exist yet does it INSERT, inside a savepoint, and if another
request inserted the same row first the unique constraint refuses the second INSERT
and the click is added to the winner's row instead.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models.articles import Article
from articles.models.donations import DonationLink


class DonationClickCountQuerySet(models.QuerySet):
    def record(self, link_id, article_id=None, day=None):
        """Count one click for the link from the article (None: from elsewhere) today."""
        day = day or timezone.localdate()
        same_row = self.filter(day=day, link_id=link_id, article_id=article_id)
        if same_row.update(clicks=F("clicks") + 1):
            return
        try:
            with transaction.atomic():
                self.create(day=day, link_id=link_id, article_id=article_id, clicks=1)
        except IntegrityError:
            same_row.update(clicks=F("clicks") + 1)

    def between(self, start, end):
        return self.filter(day__gte=start, day__lte=end)


class DonationClickCount(models.Model):
    day = models.DateField()
    # PROTECT: the fundraising figures outlive a campaign; switch a link off instead of deleting it.
    link = models.ForeignKey(DonationLink, on_delete=models.PROTECT, related_name="click_counts")
    # PROTECT: likewise, unpublish an article rather than lose what it raised.
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.PROTECT, related_name="donation_click_counts"
    )
    clicks = models.PositiveIntegerField(default=0)

    objects = DonationClickCountQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "link", "article"]
        verbose_name = "daily donation clicks"
        verbose_name_plural = "daily donation clicks"
        constraints = [
            # NULL never equals NULL in a unique index, so clicks without an article need their own.
            models.UniqueConstraint(
                fields=["day", "link", "article"],
                condition=Q(article__isnull=False),
                name="one_click_count_per_day_link_article",
            ),
            models.UniqueConstraint(
                fields=["day", "link"],
                condition=Q(article__isnull=True),
                name="one_click_count_per_day_link_without_article",
            ),
        ]

    def __str__(self):
        return f"{self.clicks} clicks on {self.link} on {self.day:%d %b %Y}"
