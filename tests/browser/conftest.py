"""Playwright driving Debian's Chromium against pytest-django's live server.

One browser per test session (starting Chromium is the slow part); a fresh context, so
fresh cookies, per test. Never `playwright install`: the system Chromium is used.
"""

import pytest

from tests.browser.page_problems import CSP_LISTENER, PageProblems
from tests.conftest import chromium_path, skip_or_fail

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "apt-get install -y chromium (and pip install -r requirements-dev.txt for Playwright)"


@pytest.fixture(scope="session")
def playwright_driver(django_db_setup):
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        skip_or_fail(f"Playwright for Python is not installed; {INSTALL_HINT}.")
    from django.db import connections

    # The machine is shared; give the live preview and uploads time before calling them broken.
    expect.set_options(timeout=10_000)
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as driver:
        # While Playwright's event loop runs in this thread, Django keeps database connections
        # per async context, so the tests get new connection objects. They lack the snapshot of
        # the migrated database (the Editors group) that serialized_rollback restores after
        # each flush; hand it over.
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    executable = chromium_path()
    if executable is None:
        skip_or_fail(f"Chromium is missing; {INSTALL_HINT}.")
    browser = playwright_driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Opens browser contexts (separate cookie jars) on the live server; closes them after the test."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def page_problems(page):
    return PageProblems(page)
