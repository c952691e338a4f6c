"""The search box and results in a real browser: usable without JavaScript, and axe-clean."""

import pytest

from tests.browser.page_problems import axe_report
from tests.factories import ArticleFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_header_search_box_finds_articles_without_javascript(new_context):
    ArticleFactory(title="Neutrophils on the move", body="Neutrophils travel with tumour cells.")
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    page.get_by_label("Search articles", exact=True).fill("neutrophils")
    page.get_by_role("button", name="Search").first.click()
    assert page.get_by_role("link", name="Neutrophils on the move").is_visible()


@pytest.mark.parametrize("query", ["neutrophils", "xylophone"])
def test_search_pages_have_no_accessibility_violations(page, query):
    ArticleFactory(title="Neutrophils on the move", topics=[TopicFactory(name="Immunology")])
    page.goto(f"/search/?q={query}")
    assert axe_report(page) == ""
