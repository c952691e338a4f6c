import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this test process is synchronous code (it is).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED_TESTDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "testdata"


def skip_or_fail(reason):
    """Outside CI a missing tool skips the test with a hint; in CI it is a failure."""
    if IN_CI:
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _require_postgresql(request):
    """Tests marked ``postgres`` run in the PostgreSQL pass (CI runs both passes)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            skip_or_fail(
                "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/research_voices "
                "(CI's SQLite pass leaves these out; its PostgreSQL pass runs them)"
            )


@pytest.fixture(autouse=True)
def commits_run_their_callbacks():
    """Run ``transaction.on_commit`` callbacks when the code under test commits, as production does.

    pytest-django wraps each test in a transaction that is rolled back, so Django never runs
    on_commit callbacks and the editorial write path's refresh (search index, cached lists,
    emails) would never happen. Here, when the outermost atomic block that is not the test's
    own exits successfully — the moment production commits — the callbacks it registered run.
    Callbacks of a block that rolled back were already dropped by Django.
    """
    from django.db import transaction

    original_exit = transaction.Atomic.__exit__

    def exit_then_run_callbacks(atomic, exc_type, exc_value, traceback):
        result = original_exit(atomic, exc_type, exc_value, traceback)
        connection = transaction.get_connection(atomic.using)
        blocks = connection.atomic_blocks
        if exc_type is None and blocks and all(getattr(block, "_from_testcase", False) for block in blocks):
            while connection.run_on_commit:
                _, callback, _ = connection.run_on_commit.pop(0)
                callback()
        return result

    transaction.Atomic.__exit__ = exit_then_run_callbacks
    yield
    transaction.Atomic.__exit__ = original_exit


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Each test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def xss_payloads():
    path = SHARED_TESTDATA / "xss-payloads.txt"
    if not path.exists():
        skip_or_fail(f"{path} is missing; the XSS tests read the shared test data beside the project.")
    return [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]


def make_staff(django_user_model, username, group=None):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    user.is_staff = True
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_user(django_user_model):
    return make_staff(django_user_model, "editor", "Editors")


@pytest.fixture
def publisher_user(django_user_model):
    return make_staff(django_user_model, "publisher", "Publishers")


@pytest.fixture
def publisher_client(client, publisher_user):
    client.force_login(publisher_user)
    return client


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).exists() else None


def pytest_collection_modifyitems(config, items):
    """CI's SQLite pass leaves out tests marked ``postgres``; its PostgreSQL pass runs them.

    Outside CI they stay in and skip with a hint (see ``skip_or_fail``).
    """
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if not IN_CI or on_postgres:
        return
    needs_postgres = [item for item in items if item.get_closest_marker("postgres")]
    if needs_postgres:
        config.hook.pytest_deselected(items=needs_postgres)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
