"""A gunicorn worker killed with SIGKILL in the middle of an article save leaves nothing half-saved.

The admin saves an article, its byline and its search index entry in one transaction. To catch
the worker inside it without touching the application, the test installs a trigger in the test
database that makes the byline write sleep; while the worker waits there (its article row and
index entry already written, not committed) the test kills it with ``kill -9``. PostgreSQL must
then roll the whole transaction back: readers see exactly the old article, byline and search
entry, and gunicorn's replacement worker keeps answering.

The server's connections ask PostgreSQL to check every second whether their client is still
there (``client_connection_check_interval``, PostgreSQL 14+), so the dead worker's transaction
ends at once instead of after the sleep; production can set the same in its DATABASE_URL.
"""

import contextlib
import os
import signal
import threading
import time
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from articles.models import Article, ArticleAuthor
from articles.models.search_index import PostgresSearchEntry
from tests.factories import ArticleFactory, AuthorFactory
from tests.scale.browser import PASSWORD, Browser, admin_login, save_article_in_admin, server_user
from tests.scale.conftest import server_database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLEEP_SECONDS = 120


@pytest.fixture
def slow_byline_writes():
    """Byline writes naming the author in ``slow_author`` sleep inside their transaction."""
    slow_author = AuthorFactory(name="Wren Sleepwell")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE FUNCTION scale_test_slow_byline() RETURNS trigger AS $$
            BEGIN
                IF NEW.author_id = {int(slow_author.pk)} THEN PERFORM pg_sleep({SLEEP_SECONDS}); END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER scale_test_slow_byline BEFORE INSERT OR UPDATE ON articles_articleauthor
                FOR EACH ROW EXECUTE FUNCTION scale_test_slow_byline();
            """
        )
    try:
        yield slow_author
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS scale_test_slow_byline ON articles_articleauthor")
            cursor.execute("DROP FUNCTION IF EXISTS scale_test_slow_byline()")


def sleeping_backends():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'")
        return [row[0] for row in cursor.fetchall()]


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.2)


def snapshot(article):
    row = Article.objects.values("title", "body", "body_html", "edit_version", "updated_at").get(pk=article.pk)
    byline = list(ArticleAuthor.objects.filter(article=article).values_list("author__name", "position"))
    entry = PostgresSearchEntry.objects.values("title", "body", "authors").filter(article_id=article.pk).first()
    return row, byline, entry


def test_kill_9_during_a_save_leaves_the_old_article_whole(start_server, slow_byline_writes, django_user_model):
    editor = server_user(django_user_model, "doomed-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    # A draft: its save writes the article and byline rows at once (a live article's edit would
    # go to its working copy).
    article = ArticleFactory(title="Cells that sleep", authors=[AuthorFactory(name="Isla Original")], draft=True)
    before = snapshot(article)
    byline_id = ArticleAuthor.objects.get(article=article).pk

    url = server_database_url() + "?options=" + quote("-c client_connection_check_interval=1000")
    server = start_server(workers=1, DATABASE_URL=url)
    browser = Browser(server.url)
    admin_login(browser, "doomed-editor", PASSWORD)
    [worker] = server.worker_pids()

    save = threading.Thread(
        target=lambda: _ignore_errors(
            save_article_in_admin,
            browser,
            article.pk,
            title="Cells that wake",
            body="A half-saved body must never be seen.",
            **{"article_authors-0-id": str(byline_id), "article_authors-0-author": str(slow_byline_writes.pk)},
        ),
        daemon=True,
    )
    save.start()
    wait_for(lambda: sleeping_backends(), 30, "the save never reached the byline write")
    # Inside the transaction: the article row is written, not committed (the index waits for the commit).
    assert snapshot(article) == before

    os.kill(worker, signal.SIGKILL)
    save.join(timeout=30)
    wait_for(lambda: not sleeping_backends(), 30, "PostgreSQL kept the dead worker's transaction open")

    assert snapshot(article) == before
    status, _, page = Browser(server.url).get("/articles/")
    assert status == 200
    assert "half-saved" not in page
    assert worker not in server.worker_pids()
    assert len(server.worker_pids()) == 1


def _ignore_errors(function, *args, **kwargs):
    # The connection dies with the worker; that is the point.
    with contextlib.suppress(Exception):
        function(*args, **kwargs)
