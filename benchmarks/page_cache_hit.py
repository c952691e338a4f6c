"""What a page cache hit costs in-process, against a miss and against no page cache at all.

    .venv/bin/python benchmarks/page_cache_hit.py [--repeat 300]

Uses a throw-away SQLite database (or DATABASE_URL, which must point at a scratch database:
it is flushed) with the demo content, and the cache of the settings (local memory, or Redis
when REDIS_URL is set). For each page, in microseconds (median, and 95th percentile):

- ``off``: the whole Django stack with the page cache switched off (the view's work);
- ``miss``: the page cache on, every entry dropped before each request (render, compress, store);
- ``hit``: the whole Django stack answering from the page cache (test client);
- ``mw hit``: the page cache middleware alone answering from the cache (RequestFactory): the
  cost a hit adds above the server and the outer middleware.
"""

import argparse
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(call, repeat):
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1_000_000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="rv-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client, RequestFactory
    from django.test.utils import setup_test_environment

    from articles.models import Article, Author, Topic
    from articles.public import page_cache
    from articles.public.page_cache_middleware import PageCacheMiddleware

    setup_test_environment()
    logging.disable(logging.INFO)  # one access line per request would be most of what is timed
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
        "author": Author.objects.get(slug="seth-coffelt").get_absolute_url(),
        "topic": Topic.objects.get(slug="secondary-breast-cancer").get_absolute_url(),
        "search": "/search/?q=cells",
        "feed": "/feeds/rss/",
    }
    client, factory = Client(), RequestFactory()

    def never_called(request):
        raise AssertionError("a hit must not reach the view")

    cache_only = PageCacheMiddleware(never_called)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"cache: {backend}; {args.repeat} requests each; microseconds, median / p95")
    print(f"{'page':<13} {'off':>13} {'miss':>13} {'hit':>13} {'mw hit':>13} {'hit/off':>8}")
    for name, url in pages.items():
        settings.PAGE_CACHE_ENABLED = False
        off = timed(lambda url=url: client.get(url), args.repeat)
        settings.PAGE_CACHE_ENABLED = True

        def miss(url=url):
            page_cache.invalidate({page_cache.EVERY_PAGE_TAG})
            client.get(url)

        missed = timed(miss, args.repeat)
        client.get(url)
        hit = timed(lambda url=url: client.get(url), args.repeat)
        assert cache_only(factory.get(url)).status_code == 200
        mw_hit = timed(lambda url=url: cache_only(factory.get(url, HTTP_ACCEPT_ENCODING="gzip, br")), args.repeat)
        cells = [f"{median:>6.0f} /{p95:>5.0f}" for median, p95 in (off, missed, hit, mw_hit)]
        print(f"{name:<13} {' '.join(cells)} {off[0] / hit[0]:>7.1f}x")


if __name__ == "__main__":
    main()
