"""Reading what the page cache did with a request: a reader's fetch and the queries it cost."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def reader():
    """A separate browser with no cookies (the ``client`` fixture may be signed in)."""
    return Client()


def fetch(client, url, **headers):
    """``(response, number of SQL queries)``."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def served_from_cache(client, url):
    """True if ``url`` was answered without a single query (it was rendered at least once before)."""
    response, queries = fetch(client, url)
    assert response.status_code == 200, response.status_code
    return queries == 0


def cache_tags(response):
    return set(response["Cache-Tag"].split())
