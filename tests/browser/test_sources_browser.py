"""Sources in Chromium: an editor cites and adds a source; a reader follows a citation down and back up."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

from articles.models import Article
from tests.browser.admin_editor import body_editor, log_in, preview
from tests.browser.page_problems import axe_report
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COFFELT = {
    "title": "IL-17-producing γδ T cells and neutrophils conspire to promote breast cancer metastasis",
    "authors": "Coffelt SB, Kersten K, Doornebal CW, et al.",
    "publisher": "Nature",
    "year": 2015,
    "doi": "10.1038/nature14282",
    "pmid": "25822788",
}
NICE = {"title": "Early and locally advanced breast cancer", "url": "https://www.nice.org.uk/guidance/ng101"}


def test_an_editor_cites_a_source_sees_it_in_the_preview_and_is_told_about_a_missing_one(new_context, editor_user):
    article = ArticleFactory(draft=True, body="Our lab looks at neutrophils.")
    page = new_context().new_page()
    log_in(page, editor_user)
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    textarea = body_editor(page)
    textarea.fill("Neutrophils help cancer spread [@1]. A guideline agrees [@2].")
    expect(preview(page).locator("sup.citation a[href='#source-1']")).to_have_text("[1]")
    page.locator("#id_references-0-title").fill(COFFELT["title"])
    page.locator("#id_references-0-doi").fill("https://doi.org/10.1038/nature14282")
    page.get_by_role("button", name="Save draft", exact=True).click()

    # Only one source for two citations: the text's own error names the missing number.
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-body .errorlist")).to_contain_text("[@2]")
    textarea = body_editor(page)
    textarea.fill("Neutrophils help cancer spread [@1].")
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("Saved as a draft")
    assert list(Article.objects.get(pk=article.pk).references.values_list("doi", flat=True)) == [COFFELT["doi"]]


def test_a_reader_follows_a_citation_to_its_source_and_back(page):
    article = ArticleFactory(
        body="Neutrophils help cancer spread [@1].\n\n" + "More text.\n\n" * 40 + "A guideline agrees [@2].",
        references=[COFFELT, NICE],
    )
    page.goto(article.get_absolute_url())
    page.locator("sup.citation a[href='#source-2']").click()
    expect(page).to_have_url(re.compile(r"#source-2$"))
    source = page.locator("#source-2")
    expect(source).to_be_in_viewport()
    expect(source.get_by_role("link", name="Web page (www.nice.org.uk)")).to_be_visible()
    source.get_by_role("link", name="Back to text where source 2 is cited").click()
    expect(page).to_have_url(re.compile(r"#cite-2-1$"))
    expect(page.locator("#cite-2-1")).to_be_in_viewport()
    expect(page.locator("#source-1").get_by_role("link", name="doi:10.1038/nature14282")).to_have_attribute(
        "href", "https://doi.org/10.1038/nature14282"
    )


def test_axe_finds_no_violations_on_an_article_with_sources(page):
    article = ArticleFactory(body="Shown in mice [@1] and in people [@2], and again [@1].", references=[COFFELT, NICE])
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    assert axe_report(page) == ""


def test_long_dois_and_addresses_do_not_make_a_phone_scroll_sideways(new_context):
    long_source = {
        "title": "A report with a very long address",
        "doi": "10.1002/(SICI)1097-4636(199812)43:4<396::AID-JBM5>3.0.CO;2-Q",
        "url": "https://www.example.org/" + "a-very-long-path-segment-" * 8,
    }
    article = ArticleFactory(body="Cited [@1].", references=[long_source])
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(article.get_absolute_url())
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth})")
    assert widths["scroll"] <= widths["viewport"]
    assert axe_report(page) == ""


def test_while_typing_the_editor_is_told_which_citation_has_no_source_yet(new_context, editor_user):
    article = ArticleFactory(draft=True, body="Text.", references=[COFFELT])
    page = new_context().new_page()
    log_in(page, editor_user)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    status = page.locator(".editor-citation-status")
    body_editor(page).fill("Shown in mice [@1] and in people [@2].")
    expect(status).to_have_text(
        "The text cites [@2], but the Sources list below has only 1. Add the source, or correct the number."
    )
    expect(preview(page).locator("sup.citation--unknown a")).to_have_text("[2]")
    page.locator("#id_references-1-title").fill("A trial in people")
    expect(status).to_be_hidden()


def test_ticking_remove_counts_the_source_out_at_once(new_context, editor_user):
    article = ArticleFactory(draft=True, body="Shown in mice [@1].", references=[COFFELT])
    page = new_context().new_page()
    log_in(page, editor_user)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    status = page.locator(".editor-citation-status")
    expect(preview(page).locator("sup.citation a")).to_have_text("[1]")
    expect(status).to_be_hidden()
    page.get_by_label("Remove this source").first.check()
    expect(status).to_contain_text("The text cites [@1], but the Sources list below has none yet.")
