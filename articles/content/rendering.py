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
* citations (``[@3]``, see ``_Citations``) become ``<sup class="citation" id="cite-3-1">``
  around a link to ``#source-3``; the ``source-`` ids belong to the page's Sources list,
  which content can never produce, and ``cite-`` ids only take the digits-only shape;
* every link gets ``rel="noopener noreferrer"``. Image addresses are normalised the way a
  browser will (dot segments, percent-encoded dots and slashes, backslashes, tabs) before
  the own-uploads check, so ``/media/../donate/1/`` cannot reach another page of the site.

Responsive images: an image uploaded in the editor carries its size in its name
(``articles.content.renditions``), so before sanitising, each such ``<img>`` becomes a
``<picture>`` offering its renditions (AVIF/WebP ``<source>``, ``srcset``, ``sizes``, ``width``,
``height``, ``loading="lazy"``); other images get ``loading="lazy"``. Rendering still depends on
the text alone. Those attributes are allowed on ``img``, ``source`` and ``picture`` only, and the
sanitiser checks each value itself, whoever wrote it: every ``srcset`` candidate must be one of
our uploads by the same rule as ``src`` (else the whole attribute goes), ``sizes`` may hold
only media-condition characters, sizes are numbers, ``loading``/``decoding``/``type`` one of a
few words. The rewrite runs before the sanitiser, so nothing it produces escapes the rules.

Bounded work: Python-Markdown is quadratic on some inputs (a few thousand ``[`` took
seconds; some extension patterns backtrack inside the regular-expression engine) and
recursive on nested lists (``RecursionError``). So a Markdown field holds at most
``MARKDOWN_MAX_CHARS`` characters (``validate_markdown_size``; the editor's forms and live
preview refuse more), and each conversion runs in a child process with a CPU-time and a
memory limit (``_Converter``). Past a limit, or on any error, ``render_markdown`` falls
back to the text as plain escaped paragraphs instead of hanging a worker or answering 500.
``markdown_problem`` tells an editor which of the two limits their text hits.

This is the only module that imports ``markdown``. If these rules change, stored HTML
is refreshed with ``python manage.py rerender_markdown``.
"""

import functools
import logging
import multiprocessing
import os
import posixpath
import re
import resource
import signal
import threading
import time
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from articles.content import renditions

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul", "picture", "source",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "srcset", "sizes", "width", "height", "loading", "decoding", "role"},
    "source": {"srcset", "sizes", "type"},
    "picture": set(),
    "ol": {"start"},
    "th": {"scope"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
}  # fmt: skip

ALLOWED_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
    "sup": {"citation"},
}

URL_SCHEMES = {"http", "https", "mailto"}

HEADING_ID_PREFIX = "section-"
_SAFE_ID = re.compile(rf"^(?:{HEADING_ID_PREFIX}[a-z0-9-]+|fn(?:ref)?-[a-z0-9-]+|cite-[0-9]{{1,4}}-[0-9]{{1,4}})$")


def _heading_id(value, separator):
    return HEADING_ID_PREFIX + (slugify(value) or "part")


# What the URL standard strips or ignores before parsing: C0 controls and spaces at the ends,
# tabs and newlines anywhere.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_IGNORED = re.compile(r"[\t\n\r]")


def own_upload_path(value):
    """``value`` as the path of one of our uploads, normalised as a browser would; else None.

    Browsers resolve ``..`` and ``.`` segments (also written ``%2e``), read ``\\`` as ``/``
    and drop tabs and newlines, so the check is made on the path they would really request.
    A server also decodes ``%2f``, so encoded slashes count as separators too.
    """
    value = _URL_IGNORED.sub("", value.strip(_URL_EDGES)).replace("\\", "/")
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    decoded = unquote(parts.path)
    if "%" in decoded or "\\" in decoded or "\x00" in decoded:
        return None  # Double encoding or smuggled separators: no upload of ours is named so.
    path = posixpath.normpath(decoded)
    if path.startswith("//") or not path.startswith(settings.MEDIA_URL):
        return None
    return quote(path)


_SRCSET_CANDIDATE = re.compile(r"^(?P<url>\S+)\s+(?P<descriptor>[1-9]\d{0,4}w)$")
# A media condition and lengths, e.g. "(min-width: 44rem) 42rem, calc(100vw - 2rem)"; no quotes,
# no angle brackets, no "url(": nothing a browser would fetch or parse as markup.
_SIZES = re.compile(r"^[a-z0-9 (),.:%+*/-]{1,200}$")
_NUMBER = re.compile(r"^[1-9]\d{0,4}$")
_WORDS = {
    "loading": {"lazy", "eager"},
    "decoding": {"async", "auto", "sync"},
    "type": {"image/avif", "image/webp", "image/jpeg", "image/png"},
}


def safe_srcset(value):
    """``value`` with every candidate one of our uploads (normalised like ``src``); else None."""
    candidates = []
    for candidate in value.split(","):
        found = _SRCSET_CANDIDATE.match(candidate.strip())
        path = own_upload_path(found["url"]) if found else None
        if path is None:
            return None
        candidates.append(f"{path} {found['descriptor']}")
    return ", ".join(candidates) or None


def _filter_attribute(tag, attribute, value):
    if attribute == "id":
        return value if _SAFE_ID.match(value) else None
    if tag == "img" and attribute == "src":
        return own_upload_path(value)
    if attribute == "role":
        return value if value == "presentation" else None
    if attribute == "srcset":
        return safe_srcset(value)
    if attribute == "sizes":
        return value if _SIZES.match(value) and "url(" not in value else None
    if attribute in ("width", "height"):
        return value if _NUMBER.match(value) else None
    if attribute in _WORDS:
        return value if value in _WORDS[attribute] else None
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


DECORATIVE = "decorative"


class _MarkDecorativeImages(Treeprocessor):
    def run(self, root):
        for element in root.iter("img"):
            if (element.get("alt") or "").strip().lower() == DECORATIVE:
                element.set("alt", "")
                element.set("role", "presentation")


class _DecorativeImages(Extension):
    """``![decorative](…)`` marks an image that only decorates: screen readers skip it (empty alt)."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(
            _MarkDecorativeImages(md), "decorative_images", 15
        )  # after "inline" (20), which makes images


