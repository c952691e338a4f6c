"""What responsive images cost an editor's save and save a reader's download.

    .venv/bin/python benchmarks/renditions.py [--repeat 3]

Writes the renditions of one demo hero (a 1600 x 900 PNG illustration, as ``seed_demo`` makes)
and of one 2400 x 1600 JPEG photograph-like image into a throw-away media folder, best of
``--repeat``; prints the time, then every rendition's bytes beside the original's. Then times
the ``{% picture %}`` tag alone (what a page pays per image, with no I/O), in microseconds.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best_of(repeat, work):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def photograph(size=(2400, 1600)):
    """Smooth gradients and noise, closer to a photo than the flat demo drawing."""
    from PIL import Image

    width, height = size
    image = Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 120).convert("RGB")
    noise = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(image, noise, 0.2).resize((width, height))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="rv-bench-renditions-")
    os.environ["MEDIA_ROOT"] = scratch
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/unused.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")

    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.template import Context, Template

    from articles.content import renditions
    from articles.management.commands.seed_demo import illustration

    buffer = io.BytesIO()
    photograph().save(buffer, format="JPEG", quality=85)
    originals = {
        "demo hero 1600x900 PNG": default_storage.save("heroes/demo.png", illustration("bench")),
        "photo 2400x1600 JPEG": default_storage.save("heroes/photo.jpg", ContentFile(buffer.getvalue())),
    }
    print(f"Formats: {', '.join(renditions.modern_formats())} + the original's")
    for label, name in originals.items():
        seconds = best_of(args.repeat, lambda name=name: renditions.generate(name, renditions.WIDE, replace=True))
        print(f"\n{label}: {default_storage.size(name):,} bytes; all renditions written in {seconds:.2f} s")
        with default_storage.open(name) as handle:
            from PIL import Image

            width, height = Image.open(handle).size
        for rendition in renditions.plan(name, width, height, renditions.WIDE):
            print(f"  {rendition.width:>5} px {rendition.format:<5} {default_storage.size(rendition.name):>10,} bytes")

    template = Template(
        '{% load pictures %}{% picture image 2400 1600 "A photo" "(min-width: 62rem) 60rem, 100vw" priority=True %}'
    )
    from django.db.models.fields.files import FieldFile

    class Field:
        storage = default_storage

    image = FieldFile(None, Field(), originals["photo 2400x1600 JPEG"])
    context = Context({"image": image})
    rounds = 2000
    seconds = best_of(args.repeat, lambda: [template.render(context) for _ in range(rounds)])
    print(f"\n{{% picture %}} for one hero: {seconds / rounds * 1e6:.0f} µs, {len(template.render(context)):,} bytes")


if __name__ == "__main__":
    main()
