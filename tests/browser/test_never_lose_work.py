"""Editors never lose work in the admin: autosave in the browser, restore on return, a warning before leaving.

Written against a draft article's change form and its "Save draft" button; only
``#id_title``, ``#id_body`` and the Markdown preview are relied on.
"""

import base64
import re

import pytest
from django.urls import reverse

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

from articles.models import Article
from tests.browser.admin_editor import body_editor, png_base64, preview
from tests.browser.page_problems import PageProblems
from tests.browser.workflow_helpers import logged_in_page, named_staff
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOUND = re.compile(r"Unsaved changes from \d\d:\d\d were found in this browser\.")
NEW_TITLE = "Neutrophils, friends or foes?"
NEW_BODY = "A paragraph written before the **crash**."
STORED_KEYS = "Object.keys(localStorage).filter((key) => key.startsWith('rv-autosave:'))"


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="First title", body="First body.")


@pytest.fixture
def editor(django_user_model):
    return named_staff(django_user_model, "erin", "Editors")


@pytest.fixture
def dialogs():
    return []


@pytest.fixture
def editing(new_context, editor, draft, dialogs):
    """Erin on the draft's change page; every dialog is recorded, and "Leave" is chosen."""
    page = logged_in_page(new_context, editor)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.goto(reverse("admin:articles_article_change", args=[draft.pk]))
    return page


