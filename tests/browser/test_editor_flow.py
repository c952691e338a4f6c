"""Writing and publishing an article in the admin; a reader then finds it.

Everything goes through Chromium as a person would: the real login form, typing into
the markdownx editor, dropping an image file onto it, the select2 author picker.
"""

import base64
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # The browser fixture then skips or fails with an installation hint.
    expect = None

from tests.browser.admin_editor import body_editor, drop_file, log_in, png_base64, preview
from tests.factories import AuthorFactory, ReviewerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

IMAGE_DESCRIPTION = "Pink immune cells gathered around a tumour"
UPLOADED_IMAGE = re.compile(re.escape(f"![{IMAGE_DESCRIPTION}](/media/uploads/") + r"[0-9a-f]{32}-\d+x\d+\.png\)")


def add_article_page(new_context, user):
    page = new_context().new_page()
    log_in(page, user)
    page.goto("/admin/articles/article/add/")
    return page


@pytest.fixture
def editor_page(new_context, editor_user):
    return add_article_page(new_context, editor_user)


@pytest.fixture
def publisher_page(new_context, publisher_user):
    """Editors write and submit; publishing takes a Publisher (issue 4's roles)."""
    return add_article_page(new_context, publisher_user)


def test_slug_is_filled_in_from_the_title(editor_page):
    editor_page.get_by_label("Title:", exact=True).press_sequentially("Cells that help cancer spread")
    expect(editor_page.get_by_label("Slug")).to_have_value("cells-that-help-cancer-spread")


def test_preview_shows_the_rendered_markdown(editor_page):
    body_editor(editor_page).fill("Neutrophils are **not always** on our side.")
    expect(preview(editor_page).locator("strong")).to_have_text("not always")


def test_preview_does_not_build_script_or_event_handler_elements(editor_page):
    body_editor(editor_page).fill(
        'Before <script>window.injected = "script"</script>'
        '<img src="/media/x.png" onerror="window.injected = \'onerror\'"> **after**'
    )
    expect(preview(editor_page).locator("strong")).to_have_text("after")
    found = preview(editor_page).evaluate(
        "box => ({scripts: box.querySelectorAll('script').length,"
        " handlers: box.querySelectorAll('[onerror]').length, injected: window.injected || null})"
    )
    assert found == {"scripts": 0, "handlers": 0, "injected": None}


def test_refused_upload_explains_why_and_inserts_nothing(editor_page):
    dialogs = []
    editor_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    textarea = body_editor(editor_page)
    textarea.fill("My draft so far.")
    drop_file(textarea, "results.png", base64.b64encode(b"Not a picture, just notes.\n").decode())

    expect(editor_page.get_by_role("status")).to_have_text(
        "Upload refused: This file is not an image we can read. Please upload a JPEG, PNG or WebP photo."
    )
    expect(textarea).to_have_value("My draft so far.")
    assert dialogs == []


def test_publisher_writes_and_publishes_an_article_that_a_reader_then_finds(publisher_page, new_context):
    author = AuthorFactory(name="Morag Fleming", slug="morag-fleming")
    ReviewerFactory(name="Dr Priya Shah", role="Consultant Breast Surgeon", qualification="", organisation="")
    page = publisher_page
    page.on("dialog", lambda dialog: dialog.accept(IMAGE_DESCRIPTION))

    page.get_by_label("Title:", exact=True).press_sequentially("Why some immune cells turn traitor")
    page.get_by_label("Standfirst").fill("Cells meant to protect us can end up helping a tumour grow.")
    textarea = body_editor(page)
    textarea.fill("Our lab looks at **neutrophils** in breast tumours.\n\n")
    textarea.press("End")
    drop_file(textarea, "neutrophils.png", png_base64())
    expect(textarea).to_have_value(UPLOADED_IMAGE)
    expect(page.get_by_role("status")).to_have_text("Image uploaded with its description.")
    expect(preview(page).get_by_role("img", name=IMAGE_DESCRIPTION)).to_be_visible()

    page.locator("#article_authors-group .select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill("Morag")
    page.get_by_role("option", name=author.display_name).click()
    # Health information is published with its review (articles/editorial/review.py).
    page.get_by_label("This version is a review").check()
    # A many-person choice: select2 types into the box itself, not into the dropdown.
    page.locator(".field-pending_reviewers .select2-search__field").first.fill("Shah")
    page.get_by_role("option", name="Dr Priya Shah").click()
    page.get_by_label("What changed at this review").fill("First published")
    page.get_by_role("button", name="Save and publish…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish “Why some immune cells turn traitor”?")
    page.get_by_role("button", name="Yes, publish it now").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Live now")

    reader = new_context().new_page()
    reader.goto("/")
    reader.get_by_role("link", name="Why some immune cells turn traitor").first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Why some immune cells turn traitor")
    expect(reader.locator(".byline__name")).to_have_text(author.display_name)
    expect(reader.locator(".reviewed-by")).to_have_text("Reviewed by Dr Priya Shah, Consultant Breast Surgeon")
    expect(reader.locator(".review-record__dates")).to_contain_text("Page last reviewed:")
    image = reader.locator(".article__body").get_by_role("img", name=IMAGE_DESCRIPTION)
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()  # it loads lazily
    # Shown at its own width (120 px, from its width attribute), decoded from a rendition.
    width, source = image.evaluate("img => img.decode().then(() => [img.width, img.currentSrc])")
    assert width == 120
    assert "/media/renditions/uploads/" in source and source.endswith((".avif", ".webp"))  # a rendition, not the PNG
