"""Uploaded images: decoded memory is bounded, and every kind of metadata is dropped on re-encoding."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, PngImagePlugin

from articles.content.images import MAX_DECODED_BYTES, MAX_EDGE, check_image, reencode_image
from tests.images import upload

SECRET = b"SECRET-42"


def _compressed_png(width, height, mode="RGBA"):
    """A PNG of ``width`` x ``height`` blank pixels: a few hundred KB that decode to hundreds of MB."""
    import struct

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    colour_type, bands = {"RGBA": (6, 4), "RGB": (2, 3)}[mode]
    row = b"\0" + b"\0" * (width * bands)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_small_png_that_would_decode_to_too_much_memory_is_refused_before_decoding():
    data = _compressed_png(6000, 6000)  # 36 megapixels, under the pixel limit; 144 MB decoded.
    assert len(data) < 1_000_000
    with pytest.raises(ValidationError) as refused:
        check_image(upload(data))
    assert refused.value.code == "too_large_to_decode"
    assert "6000 × 6000 pixels" in refused.value.messages[0]
    assert MAX_DECODED_BYTES < 6000 * 6000 * 4


def test_large_jpeg_is_decoded_at_a_reduced_scale_and_accepted():
    buffer = io.BytesIO()
    Image.new("RGB", (6400, 4800), (10, 120, 200)).save(buffer, "JPEG", quality=50)  # 30 MP: 123 MB decoded
    stored = Image.open(reencode_image(upload(buffer.getvalue(), name="camera.jpg", content_type="image/jpeg")))
    assert stored.size == (MAX_EDGE, MAX_EDGE * 3 // 4)


def _exif():
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()  # ImageDescription
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    return exif


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + SECRET + b"</rdf:Description></x:xmpmeta>"


def _jpeg(**metadata):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "JPEG", **metadata)
    return buffer.getvalue()


def _png(**metadata):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG", **metadata)
    return buffer.getvalue()


def _webp(**metadata):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "WEBP", **metadata)
    return buffer.getvalue()


def _png_text(kind):
    info = PngImagePlugin.PngInfo()
    if kind == "tEXt":
        info.add_text("Comment", SECRET.decode())
    elif kind == "zTXt":
        info.add_text("Comment", SECRET.decode() * 20, zip=True)
    else:
        info.add_itxt("Description", SECRET.decode())
    return _png(pnginfo=info)


METADATA = {
    "JPEG comment (COM)": ("photo.jpg", lambda: _jpeg(comment=SECRET)),
    "JPEG EXIF": ("photo.jpg", lambda: _jpeg(exif=_exif())),
    "JPEG XMP": ("photo.jpg", lambda: _jpeg(xmp=XMP)),
    "PNG tEXt": ("photo.png", lambda: _png_text("tEXt")),
    "PNG zTXt": ("photo.png", lambda: _png_text("zTXt")),
    "PNG iTXt": ("photo.png", lambda: _png_text("iTXt")),
    "PNG eXIf": ("photo.png", lambda: _png(exif=_exif())),
    "WebP EXIF": ("photo.webp", lambda: _webp(exif=_exif())),
    "WebP XMP": ("photo.webp", lambda: _webp(xmp=XMP)),
}


# What Pillow reports about any image it reads: layout and colour, nothing about the photo.
STRUCTURAL_INFO = {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "loop", "background", "icc_profile"}


@pytest.mark.parametrize("kind", METADATA)
def test_metadata_does_not_survive_reencoding(kind):
    name, make = METADATA[kind]
    original = make()
    assert SECRET.decode() in str(Image.open(io.BytesIO(original)).info) + original.decode("latin-1")
    stored = reencode_image(upload(original, name=name)).read()
    assert SECRET not in stored
    reopened = Image.open(io.BytesIO(stored))
    assert not set(reopened.info) - STRUCTURAL_INFO
    assert 0x8825 not in reopened.getexif()