class _CitationPattern(InlineProcessor):
    def __init__(self, pattern, extension):
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, match, data):
        number = int(match.group(1))
        known = self.extension.source_count
        if known is not None and not 1 <= number <= known:
            return None, None, None  # left as typed; the editor's form names the number
        seen = self.extension.seen
        seen[number] = seen.get(number, 0) + 1
        sup = etree.Element("sup", {"class": "citation", "id": f"cite-{number}-{seen[number]}"})
        link = etree.SubElement(sup, "a", {"href": f"#source-{number}", "title": f"Source {number}"})
        link.text = AtomicString(f"[{number}]")
        return sup, match.start(0), match.end(0)


class _Citations(Extension):
    """``[@3]`` cites source 3 of the article's Sources list (shown by the page, not by the text).

    Each citation gets the id ``cite-3-1`` (source 3, first citation of it) so the list can
    link back to every place it is cited. ``source_count`` is how many sources the article
    has: a number outside it stays as typed. ``None`` (the editor's live preview, which does
    not know the list) links every number.
    """

    def __init__(self):
        super().__init__()
        self.source_count = None
        self.seen = {}

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Before links (160), reference links (170) and footnotes (175); after backslash escapes (180).
        md.inlinePatterns.register(_CitationPattern(r"\[@([0-9]{1,4})\]", self), "citation", 176)

    def reset(self):
        self.seen = {}


_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "footnotes", "toc", _NoPageTitleHeadings(), _DecorativeImages()]
_EXTENSION_CONFIGS = {
    "toc": {"slugify": _heading_id},
    "footnotes": {"SEPARATOR": "-"},
}


