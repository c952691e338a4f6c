"""Editors saving and readers reading at the same moment, in threads, against a file database.

On SQLite this is what WAL, the busy timeout and IMMEDIATE transactions are for: without them
a save that reads before it writes (every ``Article.save()`` does) fails at once with
"database is locked" when another save holds the write lock. On PostgreSQL it must pass too.
"""

import threading

import pytest
from django.db import connection, transaction

from articles.models import Article
from tests.factories import ArticleFactory

EDITORS, READERS, ROUNDS = 4, 2, 8


def run_together(workers):
    """Start every worker at the same moment; return what each one raised."""
    start, errors = threading.Barrier(len(workers)), []

    def run(work):
        try:
            start.wait()
            work()
        except Exception as error:  # collected and reported by the test
            errors.append(repr(error))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker is stuck"
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editors_saving_at_once_while_readers_read_never_fail():
    articles = ArticleFactory.create_batch(EDITORS)
    seen = []

    def editor(pk):
        def work():
            for round_ in range(ROUNDS):
                with transaction.atomic():
                    article = Article.objects.get(pk=pk)  # read, then write: the lock-upgrade case
                    article.title = f"Revised title {round_}"
                    article.save()

        return work

    def reader():
        for _ in range(ROUNDS * 2):
            seen.append(len(list(Article.objects.published().values_list("title", flat=True))))

    errors = run_together([editor(article.pk) for article in articles] + [reader] * READERS)

    assert errors == []
    assert set(Article.objects.values_list("title", flat=True)) == {f"Revised title {ROUNDS - 1}"}
    assert seen == [EDITORS] * (ROUNDS * 2 * READERS)


@pytest.mark.django_db
def test_sqlite_file_database_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.execute("SELECT 1")  # PostgreSQL: readers never block writers anyway
            return
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
