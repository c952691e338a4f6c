"""The one trust boundary between an editor's Markdown and a reader's browser.

Everything an editor writes in Markdown (article bodies, author bios) reaches readers
as HTML made here, and the admin's live preview calls the same function
(``MARKDOWNX_MARKDOWNIFY_FUNCTION``), so the preview is exactly what readers get.

The threat: an editor's account is taken over, or an editor pastes text from a hostile
source. Python-Markdown passes raw HTML through untouched, so its output is treated as
untrusted and cleaned by nh3 (ammonia) with explicit allow-lists:

* tags: text structure only; no script, style, iframe, object, form, svg or math;
  no ``h1`` (the page's headline is the only one; ``# Heading`` becomes an ``h2``);
* attributes: a handful per tag, never ``style`` or an event handler; ids only in the
  shapes the heading and footnote extensions produce, so content cannot clobber the
  page's own ids;
* URLs: http, https and mailto, or relative; ``javascript:``, ``data:`` and friends are
  dropped however they are encoded. Images must come from our own uploads, because the
  Content-Security-Policy would block anything else and a third-party image would let
  someone else watch who reads the article;
* every link gets ``rel="noopener noreferrer"``.

This is the only module that imports ``markdown``. If these rules change, stored HTML
is refreshed with ``python manage.py rerender_markdown``.
"""

import re
from html.parser import HTMLParser

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"scope"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
}  # fmt: skip

ALLOWED_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}

URL_SCHEMES = {"http", "https", "mailto"}

HEADING_ID_PREFIX = "section-"
_SAFE_ID = re.compile(rf"^(?:{HEADING_ID_PREFIX}[a-z0-9-]+|fn(?:ref)?-[a-z0-9-]+)$")


def _heading_id(value, separator):
    return HEADING_ID_PREFIX + (slugify(value) or "part")


def _filter_attribute(tag, attribute, value):
    if attribute == "id":
        return value if _SAFE_ID.match(value) else None
    if tag == "img" and attribute == "src":
        return value if value.startswith(settings.MEDIA_URL) else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    attribute_filter=_filter_attribute,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


class _DemoteTopHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _NoPageTitleHeadings(Extension):
    """The article's title is the page's only h1, so ``# Heading`` becomes an h2 like ``##``."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_DemoteTopHeadings(md), "demote_h1", 30)


_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "footnotes", "toc", _NoPageTitleHeadings()]
_EXTENSION_CONFIGS = {
    "toc": {"slugify": _heading_id},
    "footnotes": {"SEPARATOR": "-"},
}


def render_markdown(text):
    """Markdown in, sanitised HTML out: the only way editor Markdown becomes HTML."""
    html = markdown.markdown(
        text or "",
        extensions=_EXTENSIONS,
        extension_configs=_EXTENSION_CONFIGS,
        output_format="html",
    )
    return sanitise_html(html)


def sanitise_html(html):
    """Clean any HTML with the allow-lists above; the result is safe to show readers."""
    return mark_safe(_cleaner.clean(html))  # noqa: S308 - this is the sanitiser


_WORD = re.compile(r"\w+")


def reading_minutes(text, words_per_minute=230):
    """Whole minutes an adult reader needs for ``text``, at least one."""
    words = len(_WORD.findall(text or ""))
    return max(1, round(words / words_per_minute))


class _ImageCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def image_problems(text):
    """What an editor must fix so that every image in ``text`` reaches readers properly.

    Checked on the sanitised HTML, so raw ``<img>`` tags count as well as Markdown images.
    """
    collector = _ImageCollector()
    collector.feed(render_markdown(text))
    problems = []
    for number, image in enumerate(collector.images, start=1):
        if not image.get("src"):
            problems.append(
                f"Image {number} is not one of our uploads, so readers would see nothing. "
                "Drag the picture into the editor to upload it here."
            )
        elif not (image.get("alt") or "").strip():
            problems.append(
                f"Image {number} has no description for people who cannot see it. Write one "
                "between the square brackets: ![Researchers at a microscope](…)."
            )
    return problems
