"""The writing surface in Chromium: live figures while typing, the preview beside the text in the
public site's typography, the formatting toolbar, and a publish blocked by a check, with the reason."""

import pytest
from django.urls import reverse

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

from tests.browser.admin_editor import body_editor, log_in, preview
from tests.browser.page_problems import PageProblems
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SENTENCE = "We grew cancer cells in the lab and watched them move. "


def axe_report_on(page, *selectors):
    """axe-core's report on the parts of an admin page this work added (Django's admin and select2
    have violations of their own elsewhere on the page: unlabelled search boxes, breadcrumbs)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [[selector] for selector in selectors]})
    return results.generate_report() if results.violations_count else ""


def figure(page, name):
    return page.locator(f'#editor-checks [data-figure="{name}"]')


def add_page(new_context, user, width=1400):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, user)
    page.goto(reverse("admin:articles_article_add"))
    return page


def test_word_count_and_reading_age_follow_the_typing(new_context, editor_user):
    page = add_page(new_context, editor_user)
    problems = PageProblems(page)
    box = body_editor(page)
    box.press_sequentially("Cells move. Some stay put.")
    expect(figure(page, "words")).to_have_text("5")
    expect(figure(page, "reading_age")).to_have_text("too short to judge")
    box.fill(SENTENCE * 10)  # 110 words in 10 sentences: enough for a figure
    box.press("End")
    box.press_sequentially(" More.")
    expect(figure(page, "words")).to_have_text("111")
    expect(figure(page, "reading_age")).to_have_text("7 years (Flesch–Kincaid)")
    expect(figure(page, "reading_minutes")).to_have_text("1 min")
    assert problems.console_errors == []
    assert problems.csp_violations == []


def test_problems_appear_and_go_as_the_editor_writes(new_context, editor_user):
    page = add_page(new_context, editor_user)
    box = body_editor(page)
    box.fill("### Results\n\nThe data are [here](https://example.org/).")
    box.press("End")
    panel = page.locator("#editor-checks")
    expect(panel.locator(".editor-problem--error")).to_have_count(3)  # no standfirst yet, heading, link
    expect(panel).to_contain_text("Must fix: The first heading “Results” (###) skips a level")
    page.get_by_label("Standfirst").fill("What we found.")
    box.fill("## Results\n\nThe data are in [the trial's report](https://example.org/).")
    box.press("End")
    expect(panel.locator(".editor-problem--error")).to_have_count(0)
    # What remains is a warning, which never blocks: a new article has no sources yet.
    expect(panel.locator(".editor-problem")).to_have_count(1)
    expect(panel).to_contain_text("This article lists no sources.")


def test_long_sentences_and_paragraphs_are_marked_in_the_preview(new_context, editor_user):
    page = add_page(new_context, editor_user)
    long_sentence = "This sentence " + "goes on and on " * 8 + "until it ends."
    body_editor(page).fill(f"Short one. {long_sentence}\n\n" + "Cells move. " * 60 + "\n\nA short paragraph.")
    expect(preview(page).locator("p.editor-long-paragraph")).to_have_count(1)
    expect(figure(page, "long_sentences")).to_have_text("1")
    expect(figure(page, "long_paragraphs")).to_have_text("1")
    marked = page.evaluate("() => [...CSS.highlights.get('editor-long-sentence')].map(range => range.toString())")
    assert marked == [long_sentence]


def test_the_preview_sits_beside_the_text_and_uses_the_public_stylesheet(new_context, editor_user, live_server):
    article = ArticleFactory(body="## Findings\n\nNeutrophils **matter** in [spread](https://example.org/).")
    page = new_context(viewport={"width": 1400, "height": 900}).new_page()
    log_in(page, editor_user)
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(preview(page).locator("h2")).to_have_text("Findings")
    box, shown = body_editor(page).bounding_box(), preview(page).bounding_box()
    assert shown["x"] >= box["x"] + box["width"]  # to its right
    assert abs(shown["y"] - box["y"]) < 5  # level with it
    assert page.locator("link[href*='css/prose.']").count() == 1

    properties = ["fontFamily", "fontSize", "lineHeight", "color", "marginBottom"]
    style = "(element, names) => names.map(name => getComputedStyle(element)[name])"
    in_preview = {
        tag: preview(page).locator(tag).first.evaluate(style, properties) for tag in ("p", "h2", "a", "strong")
    }
    public = new_context(viewport={"width": 1400, "height": 900}).new_page()
    public.goto(article.get_absolute_url())
    body = public.locator(".article__body")
    on_the_site = {tag: body.locator(tag).first.evaluate(style, properties) for tag in ("p", "h2", "a", "strong")}
    assert in_preview == on_the_site
    assert in_preview["h2"][0].startswith("Georgia")


def test_the_preview_goes_under_the_text_on_a_narrow_screen(new_context, editor_user):
    page = add_page(new_context, editor_user, width=700)
    body_editor(page).fill("Some text.")
    expect(preview(page).locator("p")).to_have_text("Some text.")
    box, shown = body_editor(page).bounding_box(), preview(page).bounding_box()
    assert shown["y"] >= box["y"] + box["height"]
    assert abs(shown["x"] - box["x"]) < 5


def test_the_toolbar_writes_markdown_and_works_from_the_keyboard(new_context, editor_user):
    page = add_page(new_context, editor_user)
    box = body_editor(page)
    box.fill("cells move")
    box.evaluate("box => box.setSelectionRange(0, 5)")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    toolbar.get_by_role("button", name="Bold").click()
    expect(box).to_have_value("**cells** move")
    expect(preview(page).locator("strong")).to_have_text("cells")
    # One tab stop; the arrow keys move along the buttons.
    toolbar.get_by_role("button", name="Heading").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Italic")).to_be_focused()
    page.keyboard.press("End")
    expect(toolbar.get_by_role("button", name="Citation")).to_be_focused()
    box.evaluate("box => box.setSelectionRange(box.value.length, box.value.length)")
    toolbar.get_by_role("button", name="Citation").click()
    expect(box).to_have_value("**cells** move[@1]")
    box.evaluate("box => box.setSelectionRange(0, 0)")
    toolbar.get_by_role("button", name="Heading").click()
    expect(box).to_have_value("## **cells** move[@1]")
    box.press("Control+z")  # the browser's own undo still works
    expect(box).to_have_value("**cells** move[@1]")


def test_a_publish_blocked_by_a_check_shows_the_reason(new_context, publisher_user):
    AuthorFactory(name="Dr Ada Byline")
    page = add_page(new_context, publisher_user)
    page.get_by_label("Title:", exact=True).fill("Cells that help cancer spread")
    page.get_by_label("Standfirst").fill("How immune cells can help.")
    body_editor(page).fill("## Findings\n\nThe full results are [here](https://example.org/results).")
    page.locator("#article_authors-group .select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill("Ada")
    page.locator(".select2-results__option", has_text="Dr Ada Byline").click()
    page.get_by_role("button", name="Save and publish…").click()

    # A new article gives health information unless unticked, so its missing review is listed too.
    expect(page.get_by_role("alert")).to_contain_text("Not published yet: fix these 2 problems first.")
    expect(page.get_by_role("alert")).to_contain_text("The link “here” does not say where it leads.")
    expect(page.get_by_role("alert")).to_contain_text("gives health information but has never been reviewed")
    expect(page.get_by_role("button", name="Yes, publish it now")).to_have_count(0)
    assert axe_report_on(page, "#content-main") == ""
    page.get_by_role("link", name="Back to the article").click()
    expect(body_editor(page)).to_have_value("## Findings\n\nThe full results are [here](https://example.org/results).")


def test_the_toolbar_preview_and_panel_have_no_accessibility_violations(new_context, editor_user):
    article = ArticleFactory(body="## Findings\n\n" + "Cells move in the blood. " * 30)
    page = new_context(viewport={"width": 1400, "height": 900}).new_page()
    log_in(page, editor_user)
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(figure(page, "reading_age")).to_have_text("8 years (SMOG)")
    expect(preview(page).locator("h2")).to_have_text("Findings")
    assert axe_report_on(page, ".markdown-editor", "#editor-checks") == ""
