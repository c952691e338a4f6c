"""Checks before publishing: what is wrong with an article, in words, before readers see it.

Each check looks at one article's content (an ``ArticleContent``, with the saved article it
belongs to, if any) and returns ``Problem``s. An **error** blocks *Submit for review*,
*Publish*, *Schedule* and *Publish changes* (the write path, ``articles.editorial.changes``,
raises ``ChecksFailed`` listing every error); a **warning** is shown beside them and blocks
nothing. Saving is never blocked by a check: editors must never lose work. The editor's live
panel (``articles.admin.editor_stats``) runs the same checks as the article is typed.

Adding a check (the sources and review work register theirs here)::

    from articles.editorial.checks import CHECKS, error

    def unknown_citations(subject):
        return [error("unknown-citation", f"…") for … in …]

    CHECKS.append(unknown_citations)

A check takes a ``Subject`` — ``subject.values`` (the content's fields by name),
``subject.article`` (the saved ``Article`` or None for a new one), ``subject.html`` (the body
rendered by ``render_markdown``, once for all checks) and ``subject.readability`` — and
returns a list of ``Problem``s (empty when all is well). It must not write anything.

Marking an image as decorative: an image that only decorates (a divider, a pattern) has
nothing to tell someone who cannot see it. Editors write ``decorative`` as its description,
``![decorative](/media/…)``; the renderer gives it an empty ``alt`` and
``role="presentation"`` so screen readers skip it. An empty ``![](…)`` is not enough: it is
what a forgotten description looks like.
"""

import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser

from django.conf import settings

from articles.content.readability import Readability
from articles.content.rendering import render_markdown
from articles.content.sources import NO_SOURCES_MESSAGE, unknown_citations_in_html, unknown_citations_message
from articles.editorial.content import REFERENCES

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR or WARNING
    code: str  # stable, for tests and scripts
    message: str  # for the editor, in words

    @property
    def is_error(self):
        return self.level == ERROR

    def as_json(self):
        return {"level": self.level, "code": self.code, "message": self.message}


def error(code, message):
    return Problem(ERROR, code, message)


def warning(code, message):
    return Problem(WARNING, code, message)


class Subject:
    """What checks look at: one article's content, rendered and measured once."""

    def __init__(self, content, article=None):
        self.content = content
        self.values = content.values
        self.article = article

    @cached_property
    def html(self):
        return render_markdown(self.values.get("body") or "")

    @cached_property
    def readability(self):
        return Readability.of_html(self.html)

    @cached_property
    def elements(self):
        return _Elements.of(self.html)


