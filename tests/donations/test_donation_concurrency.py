"""1,000 simultaneous clicks must count as exactly 1,000 (PostgreSQL, as in production)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from articles.models import DonationClickCount
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, DonationLinkFactory

CLICKS = 1000
THREADS = 16


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        skip_or_fail("The concurrency test needs PostgreSQL: set DATABASE_URL=postgres://…")


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def run_concurrently(click):
    """Call ``click`` CLICKS times, spread over THREADS threads released together."""
    start = threading.Barrier(THREADS)

    def worker(count):
        start.wait()  # Release every thread at once so the first INSERTs really race.
        try:
            for _ in range(count):
                click()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        shares = [CLICKS // THREADS + (1 if n < CLICKS % THREADS else 0) for n in range(THREADS)]
        for future in [pool.submit(worker, share) for share in shares]:
            future.result()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_clicks_on_the_button_are_all_counted(postgres):
    link, article = DonationLinkFactory(), ArticleFactory(slug="neutrophils")
    url = reverse("articles:donate", args=[link.pk]) + "?from=neutrophils"
    local = threading.local()

    def click():
        local.client = getattr(local, "client", None) or Client(HTTP_USER_AGENT=BROWSER)
        assert local.client.get(url).status_code == 302

    run_concurrently(click)
    assert DonationClickCount.objects.get(link=link, article=article).clicks == CLICKS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_clicks_without_article_are_all_counted_in_one_row(postgres):
    link = DonationLinkFactory()
    run_concurrently(lambda: DonationClickCount.objects.record(link.pk, None))
    assert list(DonationClickCount.objects.values_list("clicks", flat=True)) == [CLICKS]