logger = logging.getLogger(__name__)

# About 5,000 words: far beyond a long article for readers (most are 1,000 to 2,000 words),
# and ordinary Markdown of this length converts in about half the time budget below.
MARKDOWN_MAX_CHARS = 30_000
# CPU time one conversion may use (CPU, not wall time, so a busy machine does not fail good
# text). 30,000 characters of ordinary Markdown took 0.35 s here (benchmarks/render_bounds.py).
RENDER_CPU_SECONDS = 0.8
# A child that has not answered by then is stopped whatever it is doing.
RENDER_WALL_SECONDS = 10
# Memory the converting process may use; Markdown needs a small fraction of this.
RENDER_MEMORY_BYTES = 1024 * 1024 * 1024


def _convert_forever(connection):
    """The child's loop: Markdown in, HTML (or None) out, each conversion under a CPU-time limit.

    ``ITIMER_PROF`` sends ``SIGPROF`` once the budget of CPU time is spent; its default
    action ends the process, which also stops a regular expression that is backtracking
    inside C code, where no Python-level check could run.
    """
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C on runserver is the parent's business.
    converter = _new_markdown()
    while True:
        try:
            text, source_count = connection.recv()
        except (EOFError, OSError):
            return
        signal.setitimer(signal.ITIMER_PROF, RENDER_CPU_SECONDS)
        started = time.process_time()
        try:
            converter.reset()
            converter.citations.source_count = source_count
            html = converter.convert(text)
        except (RecursionError, MemoryError):
            html = None
        except Exception:  # A bug in an extension must not turn an editor's text into a 500.
            logger.exception("Markdown conversion failed; showing the text unformatted.")
            html = None
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        if html is None:
            # A conversion that broke off half-way leaves Python-Markdown's state half-changed
            # (reset() does not undo it: later texts came back unformatted): start afresh.
            converter = _new_markdown()
        connection.send((html, time.process_time() - started))


def _new_markdown():
    citations = _Citations()
    converter = markdown.Markdown(
        extensions=[*_EXTENSIONS, citations], extension_configs=_EXTENSION_CONFIGS, output_format="html"
    )
    converter.citations = citations
    return converter


class _Converter:
    """Runs Python-Markdown in a child process that can be stopped; one child per server process.

    A conversion cannot be interrupted safely inside the process that runs it (a thread
    cannot be killed, and a signal waits until a long C call returns), so it runs in a child
    started through a fork server (cheap, and safe in a threaded server). A child that hits
    a limit dies; the next conversion starts a new one.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._process = self._connection = None
        self._owner = None
        self.last_cpu_seconds = 0.0

    def convert(self, text, source_count=None):
        with self._lock:
            try:
                connection = self._running()
            except OSError:
                logger.exception("Could not start the Markdown converter; showing the text unformatted.")
                self.last_cpu_seconds = 0.0
                return None
            try:
                connection.send((text, source_count))
                if connection.poll(RENDER_WALL_SECONDS):
                    html, self.last_cpu_seconds = connection.recv()
                    return html
            except (EOFError, OSError):
                pass
            # The child spent its whole budget (the kernel stopped it there) or stopped answering.
            self.last_cpu_seconds = RENDER_CPU_SECONDS
            self._stop()
            return None

    def _running(self):
        alive = self._process is not None and self._owner == os.getpid() and self._process.is_alive()
        if not alive:
            self._stop()
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            parent_end, child_end = context.Pipe()
            self._process = context.Process(target=_convert_forever, args=(child_end,), daemon=True)
            self._process.start()
            child_end.close()
            self._connection, self._owner = parent_end, os.getpid()
        return self._connection

    def _stop(self):
        if self._process is not None and self._owner == os.getpid():
            self._connection.close()
            self._process.kill()
            self._process.join()
        self._process = self._connection = self._owner = None


_converter = _Converter()


@functools.lru_cache(maxsize=8)  # A save renders the same text for validation, checks and storage.
def _convert(text, source_count=None):
    """Python-Markdown's HTML for ``text``, or None when it is too long or too complex to convert safely."""
    if len(text) > MARKDOWN_MAX_CHARS:
        return None
    return _converter.convert(text, source_count)