class _Elements(HTMLParser):
    """Headings, links and images of rendered HTML, in order, each with its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.links, self.images = [], [], []
        self._heading = self._link = None  # the heading and the link whose text is being read

    @classmethod
    def of(cls, html):
        found = cls()
        found.feed(str(html))
        found.close()
        return found

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = {"tag": tag, "level": int(tag[1]), "text": ""}
            self.headings.append(self._heading)
        elif tag == "a":
            self._link = {"tag": "a", "href": attrs.get("href") or "", "class": attrs.get("class") or "", "text": ""}
            self.links.append(self._link)

    def handle_endtag(self, tag):
        for name in ("_heading", "_link"):
            open_element = getattr(self, name)
            if open_element is not None and open_element["tag"] == tag:
                open_element["text"] = " ".join(open_element["text"].split())
                setattr(self, name, None)

    def handle_data(self, data):
        for open_element in (self._heading, self._link):
            if open_element is not None:
                open_element["text"] += data


def _quoted(text, limit=60):
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


# --- Errors ------------------------------------------------------------------------------------


def images_without_descriptions(subject):
    problems = []
    for number, image in enumerate(subject.elements.images, start=1):
        decorative = image.get("role") == "presentation"
        if not decorative and not (image.get("alt") or "").strip():
            problems.append(
                error(
                    "image-without-description",
                    f"Image {number} in the body has no description for people who cannot see it. Write one "
                    "between its square brackets, ![Researchers at a microscope](…), or, if it is only "
                    "decoration, write ![decorative](…).",
                )
            )
    return problems


def skipped_heading_levels(subject):
    problems = []
    previous = 1  # the headline is the page's only level-1 heading
    for heading in subject.elements.headings:
        level = heading["level"]
        if level > previous + 1:
            hashes, allowed = "#" * level, "#" * (previous + 1)
            where = "The first heading" if previous == 1 else "The heading"
            problems.append(
                error(
                    "skipped-heading-level",
                    f"{where} {_quoted(heading['text'])} ({hashes}) skips a level: screen-reader users "
                    f"navigate by headings and would think a part is missing. Use {allowed} instead.",
                )
            )
        previous = level
    return problems


def missing_standfirst(subject):
    if (subject.values.get("standfirst") or "").strip():
        return []
    return [
        error(
            "no-standfirst",
            "There is no standfirst. Write one or two sentences under the headline that say what the article is about.",
        )
    ]


VAGUE_LINK_TEXTS = {"click here", "click", "here", "read more", "more", "this", "this link", "link", "this page"}
_URL_LIKE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# Footnote and citation links are numbers by design.
_REFERENCE_LINK_CLASSES = {"footnote-ref", "footnote-backref"}


def vague_links(subject):
    problems = []
    for link in subject.elements.links:
        if set(link["class"].split()) & _REFERENCE_LINK_CLASSES:
            continue
        text = link["text"]
        plain = re.sub(r"[^\w\s]", "", text).strip().lower()
        if plain in VAGUE_LINK_TEXTS:
            reason = f"The link {_quoted(text)} does not say where it leads"
        elif _URL_LIKE.match(text):
            reason = f"The link {_quoted(text)} is a bare web address, which screen readers spell out"
        else:
            continue
        problems.append(
            error(
                "vague-link-text",
                f"{reason}. Write words that name the page, e.g. [the trial's results](https://…).",
            )
        )
    return problems


def unknown_citations(subject):
    """A ``[@n]`` with no source n in the Sources list (the form refuses these too; restores and commands do not)."""
    count = len(subject.values.get(REFERENCES) or [])
    unknown = unknown_citations_in_html(subject.html, count)
    return [error("unknown-citation", unknown_citations_message(unknown, count))] if unknown else []


# --- Warnings ----------------------------------------------------------------------------------


def reading_age_over_target(subject):
    age = subject.readability.reading_age
    target = settings.READING_AGE_TARGET
    if age is None or age.years <= target:
        return []
    return [
        warning(
            "reading-age-over-target",
            f"The reading age is {age.years} years ({age.formula}); we aim for {target} or less. "
            "Shorter sentences and everyday words bring it down.",
        )
    ]


def very_long_article(subject):
    words, limit = subject.readability.words, settings.LONG_ARTICLE_WORDS
    if words <= limit:
        return []
    return [
        warning(
            "very-long-article",
            f"The article is {words:,} words long; most readers stop before {limit:,}. "
            "Consider cutting it, or splitting it into two.",
        )
    ]


def no_sources(subject):
    return [] if subject.values.get(REFERENCES) else [warning("no-sources", NO_SOURCES_MESSAGE)]


# The checks, in the order their problems are listed. Other parts of the site append theirs.
CHECKS = [
    missing_standfirst,
    skipped_heading_levels,
    images_without_descriptions,
    vague_links,
    unknown_citations,
    reading_age_over_target,
    very_long_article,
    no_sources,
]


def run(content, article=None):
    """Every problem of ``content`` (an ``ArticleContent``), errors first."""
    return run_subject(Subject(content, article))


def run_subject(subject):
    """``run`` for a ``Subject`` made by the caller, who reuses its rendering and figures."""
    problems = [problem for check in CHECKS for problem in check(subject)]
    return sorted(problems, key=lambda problem: not problem.is_error)


def errors_in(problems):
    return [problem for problem in problems if problem.is_error]


def warnings_in(problems):
    return [problem for problem in problems if not problem.is_error]


def of_article(article):
    """The problems of what editors are working on: the working copy of a live article, else the article."""
    from articles.editorial.content import ArticleContent

    return run(ArticleContent.current(article), article)
