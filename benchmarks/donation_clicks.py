"""How fast the click endpoint counts, one reader at a time and many at once.

Runs against a throw-away test database on whatever DATABASE_URL points at, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rv_bench .venv/bin/python benchmarks/donation_clicks.py

and prints requests per second for sequential and threaded clicks through the real view
(routing, slug lookup, atomic count, redirect), and checks that none were lost.
"""

import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

CLICKS = int(os.environ.get("BENCH_CLICKS", "2000"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def timed(label, run, clicks):
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    print(f"{label:<34} {clicks:>6} clicks in {seconds:6.2f} s = {clicks / seconds:8.0f} clicks/s")


def main():
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0)
    try:
        from articles.models import DonationClickCount
        from tests.factories import ArticleFactory, DonationLinkFactory

        link, article = DonationLinkFactory(), ArticleFactory()
        url = reverse("articles:donate", args=[link.pk]) + f"?from={article.slug}"
        client = Client(HTTP_USER_AGENT=BROWSER)

        def sequential():
            for _ in range(CLICKS):
                client.get(url)

        local = threading.local()

        def threaded():
            def worker(count):
                local.client = Client(HTTP_USER_AGENT=BROWSER)
                try:
                    for _ in range(count):
                        local.client.get(url)
                finally:
                    connections.close_all()

            with ThreadPoolExecutor(THREADS) as pool:
                list(pool.map(worker, [CLICKS // THREADS] * THREADS))

        print(f"database: {connection.vendor}")
        timed("sequential, 1 thread", sequential, CLICKS)
        timed(f"concurrent, {THREADS} threads", threaded, CLICKS // THREADS * THREADS)
        counted = DonationClickCount.objects.get(link=link, article=article).clicks
        expected = CLICKS + CLICKS // THREADS * THREADS
        print(f"counted {counted} of {expected} clicks ({'none lost' if counted == expected else 'LOST CLICKS'})")
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
