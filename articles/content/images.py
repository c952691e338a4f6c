"""What an uploaded image may be, checked by opening it, never by trusting the client.

Browsers send a MIME type and a file name that the uploader controls. A file called
``photo.png`` may be HTML, an SVG carrying script, or a 343 KB PNG that decodes to
88 megapixels and takes a worker's memory with it. So every upload (editor images,
hero images, author photos) is opened with Pillow here:

* only JPEG, PNG and WebP are accepted (no SVG, no GIF), whatever the name says;
* files over 5 MB and images over 40 megapixels are refused before decoding, and
  Pillow's decompression-bomb warning is turned into a refusal;
* the memory the decoded pixels would take is bounded too (``MAX_DECODED_BYTES``): a
  small PNG of 6,000 × 6,000 pixels is under the pixel limit but decodes to 144 MB, and
  re-encoding it took about 280 MB and seconds. JPEGs are decoded at a reduced scale
  (``draft``) when they are larger than the stored copy will be, so camera photos pass;
  other formats over the bound are refused before decoding;
* the stored copy is re-encoded from the decoded pixels: all metadata (EXIF with a
  phone's GPS position, XMP, JPEG comments, PNG text chunks) is dropped, only the colour
  profile and PNG transparency are kept; anything appended to the image data is gone,
  and the extension and content type come from the real format. Very large images are
  scaled down, keeping their proportions; nothing is cropped.

Each refusal is a ``ValidationError`` whose message an editor can act on.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Larger images are scaled down to fit this box: ample for a full-width hero on a retina screen.
MAX_EDGE = 2400
# Pixels in memory while an upload is checked and re-encoded (Pillow keeps 4 bytes per pixel
# for colour images): about 33 megapixels of colour PNG or WebP.
MAX_DECODED_BYTES = 128 * 1024 * 1024
# What decoded pixels may keep when re-encoded: colour and transparency, nothing about the photo.
KEPT_INFO = ("icc_profile", "transparency")

# Checked images of admin forms that came back with an error wait here (articles.admin.kept_uploads).
PENDING_UPLOADS_FOLDER = "pending-uploads"

_ACCEPTED = "Please upload a JPEG, PNG or WebP photo."


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return ALLOWED_FORMATS[self.format][0]

    @property
    def content_type(self):
        return ALLOWED_FORMATS[self.format][1]


def _open(upload):
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(upload)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ValidationError(
                "This image has far too many pixels to be processed safely. " + _ACCEPTED,
                code="too_many_pixels",
            ) from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise ValidationError("This file is not an image we can read. " + _ACCEPTED, code="not_an_image") from error


def _bytes_per_pixel(mode):
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4


def _open_for_decoding(upload):
    """Open ``upload`` ready to decode, at a reduced scale when that suffices; refuse what is too big."""
    image = _open(upload)
    if image.format == "JPEG":
        image.draft(None, (MAX_EDGE, MAX_EDGE))  # Decodes at 1/2, 1/4 or 1/8 scale, never below MAX_EDGE.
    width, height = image.size
    needed = width * height * _bytes_per_pixel(image.mode)
    if needed > MAX_DECODED_BYTES:
        raise ValidationError(
            f"This image is {width} × {height} pixels and would need {filesizeformat(needed)} of memory to "
            f"process; the limit is {filesizeformat(MAX_DECODED_BYTES)}. Please upload a smaller copy "
            f"(at most {MAX_EDGE} pixels wide is plenty).",
            code="too_large_to_decode",
        )
    return image


def check_image(upload):
    """Open ``upload`` and return what it really is, or raise a ``ValidationError``."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; images may be at most "
            f"{filesizeformat(MAX_UPLOAD_BYTES)}. Please save a smaller copy and upload that.",
            code="file_too_large",
        )
    image = _open(upload)
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(f"This is a {image.format or 'non-image'} file. " + _ACCEPTED, code="format_not_allowed")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This image is {width} × {height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"the limit is {MAX_PIXELS // 1_000_000} megapixels. Please upload a smaller copy.",
            code="too_many_pixels",
        )
    try:
        image.verify()
        # verify() checks the structure; decoding catches truncated or corrupt data.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            _open_for_decoding(upload).load()
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many types for damaged files.
        raise ValidationError(
            "This image file is damaged or incomplete. Please export it again and re-upload.",
            code="damaged_image",
        ) from error
    finally:
        upload.seek(0)
    return CheckedImage(image.format, width, height)


def reencode_image(upload):
    """Check ``upload`` and return a clean, safely named ``ContentFile`` copy of it."""
    checked = check_image(upload)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open_for_decoding(upload)
        image.load()
    ImageOps.exif_transpose(image, in_place=True)
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    if checked.format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Pillow writes some of what it read back out (a JPEG's comment, for one): keep only colour.
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    buffer = io.BytesIO()
    options = {"quality": 85, "optimize": True} if checked.format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(buffer, format=checked.format, **options)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{checked.extension}")


def validate_image_file(field_file):
    """Model-field validator: the same rules for images that arrive without the editor."""
    if field_file and not getattr(field_file, "_committed", True):
        check_image(field_file.file)
