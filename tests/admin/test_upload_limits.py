"""Uploads are bounded while the request is read, on every upload path, before anything is stored.

Before: an anonymous 300 MB POST to /editor/upload/ was streamed into a temporary file
before being refused. Here a request body that explodes when read stands in for the
300 MB, so a test fails if anyone reads it.
"""

import pytest
from django.conf import settings as site_settings
from django.urls import reverse

from tests.admin.test_admin import article_form
from tests.factories import AuthorFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

UPLOAD = "/editor/upload/"
HUGE = 300 * 1024 * 1024


class UnreadableBody:
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def _post_huge(client, path):
    return client.generic(
        "POST",
        path,
        **{
            "wsgi.input": UnreadableBody(),
            "CONTENT_LENGTH": str(HUGE),
            "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        },
    )


def test_anonymous_upload_is_refused_before_the_body_is_read(client):
    client.get("/")  # A CSRF cookie, as an attacker would collect from any page, changes nothing.
    response = _post_huge(client, UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_editing_permission_are_refused_before_the_body_is_read(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True))
    assert _post_huge(client, UPLOAD).status_code == 403


def test_editor_upload_over_the_request_limit_is_refused_unread_with_the_limit(editor_client):
    response = _post_huge(editor_client, UPLOAD)
    assert response.status_code == 413
    assert "300.0\xa0MB" in response.json()["error"]
    assert "at most 11.0\xa0MB" in response.json()["error"]


def test_admin_form_over_the_request_limit_is_refused_unread_with_the_limit(editor_client):
    response = _post_huge(editor_client, reverse("admin:articles_article_add"))
    assert response.status_code == 413
    assert "Upload too large" in response.content.decode()
    assert "at most 11.0\xa0MB" in response.content.decode()


def test_file_past_the_image_limit_is_refused_while_read_and_nothing_is_written(
    editor_client, media_root, tmp_path, settings
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    big = image_bytes("JPEG") + b"\0" * (6 * 1024 * 1024)
    author = AuthorFactory()
    response = editor_client.post(
        reverse("admin:articles_article_add"), article_form(author, hero_image=upload(big), hero_alt="x")
    )
    assert response.status_code == 413
    assert "larger than 5.0\xa0MB" in response.content.decode()
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not media_root.exists() or not [path for path in media_root.rglob("*") if path.is_file()]


def test_uploads_are_never_spooled_to_temporary_files():
    assert "django.core.files.uploadhandler.TemporaryFileUploadHandler" not in site_settings.FILE_UPLOAD_HANDLERS
    assert site_settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= site_settings.MAX_UPLOAD_REQUEST_BYTES


def test_an_article_with_two_full_size_images_still_fits(editor_client):
    author = AuthorFactory()
    padded = image_bytes("PNG") + b"\0" * (4 * 1024 * 1024)  # Pillow ignores data after the image's end.
    form = article_form(
        author, hero_image=upload(padded), hero_alt="A bench", social_image=upload(padded, name="s.png")
    )
    response = editor_client.post(reverse("admin:articles_article_add"), {**form, "social_image_alt": "A bench"})
    assert response.status_code == 302
