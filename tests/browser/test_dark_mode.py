"""Dark mode: a reader whose system asks for it gets dark pages that axe still passes.

The same demo pages as tests/browser/test_accessibility.py, with the media feature
``prefers-color-scheme: dark`` emulated; and the new /topics/ and /feeds/ pages in both schemes.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Author
from tests.browser.page_problems import axe_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FEATURED_SLUG = "immune-cells-that-help-breast-cancer-spread"


@pytest.fixture
def demo_pages(transactional_db):
    call_command("seed_demo", verbosity=0)
    search = reverse("articles:search")
    return {
        "home": reverse("articles:home"),
        "article": Article.objects.get(slug=FEATURED_SLUG).get_absolute_url(),
        "search results": f"{search}?q=immune",
        "search for a researcher": f"{search}?q=coffelt",
        "search with a suggestion": f"{search}?q=imune",
        "author": Author.objects.get(name="Seth Coffelt").get_absolute_url(),
        "topics": reverse("articles:topic_list"),
        "feeds": reverse("articles:feed_list"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "article",
        "search results",
        "search for a researcher",
        "search with a suggestion",
        "author",
        "topics",
        "feeds",
    ],
)
def test_axe_finds_no_violations_in_dark_mode(demo_pages, page, name):
    page.emulate_media(color_scheme="dark")
    page.goto(demo_pages[name])
    assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") == "rgb(21, 19, 23)"
    assert axe_report(page) == ""


@pytest.mark.parametrize("name", ["topics", "feeds", "search for a researcher", "search with a suggestion"])
def test_axe_finds_no_violations_on_the_new_pages_in_light_mode(demo_pages, page, name):
    page.emulate_media(color_scheme="light")
    page.goto(demo_pages[name])
    assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") == "rgb(255, 255, 255)"
    assert axe_report(page) == ""


def test_the_demo_search_pages_show_what_axe_checks(demo_pages, page):
    """Guards the tests above: the researcher group and the suggestion are really there."""
    page.goto(demo_pages["search for a researcher"])
    assert page.get_by_role("heading", name="Researchers").is_visible()
    page.goto(demo_pages["search with a suggestion"])
    assert page.get_by_role("link", name="immune", exact=True).is_visible()


def test_printing_stays_dark_on_white(demo_pages, page):
    page.emulate_media(color_scheme="dark", media="print")
    page.goto(demo_pages["article"])
    colours = page.evaluate(
        "({ink: getComputedStyle(document.querySelector('.standfirst')).color,"
        " paper: getComputedStyle(document.documentElement).backgroundColor})"
    )
    # The print view sets the text black on white, whatever the screen's scheme.
    assert colours == {"ink": "rgb(0, 0, 0)", "paper": "rgb(255, 255, 255)"}
