"""Query counts and server-side latency of each public page on the demo content.

    .venv/bin/python benchmarks/pages.py [--repeat 200]

Uses a throw-away SQLite database (or DATABASE_URL if set, which must point at a scratch
database: it is flushed) and Django's test client, so it measures Django's work for a page,
not the network. Prints one row per page: SQL queries, bytes of HTML, median and 95th
percentile in milliseconds.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="rv-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")
    # Django's own work for a page: with the page cache on, every repeat would be a hit
    # (benchmarks/page_cache_hit.py measures those).
    os.environ.setdefault("DJANGO_PAGE_CACHE", "false")

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from articles.models import Article, Author, Topic

    setup_test_environment()
    # Keep one connection for the whole run, as a long-lived worker does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())

    article = Article.objects.published().first()
    pages = {
        "home": "/",
        "article list": "/articles/",
        "article": article.get_absolute_url(),
        "author list": "/authors/",
        "author": Author.objects.get(slug="seth-coffelt").get_absolute_url(),
        "topic": Topic.objects.get(slug="secondary-breast-cancer").get_absolute_url(),
    }
    client = Client()
    print(f"{'page':<14} {'queries':>7} {'bytes':>7} {'median ms':>10} {'p95 ms':>8}   ({args.repeat} requests each)")
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            size = len(client.get(url).content)
        query_count = len(queries)  # read now: the context's view of the log is lazy
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:<14} {query_count:>7} {size:>7} {statistics.median(timings):>10.2f} {p95:>8.2f}")


if __name__ == "__main__":
    main()