def axe_report_of(page, selector):
    """axe-core's findings inside one part of the page (the rest of the admin is not this test's business)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=selector)
    return results.generate_report() if results.violations_count else ""


def banner(page):
    return page.get_by_role("region", name="Unsaved changes")


def type_changes(page):
    page.locator("#id_title").fill(NEW_TITLE)
    body_editor(page).fill(NEW_BODY)
    page.wait_for_function(f"() => {STORED_KEYS}.length > 0")  # stored about a second after the last keystroke


def test_typed_text_comes_back_after_a_reload(editing):
    page = editing
    type_changes(page)
    page.reload()
    expect(page.locator("#id_title")).to_have_value("First title")

    expect(banner(page).get_by_role("status")).to_have_text(FOUND)
    banner(page).get_by_role("button", name="Restore them").click()

    expect(page.locator("#id_title")).to_have_value(NEW_TITLE)
    expect(body_editor(page)).to_have_value(NEW_BODY)
    expect(preview(page).locator("strong")).to_have_text("crash")
    expect(banner(page).get_by_role("status")).to_have_text(
        "Your unsaved changes are back in the form. Save to keep them."
    )


def test_banner_says_which_fields_were_saved_differently_since(editing, draft):
    page = editing
    type_changes(page)
    Article.objects.filter(pk=draft.pk).update(title="Title a colleague saved")
    page.reload()

    expect(banner(page).get_by_role("status")).to_contain_text(
        "The saved version has changed since then (Title): restoring puts your version back in those fields."
    )
    assert axe_report_of(page, "#autosave") == ""
    banner(page).get_by_role("button", name="Restore them").click()
    expect(page.locator("#id_title")).to_have_value(NEW_TITLE)


def test_restored_text_is_saved_with_the_normal_save(editing, draft):
    page = editing
    type_changes(page)
    page.reload()
    banner(page).get_by_role("button", name="Restore them").click()
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    draft.refresh_from_db()
    assert (draft.title, draft.body) == (NEW_TITLE, NEW_BODY)
    page.wait_for_load_state()
    assert page.evaluate(STORED_KEYS) == []  # the save went through, so the browser's copy is gone


def test_discard_clears_the_stored_changes(editing):
    page = editing
    type_changes(page)
    page.reload()
    banner(page).get_by_role("button", name="Discard").click()

    expect(banner(page).get_by_role("status")).to_have_text("The unsaved changes were discarded.")
    expect(page.locator("#id_title")).to_have_value("First title")
    assert page.evaluate(STORED_KEYS) == []
    page.reload()
    expect(page.locator("#id_title")).to_be_visible()
    expect(banner(page)).to_have_count(0)


def test_nothing_is_offered_after_a_successful_save(editing):
    page = editing
    type_changes(page)
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert page.evaluate(STORED_KEYS) == []

    page.go_back()
    page.reload()
    expect(page.locator("#id_title")).to_have_value(NEW_TITLE)
    expect(banner(page)).to_have_count(0)


def test_changes_refused_by_the_server_are_kept_in_the_browser(editing, dialogs):
    page = editing
    body_editor(page).fill(NEW_BODY)
    page.locator("#id_title").fill("")  # a required field: the form comes back with an error
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()

    stored = page.evaluate(f"JSON.parse(localStorage.getItem({STORED_KEYS}[0])).values")
    assert stored["body"] == NEW_BODY
    page.get_by_role("link", name="Home").click()
    assert dialogs == ["beforeunload"]  # the refused form is unsaved work too


def test_leaving_with_unsaved_changes_asks_first(editing, dialogs):
    page = editing
    body_editor(page).press_sequentially("More")
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name="Articles, authors and donation links")).to_be_visible()
    assert dialogs == ["beforeunload"]


def test_staying_after_the_warning_keeps_the_typing(new_context, editor, draft):
    page = logged_in_page(new_context, editor)
    page.goto(reverse("admin:articles_article_change", args=[draft.pk]))
    page.on("dialog", lambda dialog: dialog.dismiss())  # "Stay on page"
    body_editor(page).fill(NEW_BODY)
    page.get_by_role("link", name="Home").click()
    expect(body_editor(page)).to_have_value(NEW_BODY)
    assert page.url.endswith(reverse("admin:articles_article_change", args=[draft.pk]))


def test_leaving_without_changes_does_not_ask(editing, dialogs):
    page = editing
    page.locator("#id_title").click()
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name="Articles, authors and donation links")).to_be_visible()
    assert dialogs == []


def test_saving_does_not_ask(editing, dialogs):
    page = editing
    body_editor(page).fill(NEW_BODY)
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert dialogs == []


def test_another_user_of_the_same_browser_is_not_offered_the_changes(editing, django_user_model, draft):
    page = editing
    type_changes(page)
    colleague = named_staff(django_user_model, "colm", "Editors")
    page.context.clear_cookies()  # signed out; the browser's storage stays as it is
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(colleague.username)
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(reverse("admin:articles_article_change", args=[draft.pk]))
    expect(page.locator("#id_title")).to_have_value("First title")
    expect(banner(page)).to_have_count(0)


def test_chosen_hero_image_survives_a_form_error(editing, draft):
    page = editing
    page.locator("#id_hero_image").set_input_files(
        {"name": "lab.png", "mimeType": "image/png", "buffer": base64.b64decode(png_base64((300, 200)))}
    )
    page.locator("#id_hero_alt").fill("A lab bench")
    page.locator("#id_title").fill("")
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".kept-upload")).to_have_text(
        "Your image lab.png is kept and will be saved with the article. To use a different image, choose another file."
    )

    page.locator("#id_title").fill("Now with a title")
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert (draft.title, draft.hero_width, draft.hero_height) == ("Now with a title", 300, 200)


def test_author_bio_is_autosaved_too(new_context, editor):
    author = AuthorFactory(bio="Studies immune cells.")
    page = logged_in_page(new_context, editor)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(reverse("admin:articles_author_change", args=[author.pk]))
    body = page.locator("textarea#id_bio")
    body.fill("Leads a group studying **neutrophils**.")
    page.wait_for_function(f"() => {STORED_KEYS}.length > 0")
    page.reload()
    banner(page).get_by_role("button", name="Restore them").click()
    expect(body).to_have_value("Leads a group studying **neutrophils**.")


def test_autosave_runs_under_the_strict_csp_without_errors(new_context, editor, draft):
    page = logged_in_page(new_context, editor)
    problems = PageProblems(page)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(reverse("admin:articles_article_change", args=[draft.pk]))
    type_changes(page)
    page.reload()
    banner(page).get_by_role("button", name="Restore them").click()
    expect(preview(page).locator("strong")).to_have_text("crash")
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.wait_for_load_state("networkidle")

    found = {
        "violations": problems.csp_violations,
        "console errors": problems.console_errors,
        "failed requests": problems.failed_requests,
    }
    assert found == {"violations": [], "console errors": [], "failed requests": []}
    assert Article.objects.get(pk=draft.pk).title == NEW_TITLE
