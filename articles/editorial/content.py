"""The editable part of an article as one plain value: what working copies store and merges compare.

``ArticleContent`` holds every field an editor changes — text, images, flags, topics, picks,
the byline in order, the sources in order, and whether this version is a health-information
review (with its reviewers and note) — as JSON-ready values (ids for related rows, storage
names for images, a dict per source, ISO dates). The workflow state (status, dates, the review
dates recorded) is not content: it changes only through the actions of
``articles.editorial.changes``.
"""

import copy
import datetime
import hashlib
import json
from dataclasses import dataclass

from articles.models import Article, ArticleAuthor, Author, Reference, Reviewer, Topic

SCALAR_FIELDS = (
    "title",
    "slug",
    "standfirst",
    "body",
    "hero_image",
    "hero_alt",
    "hero_caption",
    "hero_credit",
    "featured",
    "donation_link",
    "seo_title",
    "seo_description",
    "social_image",
    "social_image_alt",
    # A version marked as a health-information review (articles/models/reviews.py).
    "gives_health_information",
    "pending_review",
    "pending_review_note",
    "pending_next_review_due",
)
RELATION_FIELDS = ("topics", "related_articles", "pending_reviewers")
BYLINE = "authors"
REFERENCES = "references"  # the Sources list: dicts of ``REFERENCE_FIELDS``, source 1 first
FIELDS = (*SCALAR_FIELDS, *RELATION_FIELDS, BYLINE, REFERENCES)
LIST_FIELDS = (*RELATION_FIELDS, BYLINE, REFERENCES)
IMAGE_FIELDS = ("hero_image", "social_image")
DATE_FIELDS = ("pending_next_review_due",)


def _attname(name):
    return Article._meta.get_field(name).attname


def _scalar(article, name):
    value = getattr(article, _attname(name))
    if name in IMAGE_FIELDS:
        return value.name or "" if value else ""
    if name in DATE_FIELDS:
        return value.isoformat() if value else None  # JSON has no dates
    return value


def _field_value(name, value):
    """A content value as the model field takes it."""
    if name in IMAGE_FIELDS:
        return value or ""
    if name in DATE_FIELDS:
        return datetime.date.fromisoformat(value) if value else None
    field = Article._meta.get_field(name)
    if value is None and not field.null:
        return field.get_default()  # from a version saved before the field existed
    return value


def fingerprint(value):
    """A short stable digest of one field's value (the merge compares these, not the values)."""
    if isinstance(value, str):
        # Browsers send text areas with CRLF line ends; that alone is no change.
        value = "\n".join(value.splitlines())
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:20]


@dataclass
class ArticleContent:
    values: dict

    @classmethod
    def of_article(cls, article):
        """The live (or only) content of a saved article, read from its row and relations."""
        values = {name: _scalar(article, name) for name in SCALAR_FIELDS}
        values["topics"] = sorted(article.topics.values_list("pk", flat=True))
        values["related_articles"] = sorted(article.related_articles.values_list("pk", flat=True))
        values["pending_reviewers"] = sorted(article.pending_reviewers.values_list("pk", flat=True))
        values[BYLINE] = list(
            ArticleAuthor.objects.filter(article=article).order_by("position", "id").values_list("author_id", flat=True)
        )
        values[REFERENCES] = [reference.as_content() for reference in Reference.objects.filter(article=article)]
        return cls(values)

    @classmethod
    def current(cls, article):
        """What editors are working on: the working copy of a live article if there is one, else the article."""
        working_copy = getattr(article, "working_copy", None) if article.pk else None
        if working_copy is not None:
            return cls.from_json(working_copy.content)
        return cls.of_article(article) if article.pk else cls.empty()

    @classmethod
    def empty(cls):
        return cls({name: [] if name in LIST_FIELDS else None for name in FIELDS})

    @classmethod
    def from_instance(cls, instance, topics, related_articles, author_ids, reviewers=(), references=()):
        """From an unsaved instance carrying new field values (a bound admin form's ``instance``).

        ``reviewers``: the reviewers of a version marked as a review; ``references``: the sources in
        order, as dicts of ``REFERENCE_FIELDS``.
        """
        values = {name: _scalar(instance, name) for name in SCALAR_FIELDS}
        values["topics"] = sorted(topic.pk for topic in topics)
        values["related_articles"] = sorted(article.pk for article in related_articles)
        values["pending_reviewers"] = sorted(reviewer.pk for reviewer in reviewers)
        values[BYLINE] = list(author_ids)
        values[REFERENCES] = [dict(reference) for reference in references]
        return cls(values)

    @classmethod
    def from_json(cls, data):
        values = cls.empty().values
        values.update({name: data[name] for name in FIELDS if name in data})
        if "gives_health_information" not in data:
            values["gives_health_information"] = True  # a working copy saved before the field existed
        if "pending_review" not in data:
            values["pending_review"] = False
        return cls(values)

    def as_json(self):
        return dict(self.values)

    def source_count(self):
        """How many sources the text may cite: ``[@1]`` to ``[@n]``."""
        return len(self.values.get(REFERENCES) or [])

    def fingerprints(self):
        return {name: fingerprint(self.values.get(name)) for name in FIELDS}

    def changed_fields(self, other):
        mine, theirs = self.fingerprints(), other.fingerprints()
        return [name for name in FIELDS if mine[name] != theirs[name]]

    def apply_scalars(self, article):
        for name in SCALAR_FIELDS:
            setattr(article, _attname(name), _field_value(name, self.values.get(name)))

    def apply_relations(self, article, previous=None):
        """Sets topics, picks and byline on a saved article; only those that differ from ``previous``."""
        changed = set(self.changed_fields(previous)) if previous is not None else set(FIELDS)
        if "topics" in changed:
            article.topics.set(self.values["topics"])
        if "related_articles" in changed:
            article.related_articles.set(self.values["related_articles"])
        if "pending_reviewers" in changed:
            article.pending_reviewers.set(self.values["pending_reviewers"])
        if BYLINE in changed:
            ArticleAuthor.objects.filter(article=article).delete()
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article=article, author_id=author_id, position=position)
                for position, author_id in enumerate(self.values[BYLINE])
            )
        if REFERENCES in changed:
            Reference.objects.filter(article=article).delete()
            Reference.objects.bulk_create(self.references_of(article))

    def references_of(self, article):
        """The sources as (unsaved) rows of ``article``, numbered from 1."""
        return [
            Reference.from_content(values, article=article, number=number)
            for number, values in enumerate(self.values.get(REFERENCES) or [], start=1)
        ]

    def preview_of(self, article):
        """An unsaved copy of ``article`` showing this content, for staff previews and share links."""
        shown = copy.copy(article)
        shown._state = copy.copy(article._state)
        shown._state.fields_cache = {}
        self.apply_scalars(shown)
        shown.render_derived_fields(source_count=self.source_count())
        authors = Author.objects.in_bulk(self.values[BYLINE])
        byline = [
            ArticleAuthor(article=shown, author=authors[author_id], position=position)
            for position, author_id in enumerate(self.values[BYLINE])
            if author_id in authors
        ]
        shown._prefetched_objects_cache = {
            "topics": Topic.objects.select_related("donation_link").filter(pk__in=self.values["topics"]),
            "article_authors": byline,
            "related_articles": Article.objects.filter(pk__in=self.values["related_articles"]),
            "pending_reviewers": Reviewer.objects.filter(pk__in=self.values["pending_reviewers"]),
            "references": self.references_of(shown),
        }
        return shown
