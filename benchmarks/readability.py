"""What the plain-language figures cost: the dictionary's first load, and one measurement by size.

    .venv/bin/python benchmarks/readability.py

Each editor keystroke pause asks the server for the figures and the checks
(``articles/admin/editor_stats.py``), and every save stores the reading age, so this is the work
added to a save and to the live panel: Markdown rendering (cached per text) is left out; the
times are CPU seconds of this process for the prose extraction, textstat and the checks.
"""

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = (
    "## What we found\n\nImmune cells called neutrophils can help breast cancer spread. We studied how "
    "they change in the blood, and which medicines might stop them. The results surprised us.\n\n"
)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")
    import django

    django.setup()
    from articles.content.readability import Readability
    from articles.content.rendering import render_markdown
    from articles.editorial import checks
    from articles.editorial.content import ArticleContent

    before = rss_mb()
    started = time.process_time()
    Readability.of_html("<p>" + "Immunotherapy helps. " * 60 + "</p>")
    print(
        f"first use (loads the CMU dictionary): {time.process_time() - started:.2f} s CPU, "
        f"+{rss_mb() - before:.0f} MB peak memory"
    )

    runs = 10
    for words in (300, 1_000, 2_000, 5_000):
        # A different text each run: textstat caches its answers per text.
        bodies = [PARAGRAPH * (words // 30 + 1) + f"Run number {run}." for run in range(runs * 2)]
        htmls = [render_markdown(body) for body in bodies]
        started = time.process_time()
        for html in htmls[:runs]:
            Readability.of_html(html)
        figures = (time.process_time() - started) / runs
        contents = []
        for body in bodies[runs:]:
            content = ArticleContent.empty()
            content.values.update({"standfirst": "About.", "body": body})
            contents.append(content)
        started = time.process_time()
        for content in contents:
            checks.run(content)  # its rendering is cached from above
        every_check = (time.process_time() - started) / runs
        print(
            f"{words:>5} words: figures {figures * 1000:6.1f} ms, all checks with figures {every_check * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    main()
