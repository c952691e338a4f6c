import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from articles.content.images import validate_image_file
from articles.content.rendering import image_problems, reading_minutes, render_markdown
from articles.models.donations import DonationLink
from articles.models.fields import MARKDOWN_HELP
from articles.models.people import Author, Topic
from articles.models.redirects import SlugRedirect


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see: published, and its time has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published by an editor, but their time has not come: readers may not see them yet."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now())

    def published_or_scheduled(self):
        """What the search index holds (see ``articles.discovery.search``)."""
        return self.filter(status=ArticleStatus.PUBLISHED)

    def for_listing(self):
        """Everything an article card shows, in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "id"),
            ),
        )


class Article(models.Model):
    title = models.CharField(max_length=200, help_text="The headline.")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The article's web address; filled in from the title."
    )
    standfirst = models.CharField(
        max_length=300,
        help_text="One or two sentences under the headline that say what the article is about "
        "(300 characters at most).",
    )
    body = MarkdownxField(help_text=MARKDOWN_HELP)
    body_html = models.TextField(blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField("reading time (minutes)", default=1, editable=False)
    hero_image = models.ImageField(
        "main image",
        upload_to="heroes/",
        blank=True,
        validators=[validate_image_file],
        width_field="hero_width",
        height_field="hero_height",
        help_text="Optional photo at the top of the article. JPEG, PNG or WebP, up to 5 MB.",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="Required with an image: what it shows, for people who cannot see it.",
    )
    hero_caption = models.CharField("image caption", max_length=300, blank=True)
    hero_credit = models.CharField(
        "image credit", max_length=120, blank=True, help_text="e.g. PA, or the photographer's name."
    )
    authors = models.ManyToManyField(Author, through="ArticleAuthor", related_name="articles")
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    status = models.CharField(max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    published_at = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        help_text="When readers can first see the article. A future date schedules it; "
        "left empty, it is set to the moment you publish.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A fresh random value on every save: the change form sends back the one it was opened
    # with, so a colleague's save in between is spotted (see articles/admin/locking.py).
    edit_version = models.UUIDField(default=uuid.uuid4, editable=False)
    featured = models.BooleanField(default=False, help_text="Show at the top of the home page.")
    donation_link = models.ForeignKey(
        DonationLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Leave empty to use the campaign of the article's topic, or else the site default.",
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text="Optional picks for “Read more”, shown before the automatic suggestions.",
    )

    seo_title = models.CharField(
        "search engine title",
        max_length=70,
        blank=True,
        help_text="Optional shorter headline for search results and social posts (about 60 characters). "
        "Leave empty to use the headline.",
    )
    seo_description = models.CharField(
        "search engine description",
        max_length=160,
        blank=True,
        help_text="Optional summary for search results and social posts (up to 160 characters). "
        "Leave empty to use the standfirst.",
    )
    social_image = models.ImageField(
        "social media image",
        upload_to="social/",
        blank=True,
        validators=[validate_image_file],
        help_text="Optional picture shown when the article is shared (1200 × 630 pixels works best). "
        "Leave empty to use the main image.",
    )
    social_image_alt = models.CharField(
        "social media image description",
        max_length=250,
        blank=True,
        help_text="Required with a social media image: what it shows.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", "Can publish, unpublish and schedule articles")]
        indexes = [
            # In the listing's exact order, so a page's ids (even at a large OFFSET) and the
            # count come from the index alone, without reading the wide article rows.
            models.Index(fields=["status", "-published_at", "-id"], name="article_listing_order"),
            # The home page's newest featured article. Partial, because Django compares booleans
            # as a bare column ("WHERE featured"), which only a partial index can serve.
            models.Index(
                fields=["status", "-published_at", "-id"], condition=Q(featured=True), name="article_featured"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_alt=""),
                name="article_image_has_description",
                violation_error_message="Describe the main image for people who cannot see it.",
            ),
            models.CheckConstraint(
                condition=Q(social_image="") | ~Q(social_image_alt=""),
                name="article_social_image_has_description",
                violation_error_message="Describe the social media image for people who cannot see it.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="published_article_has_date",
                violation_error_message="A published article needs a publication date.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    @property
    def is_published_or_scheduled(self):
        """What the search index holds; ``articles.discovery.search`` leaves out the scheduled at query time."""
        return self.status == ArticleStatus.PUBLISHED

    @property
    def is_public(self):
        return self.status == ArticleStatus.PUBLISHED and self.published_at and self.published_at <= timezone.now()

    @property
    def ordered_authors(self):
        """Authors in the editor's order; uses the prefetch from ``for_listing()``."""
        return [link.author for link in self.article_authors.all()]

    @property
    def was_updated(self):
        return bool(self.published_at and self.updated_at and self.updated_at.date() > self.published_at.date())

    def donation_call(self, at=None):
        """The article's own active link, else its first topic with an active link, else the site default.

        Topics come in their listed order (by name). Load the article with
        ``select_related("donation_link")`` and the topics with their links prefetched
        (as the detail view does) and this costs one query at most, for the default.
        """
        at = at or timezone.now()
        if self.donation_link_id and self.donation_link.is_live(at):
            return self.donation_link
        for topic in self.topics.all():
            if topic.donation_link_id and topic.donation_link.is_live(at):
                return topic.donation_link
        return DonationLink.objects.default(at)

    def related_for_reading(self, limit=3):
        """Manual picks first; then published articles sharing the most topics and authors, newest first.

        Ranked on ids in one query, cached (see ``articles.discovery.listing``), then the winners are
        loaded for their cards: three queries whatever the number of picks, topics or authors.
        """
        from articles.discovery.listing import RELATED_SECONDS, cached_listing  # here: listing imports the models

        picked = Article.related_articles.through.objects.filter(from_article_id=self.pk).values("to_article_id")
        topic_links = Article.topics.through.objects.filter(topic__in=self.topics.values("pk"))
        author_links = ArticleAuthor.objects.filter(author__in=self.article_authors.values("author"))
        # Counted per candidate with correlated subqueries: joining both relations at
        # once multiplies the rows (topics × authors) across every candidate.
        shared = _count_of(topic_links.filter(article=OuterRef("pk"))) + _count_of(
            author_links.filter(article=OuterRef("pk"))
        )
        # One union of the three link tables lets PostgreSQL start from the links instead of
        # scanning every article (an OR of separate IN clauses measured 0.9 s at 100,000 articles).
        candidates = picked.union(topic_links.order_by().values("article"), author_links.order_by().values("article"))
        ranked = (
            Article.objects.published()
            .exclude(pk=self.pk)
            .filter(pk__in=candidates)
            .annotate(is_pick=Exists(picked.filter(to_article_id=OuterRef("pk"))), shared=shared)
            .order_by("-is_pick", "-shared", "-published_at", "-id")
            .values_list("pk", flat=True)
        )
        best = cached_listing(f"related:{self.pk}:{limit}", lambda: list(ranked[:limit]), RELATED_SECONDS)
        found = Article.objects.filter(pk__in=best).for_listing().in_bulk()
        return [found[pk] for pk in best if pk in found and found[pk].is_public]

    def clean(self):
        super().clean()
        if self.status == ArticleStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        problems = image_problems(self.body)
        if problems:
            raise ValidationError({"body": problems})

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.reading_time = reading_minutes(self.body)
        self.edit_version = uuid.uuid4()
        with transaction.atomic():
            previous_slug = self.pk and Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            super().save(*args, **kwargs)
            if previous_slug and previous_slug != self.slug:
                SlugRedirect.remember(self, previous_slug)
            from articles.discovery.search import update_search_index  # here: search imports the models

            update_search_index(self)

    def delete(self, *args, **kwargs):
        pk = self.pk
        result = super().delete(*args, **kwargs)
        from articles.discovery.search import remove_from_search_index  # here: search imports the models

        remove_from_search_index(pk)
        return result


def _count_of(links):
    counted = links.order_by().values("article").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ArticleAuthor(models.Model):
    """An author's place in an article's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    # PROTECT: deleting an author who wrote articles would leave bylines empty.
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the byline; lowest first.")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="author_once_per_article"),
        ]
        verbose_name = "author"

    def __str__(self):
        return f"{self.author} on {self.article}"

    # The byline is part of the article's search text.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from articles.discovery.search import update_search_index  # here: search imports the models

        update_search_index(self.article)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from articles.discovery.search import update_search_index  # here: search imports the models

        update_search_index(self.article)
        return result
