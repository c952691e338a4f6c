"""What a reader meets in Chromium: feedback sent with JavaScript off, the printed article, and
the new public pages (site pages, the thank-you and the "please check" pages) checked by axe-core."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Feedback
from articles.models.pages import FOOTER_PAGES
from tests.browser.page_problems import axe_report

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FEATURED_SLUG = "immune-cells-that-help-breast-cancer-spread"


@pytest.fixture
def demo_article(transactional_db):
    call_command("seed_demo", verbosity=0)
    return Article.objects.get(slug=FEATURED_SLUG)


def test_feedback_is_sent_with_javascript_switched_off(demo_article, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(demo_article.get_absolute_url())
    form = page.locator("form.feedback__form")
    form.get_by_label("No").check()
    form.get_by_label("Tell us more (optional)").fill("Please explain what a neutrophil is.")
    form.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answer")
    answer = Feedback.objects.first()  # the newest: the demo's own answers are older
    assert (answer.article_id, answer.useful, answer.comment, answer.email) == (
        demo_article.pk,
        False,
        "Please explain what a neutrophil is.",
        "",
    )
    page.get_by_role("link", name=f"Back to “{demo_article.title}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_article.title)


def test_the_honeypot_is_hidden_from_readers(demo_article, page):
    page.goto(demo_article.get_absolute_url())
    expect(page.get_by_label("Leave this box empty")).to_be_hidden()


def test_the_printed_article_keeps_what_a_reader_needs_and_drops_the_rest(demo_article, page, live_server):
    page.goto(demo_article.get_absolute_url())
    page.emulate_media(media="print")
    expect(page.locator(".site-brand__name")).to_be_visible()
    expect(page.locator(".site-brand__name")).to_have_text("Research Voices")
    address = page.locator(".print-address")
    expect(address).to_be_visible()
    expect(address).to_have_text(f"Read online at {live_server.url}{demo_article.get_absolute_url()}")
    expect(page.locator(".article__meta")).to_be_visible()
    expect(page.locator(".article__meta")).to_contain_text("Published")
    expect(page.locator(".medical-disclaimer")).to_be_visible()
    expect(page.locator(".site-footer__charity")).to_be_visible()
    for hidden in (".site-nav", ".search-form--header", ".donation-box", ".feedback", ".site-footer__nav"):
        expect(page.locator(hidden)).to_be_hidden()


def test_on_screen_the_address_is_print_only_and_the_disclaimer_shows(demo_article, page):
    page.goto(demo_article.get_absolute_url())
    expect(page.locator(".print-address")).to_be_hidden()
    expect(page.locator(".medical-disclaimer")).to_be_visible()
    expect(page.locator(".feedback")).to_be_visible()


def new_public_pages(article):
    pages = {slug: reverse("articles:site_page", args=[slug]) for slug, _label in FOOTER_PAGES}
    pages["thanks"] = reverse("articles:feedback_thanks", args=[article.slug])
    return pages


@pytest.mark.parametrize("name", [*(slug for slug, _label in FOOTER_PAGES), "thanks"])
def test_axe_finds_no_violations_on_the_new_pages(demo_article, page, name):
    response = page.goto(new_public_pages(demo_article)[name])
    assert response.status == 200
    assert axe_report(page) == ""


def test_axe_finds_no_violations_on_the_please_check_page(demo_article, page):
    page.goto(demo_article.get_absolute_url())
    form = page.locator("form.feedback__form")
    # Sent past the browser's own checks, as an older browser would send it.
    form.evaluate("form => { form.noValidate = true; }")
    form.get_by_label("Your email address (optional)").fill("not an address")
    form.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Please check your answer")
    expect(page.locator(".feedback__error").first).to_have_text("Please choose Yes or No.")
    assert axe_report(page) == ""
