import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from articles.content.images import validate_image_file
from articles.content.readability import Readability
from articles.content.rendering import image_problems, reading_minutes, render_markdown, validate_markdown_size
from articles.models.donations import DonationLink
from articles.models.fields import MARKDOWN_HELP
from articles.models.people import Author, Topic
from articles.models.reviews import Reviewer

# What a list's cards, search results and the home page's featured article show, plus the
# status (for ``is_public``) and the picture's size (which names its renditions): loading
# whole rows, article text included, cost more than the queries themselves.
CARD_FIELDS = (
    "title", "slug", "standfirst", "status", "published_at", "hero_image", "hero_width", "hero_height", "hero_alt",
)  # fmt: skip
# What a card or a byline shows of each author (``display_name``, the link to their page).
CARD_AUTHOR_FIELDS = ("name", "honorific", "slug")


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

    def not_binned(self):
        return self.filter(deleted_at__isnull=True)

    def binned(self):
        return self.filter(deleted_at__isnull=False)

    def for_listing(self):
        """Articles with their bylines (whole author rows), in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "id"),
            ),
        )

    def for_cards(self):
        """Only what an article card shows: no article text, no biographies of the byline's authors."""
        byline = (
            ArticleAuthor.objects.select_related("author")
            .only("article_id", "author_id", "position", *(f"author__{name}" for name in CARD_AUTHOR_FIELDS))
            .order_by("position", "id")
        )
        return self.only(*CARD_FIELDS).prefetch_related(Prefetch("article_authors", queryset=byline))


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
    body = MarkdownxField(help_text=MARKDOWN_HELP, validators=[validate_markdown_size])
    body_html = models.TextField(blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField("reading time (minutes)", default=1, editable=False)
    reading_age = models.PositiveSmallIntegerField(
        "reading age",
        null=True,
        blank=True,
        editable=False,
        help_text="UK reading age in years (SMOG, or Flesch–Kincaid for fewer than 30 sentences); "
        "empty when the text is too short to judge.",
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    # Set when the article first reaches readers; Editors may bin only articles never public.
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # In the bin (see articles.editorial.changes.move_to_bin): hidden from the admin's list,
    # restorable as a draft until ``purge_bin`` deletes it for good.
    deleted_at = models.DateTimeField("moved to the bin", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
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

    # Health-information review (articles/models/reviews.py). The dates are set by the write path
    # alone, when a version marked as a review is published; the "pending" fields mark that version.
    gives_health_information = models.BooleanField(
        default=True,
        help_text="Untick only for pages with no health information (news about the charity, events). "
        "Health information must be reviewed before it is published, and again when the review is due.",
    )
    pending_review = models.BooleanField(
        "this version is a review",
        default=False,
        help_text="Tick when qualified reviewers have checked this version. Publishing it records the review "
        "with today's date. A correction of a typing mistake is not a review.",
    )
    pending_reviewers = models.ManyToManyField(
        Reviewer,
        blank=True,
        related_name="+",
        verbose_name="reviewed by",
        help_text="Who checked this version. Add people on the Reviewers page.",
    )
    pending_review_note = models.CharField(
        "what changed at this review",
        max_length=200,
        blank=True,
        help_text="One short line readers see, e.g. “New trial results added”.",
    )
    pending_next_review_due = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Optional. Leave empty for the usual review cycle after publication.",
    )
    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False, db_index=True)

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
            # The bin holds only what readers cannot see: whatever writes the row, a binned
            # article is never published (readers' queries need not check the bin).
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True) | ~Q(status=ArticleStatus.PUBLISHED),
                name="binned_article_is_not_published",
                violation_error_message="An article in the bin cannot be published; restore it as a draft first.",
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

    # Checked in Python by clean(), with the same messages: Django would otherwise ask the
    # database once per constraint (in a savepoint of its own) on every save of the form.
    # The database still enforces them.
    CHECKED_IN_CLEAN = {"article_image_has_description", "article_social_image_has_description"}

    def clean(self):
        super().clean()
        if self.status == ArticleStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        errors = {}
        problems = image_problems(self.body, descriptions=False)  # a check before publishing instead
        if problems:
            errors["body"] = problems
        for constraint in self._meta.constraints:
            if constraint.name in self.CHECKED_IN_CLEAN:
                image, description = (
                    ("hero_image", "hero_alt")
                    if "social" not in constraint.name
                    else (
                        "social_image",
                        "social_image_alt",
                    )
                )
                if getattr(self, image) and not getattr(self, description):
                    errors.setdefault(description, []).append(constraint.violation_error_message)
        if errors:
            raise ValidationError(errors)

    def get_constraints(self):
        """The constraints ``full_clean()`` asks the database about (see ``CHECKED_IN_CLEAN``)."""
        return [
            (model, [c for c in constraints if c.name not in self.CHECKED_IN_CLEAN])
            for model, constraints in super().get_constraints()
        ]

    @property
    def has_been_public(self):
        return self.first_published_at is not None

    @property
    def is_scheduled(self):
        return self.status == ArticleStatus.PUBLISHED and bool(self.published_at) and self.published_at > timezone.now()

    @property
    def is_binned(self):
        return self.deleted_at is not None

    def render_derived_fields(self, source_count=None):
        """Stored HTML, reading time and reading age follow the Markdown (the write path calls this before saving).

        ``source_count``: how many sources the body may cite; by default those saved for the article.
        """
        if source_count is None:
            source_count = self.references.count() if self.pk else 0
        self.body_html = render_markdown(self.body, source_count=source_count)
        self.reading_time = reading_minutes(self.body)
        age = Readability.of_html(self.body_html).reading_age
        self.reading_age = age.years if age is not None else None


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


class BinnedArticle(Article):
    """The bin, as its own list in the admin: articles moved there, restorable as drafts."""

    class Meta:
        proxy = True
        verbose_name = "article in the bin"
        verbose_name_plural = "bin"
