"""Responsive renditions of uploaded images: made once when an image is saved, never for a reader.

Each stored image (hero, author photo, image in a Markdown body) gets copies at a few widths
(never wider than the original) in AVIF where this Pillow can write it, WebP, and the
original's own format as the fallback. Pages offer them through ``<picture>``, ``srcset`` and
``sizes`` (``articles.templatetags.pictures``, ``articles.content.rendering``), so a phone
downloads a 480-pixel WebP instead of a 2,400-pixel PNG.

Everything a page needs to name the renditions follows from the original's storage name and
its size in pixels, which the page already has (``hero_width``/``photo_width`` columns, or
the dimensions written into a body image's name at upload): no database query, no storage
round trip and no image decoding happens while a reader waits. Renditions are written by the
editorial write path after its transaction commits, by the editor's upload endpoint, and by
``manage.py regenerate_renditions``.

Why not a thumbnail library (read in their released code, December 2026):

* sorl-thumbnail 13.4 makes a thumbnail the first time a template asks for it, during a
  reader's request, and looks every thumbnail up in its key-value store on every render
  (``ThumbnailBackend.get_thumbnail``);
* easy-thumbnails 2.10 records each source and thumbnail in database tables and looks them
  up per image (``Thumbnailer.get_existing_thumbnail``): a query per image on every page;
* django-imagekit 6.1 comes closest (its ``Optimistic`` strategy writes when the source is
  saved and names files without I/O), but it generates from a ``post_save`` receiver, a side
  effect hidden from the write path (and blind to working copies, which are not the row);
  it needs a spec per width and format; ``ImageCacheFile.width`` opens the file (a bucket
  request per image on S3); and it knows nothing of images inside Markdown;
* django-pictures 1.8 writes its files from ``FileField.pre_save``, inside the transaction and
  before the row exists (files left behind by a rolled-back save), takes its widths from a
  grid, gives every image the same fixed list of formats (no "original format" fallback: a PNG
  with transparency gets whatever the list says), and its releases since 1.9 need Python 3.14.

What we need of one is small (Pillow does the work), so it is written here and tested.
"""

import functools
import io
import logging
import posixpath
import re
import warnings
from dataclasses import dataclass
from html import escape

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.safestring import mark_safe
from PIL import Image, features

logger = logging.getLogger(__name__)

FOLDER = "renditions"
# Widths in pixels. Heroes, card pictures and body images share one set (the hero is at most
# 60rem wide, 1,600 pixels covers it on a 1.5x screen); author photos show at 96 or 160 px.
WIDE = (480, 800, 1200, 1600)
# Card pictures are at most about 600 CSS pixels wide: the two smallest of the same files
# (any prefix of WIDE names a subset of its renditions), which keeps a list page's HTML small.
CARD = WIDE[:2]
PHOTO = (160, 320, 480)

EXTENSIONS = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
CONTENT_TYPES = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
FORMAT_OF_EXTENSION = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
# Photographs at these settings look like the originals at a third to a half of their size.
ENCODING = {
    "AVIF": {"quality": 60, "speed": 8},  # speed 6 (the default) took 4x as long for a few % less
    "WEBP": {"quality": 80, "method": 4},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}


@functools.cache
def modern_formats():
    """AVIF when this Pillow was built with it, then WebP; best first, as ``<source>`` wants them."""
    return ("AVIF", "WEBP") if features.check("avif") else ("WEBP",)


def widths_for(original_width, choices):
    """The rendition widths of an image ``original_width`` pixels wide: never wider than the original."""
    largest = min(original_width, choices[-1])
    return [width for width in choices if width < largest] + [largest]


def formats_for(name):
    """Modern formats first, then the original's own (the fallback every browser shows)."""
    original = FORMAT_OF_EXTENSION.get(name.rsplit(".", 1)[-1].lower())
    modern = modern_formats()
    return (*modern, original) if original and original not in modern else modern


def rendition_name(name, width, image_format):
    # The original's name (extension included) is the folder: two originals never share one.
    return f"{FOLDER}/{name}/{width}w.{EXTENSIONS[image_format]}"


def source_of(rendition):
    """The original's storage name for a rendition's name, or None if it is not one."""
    if not rendition.startswith(f"{FOLDER}/"):
        return None
    folder = posixpath.dirname(rendition[len(FOLDER) + 1 :])
    return folder or None


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    format: str


def plan(name, width, height, choices):
    """Every rendition of the original ``name`` (``width`` × ``height``), narrowest first, by format."""
    renditions = []
    for image_format in formats_for(name):
        for target in widths_for(width, choices):
            scaled = max(1, round(height * target / width))
            renditions.append(Rendition(rendition_name(name, target, image_format), target, scaled, image_format))
    return renditions


@dataclass(frozen=True)
class Source:
    type: str
    srcset: str


@dataclass(frozen=True)
class ResponsiveImage:
    """What a ``<picture>`` needs: a ``<source>`` per modern format, and the fallback ``<img>``."""

    src: str
    srcset: str
    width: int
    height: int
    sources: tuple


