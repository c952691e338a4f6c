"""The markdownx preview and upload endpoints, as routed and locked down by articles/editor.py."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image

from tests.html_safety import script_vectors
from tests.images import image_bytes, png_claiming_size, upload

pytestmark = pytest.mark.django_db

PREVIEW = "/editor/markdownify/"
UPLOAD = "/editor/upload/"


def test_editor_urls_are_where_the_markdownx_widget_posts():
    assert reverse("markdownx_markdownify") == PREVIEW
    assert reverse("markdownx_upload") == UPLOAD


def test_markdownx_own_unguarded_urls_are_not_mounted(client):
    assert client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 404
    assert client.post("/markdownx/upload/").status_code == 404


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.post(url, {"content": "**x**"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_logged_in_non_staff_are_refused(client, django_user_model, url):
    user = django_user_model.objects.create_user("reader", password="a-long-password-1")
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)
    assert client.post(url, {"content": "x"}).status_code == 403


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_staff_without_editing_permission_are_refused(client, django_user_model, url):
    user = django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    response = client.post(url, {"content": "x"})
    assert response.status_code == 403
    assert "permission" in response.json()["error"]


def test_preview_renders_with_the_public_rules(editor_client):
    response = editor_client.post(
        PREVIEW, {"content": "**Bold** <script>alert(1)</script><img src=x onerror=alert(1)>"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html
    assert script_vectors(html) == []


def test_preview_is_never_cached(editor_client):
    assert "no-cache" in editor_client.post(PREVIEW, {"content": "x"})["Cache-Control"]


def test_preview_without_content_is_empty_not_an_error(editor_client):
    response = editor_client.post(PREVIEW, {})
    assert response.status_code == 200
    assert response.content == b""


def test_preview_refuses_get(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405


def _stored_path(response, media_root):
    code = response.json()["image_code"]
    assert code.startswith("![](/media/uploads/")
    return media_root / code[len("![](/media/") : -1]


def test_png_upload_is_stored_under_a_random_name(editor_client, media_root):
    response = editor_client.post(UPLOAD, {"image": upload(image_bytes(), name="My Photo.png")})
    assert response.status_code == 200
    stored = _stored_path(response, media_root)
    assert stored.suffix == ".png"
    assert "My Photo" not in stored.name
    assert Image.open(stored).format == "PNG"


def test_extension_comes_from_the_real_format_not_the_name(editor_client, media_root):
    response = editor_client.post(UPLOAD, {"image": upload(image_bytes("JPEG"), name="photo.png")})
    assert _stored_path(response, media_root).suffix == ".jpg"


def test_webp_is_accepted(editor_client, media_root):
    response = editor_client.post(
        UPLOAD, {"image": upload(image_bytes("WEBP"), name="a.webp", content_type="image/webp")}
    )
    assert _stored_path(response, media_root).suffix == ".webp"


def test_large_images_are_scaled_down_keeping_their_shape_not_cropped(editor_client, media_root):
    response = editor_client.post(UPLOAD, {"image": upload(image_bytes(size=(4800, 1200)))})
    assert Image.open(_stored_path(response, media_root)).size == (2400, 600)


def test_small_images_keep_their_size(editor_client, media_root):
    response = editor_client.post(UPLOAD, {"image": upload(image_bytes(size=(900, 700)))})
    assert Image.open(_stored_path(response, media_root)).size == (900, 700)


def test_location_metadata_is_removed(editor_client, media_root):
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPSInfo: a latitude
    response = editor_client.post(UPLOAD, {"image": upload(image_bytes("JPEG", exif=exif), name="p.jpg")})
    assert 0x8825 not in Image.open(_stored_path(response, media_root)).getexif()


def _refusal(editor_client, file, media_root):
    response = editor_client.post(UPLOAD, {"image": file})
    assert response.status_code == 400
    stored = list(media_root.rglob("*")) if media_root.exists() else []
    assert [path for path in stored if path.is_file()] == []
    return response.json()["error"]


def test_html_disguised_as_a_gif_is_refused(editor_client, media_root):
    html = b"<html><script>alert(document.cookie)</script></html>"
    message = _refusal(editor_client, upload(html, name="evil.html", content_type="image/gif"), media_root)
    assert message.startswith("This file is not an image we can read.")


def test_text_renamed_to_png_is_refused(editor_client, media_root):
    message = _refusal(editor_client, upload(b"just some notes", name="notes.png"), media_root)
    assert "JPEG, PNG or WebP" in message


def test_svg_with_script_is_refused(editor_client, media_root):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    message = _refusal(editor_client, upload(svg, name="logo.svg", content_type="image/svg+xml"), media_root)
    assert "JPEG, PNG or WebP" in message


def test_gif_is_refused_by_its_real_format(editor_client, media_root):
    message = _refusal(editor_client, upload(image_bytes("GIF"), name="anim.png"), media_root)
    assert message.startswith("This is a GIF file.")


def test_decompression_bomb_is_refused(editor_client, media_root):
    message = _refusal(editor_client, upload(png_claiming_size(20_000, 20_000)), media_root)
    assert "far too many pixels" in message


def test_image_over_forty_megapixels_is_refused(editor_client, media_root):
    message = _refusal(editor_client, upload(png_claiming_size(8000, 6000)), media_root)
    assert "8000 × 6000 pixels" in message


def test_damaged_image_is_refused(editor_client, media_root):
    truncated = image_bytes(size=(400, 400))[:200]
    message = _refusal(editor_client, upload(truncated), media_root)
    assert message.startswith("This image file is damaged or incomplete.")


def test_file_over_five_megabytes_is_refused(editor_client, media_root):
    # Refused while the request is read (articles/content/upload_limits.py), hence 413.
    big = image_bytes() + b"\0" * (5 * 1024 * 1024)
    response = editor_client.post(UPLOAD, {"image": upload(big)})
    assert response.status_code == 413
    assert "larger than 5.0\xa0MB" in response.json()["error"]
    assert not media_root.exists() or not [path for path in media_root.rglob("*") if path.is_file()]


def test_missing_file_is_explained(editor_client, media_root):
    response = editor_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]


def test_preview_shows_citations_as_links_to_their_numbered_sources(editor_client):
    """The live preview posts only the text, so it links every [@n]; the form checks the numbers on saving."""
    html = editor_client.post(PREVIEW, {"content": "Neutrophils help [@1], and [@2] again [@1]."}).content.decode()
    assert '<sup class="citation" id="cite-1-1"><a href="#source-1" title="Source 1"' in html
    assert 'id="cite-1-2"' in html
    assert 'href="#source-2"' in html
