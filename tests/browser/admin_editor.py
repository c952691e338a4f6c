"""Steps in the admin that several browser tests take: logging in, using the markdownx editor."""

import base64
import io

from PIL import Image

EDITOR_PASSWORD = "a-long-password-1"  # The one tests/conftest.py gives every staff user.

# Builds a File in the page and drops it on the editor, as dragging one from the desktop does.
DROP_FILE = """
(textarea, [name, type, base64]) => {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  textarea.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
}
"""


def log_in(page, user, password=EDITOR_PASSWORD):
    """Signs in through the admin's own login form and waits for the admin home page."""
    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Articles, authors and donation links")).to_be_visible()


def body_editor(page):
    return page.locator("textarea#id_body")


def preview(page):
    return page.locator(".markdownx-preview")


def png_base64(size=(120, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (196, 80, 150)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def drop_file(textarea, name, content_base64, content_type="image/png"):
    textarea.evaluate(DROP_FILE, [name, content_type, content_base64])