def responsive(name, width, height, choices, url=None):
    """The ``<picture>`` of a stored image, from its name and size alone (no I/O). None without a size."""
    if not (name and width and height):
        return None
    url = url or default_storage.url
    # One URL for the folder, not one per file: a storage's url() was most of the cost here.
    return _responsive(name, width, height, choices, url(name), url(f"{FOLDER}/{name}/"))


@functools.lru_cache(maxsize=4096)  # names never change their content, so neither does this
def _responsive(name, width, height, choices, src, folder_url):
    by_format = {}
    for rendition in plan(name, width, height, choices):
        file_url = folder_url + posixpath.basename(rendition.name)
        by_format.setdefault(rendition.format, []).append(f"{file_url} {rendition.width}w")
    fallback_format = formats_for(name)[-1]
    sources = tuple(
        Source(CONTENT_TYPES[image_format], ", ".join(candidates))
        for image_format, candidates in by_format.items()
        if image_format != fallback_format
    )
    return ResponsiveImage(src, ", ".join(by_format[fallback_format]), width, height, sources)


def picture_html(image, sizes, attributes):
    """``<picture>`` markup for a ``ResponsiveImage``; ``attributes`` go on its ``<img>`` (alt, loading…).

    Built with the standard library's ``escape`` on every value rather than ``format_html``,
    which was four fifths of the cost of a picture (0.4 ms) for the same escaping.
    """
    sizes_value = escape(sizes)
    sources = "".join(
        f'<source type="{source.type}" srcset="{escape(source.srcset)}" sizes="{sizes_value}">'
        for source in image.sources
    )
    img = {"src": image.src, "srcset": image.srcset, "sizes": sizes, **attributes}
    img_attributes = "".join(f' {key}="{escape(str(value))}"' for key, value in img.items())
    return mark_safe(f"<picture>{sources}<img{img_attributes}></picture>")  # noqa: S308 - every value escaped


# --- Writing them (editors' saves and the command; never a reader's request) ---------------------


def _decoded(image):
    # Stored originals were checked, bounded and turned upright on upload (articles.content.images),
    # so their size is the one Django stored in ``hero_width``/``photo_width``.
    image.load()
    if image.mode not in ("RGB", "RGBA", "L"):
        # Palette and other modes scale badly (nearest neighbour only): work in full colour.
        has_alpha = "A" in image.mode or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    return image


def _encodable(image, image_format):
    if image_format == "JPEG" and image.mode == "RGBA":
        return image.convert("RGB")
    return image


def _save(storage, rendition, image):
    buffer = io.BytesIO()
    options = dict(ENCODING[rendition.format])
    icc_profile = image.info.get("icc_profile")
    if icc_profile:
        options["icc_profile"] = icc_profile
    _encodable(image, rendition.format).save(buffer, format=rendition.format, **options)
    # Storages never overwrite (they pick another name): replace explicitly, so the name stays the planned one.
    if storage.exists(rendition.name):
        storage.delete(rendition.name)
    stored = storage.save(rendition.name, ContentFile(buffer.getvalue()))
    if stored != rendition.name:
        logger.warning("Rendition stored as %s instead of %s.", stored, rendition.name)


def generate(name, choices, *, storage=None, replace=False, size=None):
    """Write the renditions of the stored image ``name``; returns its (width, height).

    With ``replace`` off, an image whose last rendition exists is left alone (they are written
    in order, so the last one present means all are): given the ``size`` the row already
    holds, a save that changed no image (a submit, a publish…) costs one existence check.
    """
    storage = storage or default_storage
    if size and all(size) and not replace and storage.exists(plan(name, *size, choices)[-1].name):
        return size
    with storage.open(name, "rb") as handle, warnings.catch_warnings():
        # A file that got into storage some other way is refused rather than decoded whole.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(handle)  # reads the header only: a save that finds them all done decodes nothing
        width, height = image.size
        renditions = plan(name, width, height, choices)
        if not replace and storage.exists(renditions[-1].name):
            return width, height
        image = _decoded(image)
    resized = {}
    for rendition in renditions:
        if rendition.width not in resized:
            resized[rendition.width] = (
                image
                if rendition.width == width
                else image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
            )
        _save(storage, rendition, resized[rendition.width])
    return width, height


def generate_quietly(name, choices, size=None):
    """For after-commit hooks: a failure is logged, never turned into an error for a saved change."""
    try:
        return generate(name, choices, size=size)
    except Exception:
        logger.exception("Could not make the renditions of %s; run manage.py regenerate_renditions.", name)
        return None


# --- Images in Markdown bodies ---------------------------------------------------------------------

# An image uploaded in the editor is stored as "<folder>/<random>-<width>x<height>.<ext>": its
# size travels in its address, so rendering Markdown can write its ``<picture>`` from the text
# alone (stored HTML stays a function of the text) and an old address stays valid for good.
_SIZED_NAME = re.compile(r"^[0-9a-f]{32}-(?P<width>[1-9]\d{0,4})x(?P<height>[1-9]\d{0,4})\.(?:jpg|png|webp)$")


def sized_name(name, width, height):
    stem, extension = posixpath.splitext(name)
    return f"{stem}-{width}x{height}{extension}"


def size_in_name(name):
    """(width, height) written in a body image's name at upload, or None for any other name."""
    found = _SIZED_NAME.match(posixpath.basename(name))
    return (int(found["width"]), int(found["height"])) if found else None