def last_conversion_cpu_seconds():
    """CPU time the converting child spent on this process's latest conversion (0 if cached); for measurements."""
    return _converter.last_cpu_seconds


def render_markdown(text, source_count=None):
    """Markdown in, sanitised HTML out: the only way editor Markdown becomes HTML.

    ``source_count``: how many sources the article lists, so that only citations of those
    become links; None (the live preview, biographies) links every ``[@n]``.
    Never raises and never runs long: text that is too long or too complex to convert
    within the budget comes back as escaped plain paragraphs (see ``markdown_problem``).
    """
    text = text or ""
    _converter.last_cpu_seconds = 0.0
    html = _convert(text, source_count)
    if html is None:
        html = linebreaks(escape(text))
    return sanitise_html(responsive_images(html))


# The prose column is ``--measure`` (42rem) wide inside 1rem of padding (static/css/site.css).
BODY_IMAGE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


class _TagAttributes(HTMLParser):
    def __init__(self, tag):
        super().__init__()
        self.attributes = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: value or "" for name, value in attrs}


def _responsive_image(match):
    attributes = _TagAttributes(match.group(0)).attributes
    path = own_upload_path(attributes.get("src", ""))
    name = unquote(path[len(settings.MEDIA_URL) :]) if path else ""
    size = renditions.size_in_name(name) if name.startswith(settings.MARKDOWNX_MEDIA_PATH) else None
    kept = {key: attributes[key] for key in ("src", "alt", "title", "role") if key in attributes}
    lazy = {"loading": "lazy", "decoding": "async"}
    if size is None:
        return format_html("<img{}>", flatatt({**kept, **lazy}))
    picture = renditions.responsive(name, *size, renditions.WIDE)
    kept.pop("src")
    return renditions.picture_html(picture, BODY_IMAGE_SIZES, {**kept, "width": size[0], "height": size[1], **lazy})


def responsive_images(html):
    """Each of our uploaded images in ``html`` as a lazy ``<picture>`` of its renditions (see above)."""
    return _IMG_TAG.sub(_responsive_image, html)


def validate_markdown_size(text):
    """Field validator: at most ``MARKDOWN_MAX_CHARS`` characters."""
    if text and len(text) > MARKDOWN_MAX_CHARS:
        raise ValidationError(
            f"This text is {len(text):,} characters long; the limit is {MARKDOWN_MAX_CHARS:,} "
            "(about 5,000 words). Please shorten it or split it into two articles.",
            code="markdown_too_long",
        )


def markdown_problem(text):
    """Why ``text`` cannot be shown formatted as written, for the editor; None when it can."""
    try:
        validate_markdown_size(text)
    except ValidationError as error:
        return error.messages[0]
    if text and _convert(text) is None:
        return (
            "This text is too complex to format: it has very deeply nested lists or quotes, or "
            "thousands of unmatched brackets or HTML tags. Please simplify it."
        )
    return None


def validate_markdown(text):
    """Form validator: the size limit, and that the text can be formatted within the time budget."""
    problem = markdown_problem(text)
    if problem:
        raise ValidationError(problem, code="markdown_not_renderable")


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


def image_problems(text, descriptions=True):
    """What an editor must fix so that every image in ``text`` reaches readers properly.

    Checked on the sanitised HTML, so raw ``<img>`` tags count as well as Markdown images.
    ``descriptions=False`` leaves out missing descriptions: in article bodies those are a check
    before publishing (``articles.editorial.checks``), so that saving a draft never fails on them.
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
        elif descriptions and image.get("role") != "presentation" and not (image.get("alt") or "").strip():
            problems.append(
                f"Image {number} has no description for people who cannot see it. Write one "
                "between the square brackets: ![Researchers at a microscope](…)."
            )
    return problems
