"""Uploads on S3-compatible object storage (moto's S3 server on 127.0.0.1), as several servers share it.

What an editor or reader would notice: an uploaded image lands in the bucket (not on one
server's disk) as the re-encoded copy, and readers get it from the site's /media/ URL with the
same protective headers as local files. Without DJANGO_S3_BUCKET nothing changes.
"""

import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image, PngImagePlugin

from articles.content import renditions
from tests.images import image_bytes, upload
from tests.scale.conftest import REGION, S3_CREDENTIALS, bucket_keys
from tests.scale.servers import manage, production_env

pytestmark = pytest.mark.django_db

UPLOAD = "/editor/upload/"
# A script tucked after the image data: an upload stored byte for byte would keep it.
TRAILER = b"<script>alert(document.cookie)</script>"


def png_with_metadata():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPS 55.8721 N 4.2892 W, home address")
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 200)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue() + TRAILER


def test_editor_upload_stores_only_the_reencoded_image_in_the_bucket(editor_client, s3_bucket, s3_client, media_root):
    original = png_with_metadata()
    response = editor_client.post(UPLOAD, {"image": upload(original, name="holiday.html", content_type="image/gif")})

    assert response.status_code == 200, response.content
    url = re.fullmatch(r"!\[\]\((/media/uploads/[0-9a-f]{32}-80x60\.png)\)", response.json()["image_code"]).group(1)
    key = url.removeprefix("/media/")
    assert bucket_keys(s3_client, s3_bucket) == sorted([key, *renditions_of(key, 80, "PNG")])
    for rendition in renditions_of(key, 80, "PNG"):
        headers = s3_client.head_object(Bucket=s3_bucket, Key=rendition)
        assert headers["ContentType"] == f"image/{rendition.rsplit('.', 1)[-1].replace('jpg', 'jpeg')}"
        assert headers["CacheControl"] == "public, max-age=31536000, immutable"  # names never reused
    stored = s3_client.get_object(Bucket=s3_bucket, Key=key)
    body = stored["Body"].read()
    assert body != original
    assert TRAILER not in body
    assert Image.open(io.BytesIO(body)).format == "PNG"
    assert "Comment" not in Image.open(io.BytesIO(body)).info
    assert stored["ContentType"] == "image/png"
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"
    assert stored["ContentDisposition"] == "inline"
    assert not media_root.exists() or not any(media_root.rglob("*.png"))  # nothing on this server's disk


def test_admin_photo_upload_goes_to_the_bucket_reencoded(editor_user, client, s3_bucket, s3_client):
    from articles.models import Author

    editor_user.user_permissions.add(*_author_permissions())
    client.force_login(editor_user)
    original = image_bytes("JPEG", size=(120, 90)) + TRAILER
    response = client.post(
        "/admin/articles/author/add/",
        {
            "name": "Ada Lovelace",
            "slug": "ada-lovelace",
            "photo": upload(original, name="ada.png", content_type="image/png"),
            "photo_alt": "Ada at the lab bench",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get(slug="ada-lovelace")
    assert re.fullmatch(r"authors/[0-9a-f]{32}\.jpg", author.photo.name)
    assert bucket_keys(s3_client, s3_bucket) == sorted(
        [author.photo.name, *renditions_of(author.photo.name, 120, "JPEG")]
    )
    stored = s3_client.get_object(Bucket=s3_bucket, Key=author.photo.name)
    body = stored["Body"].read()
    assert TRAILER not in body
    assert Image.open(io.BytesIO(body)).format == "JPEG"
    assert stored["ContentType"] == "image/jpeg"
    assert author.photo.url == f"/media/{author.photo.name}"


def renditions_of(name, width, original_format):
    """The keys of the renditions of an image narrower than the smallest width (so one width)."""
    formats = dict.fromkeys([*renditions.modern_formats(), original_format])
    return sorted(renditions.rendition_name(name, width, image_format) for image_format in formats)


def _author_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=["add_author", "change_author", "view_author"])


def test_images_from_the_bucket_are_served_by_the_site_with_protective_headers(client, s3_bucket):
    name = default_storage.save("uploads/cells.webp", upload(image_bytes("WEBP"), name="cells.webp"))

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image_bytes("WEBP")
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    "path",
    [
        "/media/uploads/missing.png",
        "/media/../site_project/settings.py",
        "/media/uploads/%2e%2e/%2e%2e/secret.png",
        "/media/uploads/../../other-bucket-prefix/x.png",
        "/media/uploads//double.png",
    ],
)
def test_missing_or_escaping_paths_in_the_bucket_are_not_found(client, s3_bucket, path):
    default_storage.save("uploads/real.png", upload(image_bytes()))
    assert client.get(path).status_code == 404


def _storage_in_subprocess(extra_env):
    """Which storage a production server builds from ``extra_env``, and where a saved file goes."""
    code = (
        "import django; django.setup()\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        "name = default_storage.save('uploads/probe.txt', ContentFile(b'probe'))\n"
        "print(type(default_storage._wrapped).__name__, default_storage.url(name))\n"
    )
    env = production_env(**extra_env)
    if "DJANGO_S3_BUCKET" not in extra_env:
        env.pop("DJANGO_S3_BUCKET", None)
    result = manage("shell", "-c", code, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_without_a_bucket_uploads_stay_in_media_root(tmp_path):
    kind, url = _storage_in_subprocess({"MEDIA_ROOT": tmp_path})
    assert kind == "FileSystemStorage"
    assert (tmp_path / url.removeprefix("/media/")).read_bytes() == b"probe"


def test_bucket_named_in_the_environment_receives_uploads(s3_endpoint, s3_client, tmp_path):
    s3_client.create_bucket(Bucket="rv-from-env", CreateBucketConfiguration={"LocationConstraint": REGION})
    kind, url = _storage_in_subprocess(
        {
            "DJANGO_S3_BUCKET": "rv-from-env",
            "DJANGO_S3_ENDPOINT_URL": s3_endpoint,
            "DJANGO_S3_REGION": REGION,
            "MEDIA_ROOT": tmp_path,
            **S3_CREDENTIALS,
        }
    )
    assert kind == "MediaS3Storage"
    assert url.startswith("/media/uploads/probe")
    key = url.removeprefix("/media/")
    assert s3_client.get_object(Bucket="rv-from-env", Key=key)["Body"].read() == b"probe"
    assert not any(tmp_path.iterdir())
