import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from .images import validate_image_file
from .rendering import image_problems, reading_minutes, render_markdown

https_only = URLValidator(schemes=["https"], message="Enter a full web address starting with https://")
http_or_https = URLValidator(schemes=["http", "https"], message="Enter a full web address starting with https://")

MARKDOWN_HELP = (
    "Write in Markdown: ## for a heading, **bold**, *italic*, [link text](https://…), "
    "“- ” for a list. Drag a photo into the box to upload it; give every image a short "
    "description for people who cannot see it: ![what the image shows](…). The preview "
    "beside the box is exactly what readers will see."
)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see: published, and its time has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """Everything an article card shows, in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "id"),
            ),
        )


class AuthorQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Authors readers can find: those with at least one published article."""
        return self.filter(Exists(Article.objects.published().filter(article_authors__author=OuterRef("pk"))))


class Author(models.Model):
    name = models.CharField(max_length=120, help_text="The person's name as readers should see it, e.g. Seth Coffelt.")
    slug = models.SlugField(max_length=140, unique=True, help_text="Part of the web address of the author's page.")
    honorific = models.CharField(
        max_length=40, blank=True, help_text="Optional title shown before the name, e.g. Dr or Professor."
    )
    role = models.CharField(max_length=160, blank=True, help_text="e.g. Group Leader, PhD student.")
    affiliation = models.CharField(max_length=200, blank=True, help_text="e.g. University of Glasgow.")
    funder = models.CharField(max_length=200, blank=True, help_text="Optional, e.g. Funded by Breast Cancer Now.")
    bio = MarkdownxField(blank=True, help_text="A short biography. " + MARKDOWN_HELP)
    bio_html = models.TextField(blank=True, editable=False)
    photo = models.ImageField(upload_to="authors/", blank=True, validators=[validate_image_file])
    photo_alt = models.CharField(
        "photo description",
        max_length=250,
        blank=True,
        help_text="Required with a photo: what it shows, for people who cannot see it.",
    )
    website = models.URLField(blank=True, validators=[http_or_https], help_text="Optional lab or personal page.")
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$",
                "An ORCID iD looks like 0000-0002-1825-0097 (16 digits in four groups; the last may be X).",
            )
        ],
        help_text="Optional, in the form 0000-0002-1825-0097.",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""),
                name="author_photo_has_description",
                violation_error_message="Describe the photo for people who cannot see it.",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.honorific} {self.name}".strip()

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def get_absolute_url(self):
        return reverse("articles:author_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        orcid_shaped = self.orcid and re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", self.orcid)
        if orcid_shaped and not _orcid_checksum_ok(self.orcid):
            raise ValidationError({"orcid": "This ORCID iD has a typing mistake: its last character does not match."})
        problems = image_problems(self.bio)
        if problems:
            raise ValidationError({"bio": problems})

    def save(self, *args, **kwargs):
        self.bio_html = render_markdown(self.bio)
        super().save(*args, **kwargs)


def _orcid_checksum_ok(orcid):
    # ISO 7064 11,2, as ORCID specifies for the last character.
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Part of the topic page's web address.")
    description = models.TextField(blank=True, help_text="One or two sentences shown at the top of the topic page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic_detail", kwargs={"slug": self.slug})


class DonationLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def default(self):
        return self.active().filter(is_default=True).first()


class DonationLink(models.Model):
    name = models.CharField(max_length=120, help_text="For editors only, e.g. “Secondary breast cancer appeal 2026”.")
    call_to_action = models.CharField(
        max_length=200,
        help_text="The sentence readers see, e.g. “Help fund research into stopping secondary breast cancer”.",
    )
    button_label = models.CharField(max_length=40, default="Donate")
    url = models.URLField(
        "web address", max_length=500, validators=[https_only], help_text="The donation page, starting with https://"
    )
    campaign = models.CharField(
        max_length=50,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", "Use letters, numbers, - and _ only, e.g. spring-appeal-26.")],
        help_text="A short code the fundraising team uses in reports.",
    )
    is_default = models.BooleanField(
        "site default",
        default=False,
        help_text="Shown on every article that has no link of its own. "
        "Ticking this takes over from the current default.",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop showing this link anywhere.")

    objects = DonationLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_donation_link",
                violation_error_message="Only one donation link can be the site default.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.is_default and not self.is_active:
            raise ValidationError(
                {"is_active": "The site default must be active; make another link the default first."}
            )
        if not self.is_default and self.pk:
            was_default = DonationLink.objects.filter(pk=self.pk, is_default=True).exists()
            if was_default:
                raise ValidationError(
                    {"is_default": "There must always be a site default. Tick “site default” on another link instead."}
                )

    def validate_constraints(self, exclude=None):
        # Ticking "site default" hands the role over in save(), so the one-default rule
        # holds by construction; the database constraint still guards against races.
        exclude = set(exclude or ()) | {"is_default"}
        super().validate_constraints(exclude=exclude)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_default:
                DonationLink.objects.filter(is_default=True).exclude(pk=self.pk).update(is_default=False)
            super().save(*args, **kwargs)


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
    featured = models.BooleanField(default=False, help_text="Show at the top of the home page.")
    donation_link = models.ForeignKey(
        DonationLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Leave empty to use the site default.",
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text="Optional picks for “Read more”, shown before the automatic suggestions.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_listing")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_alt=""),
                name="article_image_has_description",
                violation_error_message="Describe the main image for people who cannot see it.",
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
    def is_public(self):
        return self.status == ArticleStatus.PUBLISHED and self.published_at and self.published_at <= timezone.now()

    @property
    def ordered_authors(self):
        """Authors in the editor's order; uses the prefetch from ``for_listing()``."""
        return [link.author for link in self.article_authors.all()]

    @property
    def was_updated(self):
        return bool(self.published_at and self.updated_at and self.updated_at.date() > self.published_at.date())

    def donation_call(self):
        """The article's own active link, else the site default (or None)."""
        if self.donation_link_id and self.donation_link.is_active:
            return self.donation_link
        return DonationLink.objects.default()

    def related_for_reading(self, limit=3):
        """Manual picks first, then the newest published articles sharing a topic."""
        public = Article.objects.published().exclude(pk=self.pk)
        picks = list(public.filter(pk__in=self.related_articles.values("pk")).for_listing()[:limit])
        if len(picks) < limit:
            same_topic = (
                public.filter(topics__in=self.topics.values("pk"))
                .exclude(pk__in=[a.pk for a in picks])
                .distinct()
                .for_listing()[: limit - len(picks)]
            )
            picks += list(same_topic)
        return picks

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
        super().save(*args, **kwargs)


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
