"""The search box and results in a real browser: usable without JavaScript, and axe-clean."""

import pytest

from .conftest import chromium_path, skip_or_fail
from .factories import ArticleFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def page():
    path = chromium_path()
    if not path:
        skip_or_fail("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        context = browser.new_context(java_script_enabled=False)
        yield context.new_page()
        browser.close()


def test_the_header_search_box_finds_articles_without_javascript(page, live_server):
    ArticleFactory(title="Neutrophils on the move", body="Neutrophils travel with tumour cells.")
    page.goto(live_server.url)
    page.get_by_label("Search articles", exact=True).fill("neutrophils")
    page.get_by_role("button", name="Search").first.click()
    assert page.get_by_role("link", name="Neutrophils on the move").is_visible()


@pytest.mark.parametrize("query", ["neutrophils", "xylophone"])
def test_search_pages_have_no_accessibility_violations(live_server, query):
    path = chromium_path()
    if not path:
        skip_or_fail("Chromium is not installed at /usr/bin/chromium")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    ArticleFactory(title="Neutrophils on the move", topics=[TopicFactory(name="Immunology")])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}/search/?q={query}")
        violations = Axe().run(page).response["violations"]
        browser.close()
    assert [violation["id"] for violation in violations] == []
