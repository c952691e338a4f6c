import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from markdownx.models import MarkdownxField

from articles.content.images import validate_image_file
from articles.content.rendering import image_problems, render_markdown, validate_markdown_size
from articles.models.fields import MARKDOWN_HELP, http_or_https


class AuthorQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Authors readers can find: those with at least one published article."""
        return self.filter(
            Exists(
                apps.get_model("articles", "Article").objects.published().filter(article_authors__author=OuterRef("pk"))
            )
        )


class Author(models.Model):
    name = models.CharField(max_length=120, help_text="The person's name as readers should see it, e.g. Seth Coffelt.")
    slug = models.SlugField(max_length=140, unique=True, help_text="Part of the web address of the author's page.")
    honorific = models.CharField(
        max_length=40, blank=True, help_text="Optional title shown before the name, e.g. Dr or Professor."
    )
    role = models.CharField(max_length=160, blank=True, help_text="e.g. Group Leader, PhD student.")
    affiliation = models.CharField(max_length=200, blank=True, help_text="e.g. University of Glasgow.")
    funder = models.CharField(max_length=200, blank=True, help_text="Optional, e.g. Funded by Breast Cancer Now.")
    bio = MarkdownxField(
        blank=True, help_text="A short biography. " + MARKDOWN_HELP, validators=[validate_markdown_size]
    )
    bio_html = models.TextField(blank=True, editable=False)
    photo = models.ImageField(
        upload_to="authors/",
        blank=True,
        validators=[validate_image_file],
        width_field="photo_width",
        height_field="photo_height",
    )
    # The photo's size, stored so pages can name its renditions without opening the file.
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
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

    def render_derived_fields(self):
        """The stored biography HTML follows the Markdown (the write path calls this before saving)."""
        self.bio_html = render_markdown(self.bio, source_count=0)  # a biography has no Sources list


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
    donation_link = models.ForeignKey(
        "articles.DonationLink",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        help_text="Optional campaign for articles on this topic that have no donation link of their own.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic_detail", kwargs={"slug": self.slug})
