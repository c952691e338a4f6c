"""The sources an article cites, in the order of its Sources list (source 1 first).

Rows, not a JSON field on the article: the admin edits them as an inline form with an error
beside each field, the database holds each value in a column a query can reach (which
articles cite this DOI?), and the write path replaces them all at once from the article's
content, exactly like the byline (``articles.editorial.content``). Working copies keep them
as plain dicts inside their content, so a live article's rows change only on publishing.
"""

from urllib.parse import urlsplit

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from articles.content.sources import (
    REFERENCE_FIELDS,
    doi_url,
    pubmed_url,
    validate_doi,
    validate_pmid,
    validate_reference_url,
)


class Reference(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="references")
    number = models.PositiveSmallIntegerField(
        default=1, help_text="The number cited in the text: [@1] links to source 1."
    )
    title = models.CharField(max_length=500, help_text="The title of the paper, report or web page.")
    authors = models.CharField(
        max_length=500, blank=True, help_text="As the source prints them, e.g. Coffelt SB, Kersten K, de Visser KE."
    )
    publisher = models.CharField(
        "journal or publisher", max_length=300, blank=True, help_text="e.g. Nature, or NHS England."
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    doi = models.CharField(
        "DOI", max_length=250, blank=True, validators=[validate_doi], help_text="e.g. 10.1038/nature14282"
    )
    pmid = models.CharField(
        "PubMed ID", max_length=9, blank=True, validators=[validate_pmid], help_text="e.g. 25822788"
    )
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        validators=[validate_reference_url],
        help_text="Needed (https://…) when the source has no DOI or PubMed ID.",
    )

    class Meta:
        ordering = ["number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(doi="") | ~Q(pmid="") | Q(url__startswith="https://"),
                name="reference_can_be_found",
                violation_error_message="Give a DOI, a PubMed ID, or an https web address.",
            ),
        ]
        verbose_name = "source"

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def doi_url(self):
        return doi_url(self.doi)

    @property
    def pubmed_url(self):
        return pubmed_url(self.pmid)

    @property
    def web_url(self):
        """The web address, only if it is http(s): content restored from elsewhere is not trusted blindly."""
        return self.url if urlsplit(self.url or "").scheme in ("http", "https") else ""

    @property
    def web_host(self):
        return urlsplit(self.web_url).hostname or ""

    def as_content(self):
        """This source as the plain dict an article's content holds."""
        return {name: getattr(self, name) for name in REFERENCE_FIELDS}

    @classmethod
    def from_content(cls, values, *, article=None, number):
        fields = {name: values.get(name) or ("" if name != "year" else None) for name in REFERENCE_FIELDS}
        return cls(article=article, number=number, **fields)
