"""What a reader with assistive technology, a small phone or a strict browser meets.

axe-core runs inside Chromium on each kind of public page, filled with the demo content;
the layout is checked at 320 CSS pixels (WCAG reflow); and every page, public and the
admin editor, is watched for Content-Security-Policy violations.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, ArticleAuthor, Author, Topic
from tests import editing
from tests.browser.admin_editor import body_editor, drop_file, log_in, png_base64, preview
from tests.browser.page_problems import PageProblems, axe_report
from tests.factories import ReviewerFactory

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FEATURED_SLUG = "immune-cells-that-help-breast-cancer-spread"


@pytest.fixture
def demo_site(transactional_db):
    """The demo content, with a second author on the featured article for a shared byline."""
    call_command("seed_demo", verbosity=0)
    article = Article.objects.get(slug=FEATURED_SLUG)
    ArticleAuthor.objects.get_or_create(
        article=article, author=Author.objects.get(slug="priya-raman"), defaults={"position": 1}
    )
    article.related_articles.add(Article.objects.published().exclude(pk=article.pk).last())
    # A review, so axe sees the "Reviewed by" line and the review record too.
    reviewer = ReviewerFactory(name="Dr Amy Clarke", role="Clinical Nurse Specialist")
    return editing.review(Article.objects.get(pk=article.pk), [reviewer], "Checked against current guidance")


def public_pages(article):
    author = article.ordered_authors[0]
    return {
        "home": reverse("articles:home"),
        "article list": reverse("articles:article_list"),
        "article detail": article.get_absolute_url(),
        "author list": reverse("articles:author_list"),
        "author detail": author.get_absolute_url(),
        "topic": Topic.objects.filter(articles=article).first().get_absolute_url(),
        "404": "/no-such-page/",
    }


def test_article_page_has_what_the_accessibility_checks_need(demo_site, page):
    """Guards the other tests: the page axe checks really has every part it claims to."""
    page.goto(demo_site.get_absolute_url())
    parts = {
        "hero image": page.locator("figure.hero img").count(),
        "author summaries": page.locator(".author-summary").count(),
        "topic links": page.locator(".topic-tags a").count(),
        "related articles": page.locator(".related .card").count(),
        "donation box": page.locator(".donation-box").count(),
        "reviewed by": page.locator(".reviewed-by").count(),
        "review record": page.locator(".review-record").count(),
    }
    assert parts == {
        "hero image": 1,
        "author summaries": 2,
        "topic links": 2,
        "related articles": 3,
        "donation box": 1,
        "reviewed by": 1,
        "review record": 1,
    }


@pytest.mark.parametrize(
    "name", ["home", "article list", "article detail", "author list", "author detail", "topic", "404"]
)
def test_axe_finds_no_violations(demo_site, page, name):
    response = page.goto(public_pages(demo_site)[name])
    assert response.status == (404 if name == "404" else 200)
    assert axe_report(page) == ""


@pytest.mark.parametrize("name", ["home", "article detail"])
def test_axe_finds_no_violations_on_a_320px_screen(demo_site, new_context, name):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(public_pages(demo_site)[name])
    assert axe_report(page) == ""


@pytest.mark.parametrize("name", ["home", "article detail", "author detail"])
def test_page_does_not_scroll_sideways_on_a_320px_screen(demo_site, new_context, name):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(public_pages(demo_site)[name])
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth})")
    assert widths["scroll"] <= widths["viewport"]


def test_skip_link_appears_on_focus_and_moves_focus_to_main(demo_site, page):
    page.goto(demo_site.get_absolute_url())
    skip_link = page.get_by_role("link", name="Skip to main content")
    hidden = skip_link.bounding_box()
    assert hidden["y"] + hidden["height"] <= 0

    page.keyboard.press("Tab")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.bounding_box()["y"] >= 0

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_public_pages_cause_no_csp_violations(demo_site, page, page_problems):
    for url in public_pages(demo_site).values():
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert page_problems.csp_violations == []


def test_public_pages_log_no_console_errors(demo_site, page, page_problems):
    for name, url in public_pages(demo_site).items():
        if name != "404":  # Chromium logs every 404 response as an error.
            page.goto(url)
            page.wait_for_load_state("networkidle")
    assert page_problems.console_errors == []


def test_admin_editor_works_without_csp_violations(demo_site, new_context, editor_user):
    """The admin change page, its markdownx editor, an upload and the select2 pickers, under the strict CSP."""
    page = new_context().new_page()
    problems = PageProblems(page)
    page.on("dialog", lambda dialog: dialog.accept("Cells seen through a microscope"))
    log_in(page, editor_user)
    page.goto(reverse("admin:articles_article_change", args=[demo_site.pk]))
    textarea = body_editor(page)
    textarea.press("End")
    textarea.press_sequentially("\n\nA **new** paragraph.\n\n")
    expect(preview(page).locator("strong", has_text="new")).to_be_visible()
    drop_file(textarea, "cells.png", png_base64())
    expect(page.get_by_role("status")).to_have_text("Image uploaded with its description.")
    page.locator("#article_authors-group .select2-selection").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")

    found = {
        "violations": problems.csp_violations,
        "console errors": problems.console_errors,
        "failed requests": problems.failed_requests,
    }
    assert found == {"violations": [], "console errors": [], "failed requests": []}
