"""The worst Markdown and image inputs found, measured before and after the bounds.

    .venv/bin/python benchmarks/render_bounds.py [--before-limit 60]

"Before" is what the site did until the bounds: Python-Markdown with the same extensions,
in one process with no limit (run in a subprocess here, stopped after --before-limit
seconds), and Pillow decoding a whole image. "After" is ``render_markdown`` and
``check_image`` as they are now. Markdown figures are CPU seconds (this process plus the
converting child), so a busy machine does not inflate them; images report peak memory.
"""

import argparse
import os
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLE_PARAGRAPH = "## Findings\n\nImmune cells **change** how [tumours](https://e.org) grow.\n\n- a\n- b\n\n"
INPUTS = {
    "5,000 × '['": "[" * 5_000,
    "20 KB preview of '[a'": "[a" * 10_000,
    "30 KB of '[^'": "[^" * 15_000,
    "30 KB of '<a '": "<a " * 10_000,
    "30 KB nested list '- - - …'": "- " * 15_000 + "x",
    "30 KB ordinary article (the limit)": (ARTICLE_PARAGRAPH * 700)[:30_000],
}

BEFORE = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {root!r})
    from articles.content import rendering
    text = sys.stdin.read()
    start = time.process_time()
    try:
        rendering.markdown.markdown(text, extensions=rendering._EXTENSIONS,
                                    extension_configs=rendering._EXTENSION_CONFIGS, output_format="html")
        outcome = "ok"
    except RecursionError:
        outcome = "RecursionError (HTTP 500)"
    print(f"{{time.process_time() - start:.2f}} {{outcome}}")
    """
)


def before(text, limit):
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", BEFORE.format(root=str(ROOT))],
            input=text,
            capture_output=True,
            text=True,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        return f"> {limit} s wall (stopped)"
    seconds, outcome = done.stdout.strip().split(" ", 1)
    return f"{float(seconds):6.2f} s CPU, {outcome}"


def after(text):
    from articles.content.rendering import last_conversion_cpu_seconds, markdown_problem, render_markdown

    cpu = time.thread_time()
    render_markdown(text)
    spent = time.thread_time() - cpu + last_conversion_cpu_seconds()
    shown = "plain text + editor told why" if markdown_problem(text) else "formatted"
    return f"{spent:6.2f} s CPU, {shown}"


def png_bytes(width, height):
    import struct

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    pixels = zlib.compress((b"\0" + b"\0" * width * 4) * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


IMAGE_BEFORE = textwrap.dedent(
    """
    import io, resource, sys, time
    from PIL import Image, ImageOps
    data = sys.stdin.buffer.read()
    start = time.perf_counter()
    image = Image.open(io.BytesIO(data)); image.load()
    image = ImageOps.exif_transpose(image); image.thumbnail((2400, 2400))
    out = io.BytesIO(); image.save(out, "PNG", optimize=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - start:.2f} s, peak {peak:.0f} MB")
    """
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-limit", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")
    import django

    django.setup()
    print(f"{'input':32} {'before':42} after")
    for name, text in INPUTS.items():
        print(f"{name:32} {before(text, args.before_limit):42} {after(text)}", flush=True)

    import resource

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.content.images import check_image

    data = png_bytes(6000, 6000)
    done = subprocess.run([sys.executable, "-c", IMAGE_BEFORE], input=data, capture_output=True, check=True)  # noqa: S603
    start, rss = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        check_image(SimpleUploadedFile("big.png", data))
        outcome = "accepted"
    except ValidationError as error:
        outcome = f"refused ({error.code})"
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss
    print(f"\n6000 × 6000 PNG of {len(data) // 1024} KB: before {done.stdout.decode().strip()}; ", end="")
    print(f"after {outcome} in {time.perf_counter() - start:.2f} s, peak grew {grown:.0f} MB")


if __name__ == "__main__":
    main()
