"""What citations cost: rendering text full of them, and reading them back for the Sources list.

    .venv/bin/python benchmarks/citations.py

Markdown figures are CPU seconds (this process plus the converting child), as in
``render_bounds.py``; the budget per conversion is ``RENDER_CPU_SECONDS``. The last figure is
the time to find every citation in the rendered HTML (the public page does it once per view).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = "Neutrophils **help** cancer spread [@1], as a later study found [@2].\n\n"
INPUTS = {
    "30 KB ordinary article with citations": (PARAGRAPH * 500)[:30_000],
    "30 KB of '[@1]' (5,000 citations)": "[@1] " * 6_000,
    "30 KB of '[@' (never closed)": "[@" * 15_000,
    "30 KB of '[@9999' (never closed)": "[@9999" * 5_000,
}


def measure(text, source_count):
    from articles.content.rendering import last_conversion_cpu_seconds, render_markdown

    cpu = time.thread_time()
    html = render_markdown(text, source_count=source_count)
    return time.thread_time() - cpu + last_conversion_cpu_seconds(), html


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")
    import django

    django.setup()
    from articles.content.rendering import RENDER_CPU_SECONDS
    from articles.content.sources import back_links

    print(f"budget per conversion: {RENDER_CPU_SECONDS} s CPU")
    print(f"{'input':40} {'render (2 sources)':>20} {'citations read back':>20}")
    for name, text in INPUTS.items():
        spent, html = measure(text, 2)
        started = time.perf_counter()
        links = back_links(html)
        reading = time.perf_counter() - started
        count = sum(len(ids) for ids in links.values())
        print(f"{name:40} {spent:17.3f} s {reading * 1000:15.1f} ms ({count:,} citations)", flush=True)


if __name__ == "__main__":
    main()
