"""Back up a site, restore it into an empty database and media folder, and get the same site.

These tests run in both CI passes: on SQLite (online backup API) and on PostgreSQL
(pg_dump/pg_restore, which must be installed there).
"""

import io
import json
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from articles.content import renditions
from articles.discovery.sitemaps import SITEMAPS
from articles.models import Article, Author, Topic
from articles.operations import backups
from tests.images import image_bytes, upload

DUMP_MAGIC = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}


@pytest.fixture
def switch_to_empty_database(tmp_path):
    """Call it to point the default connection at a new, empty database for the rest of the test."""
    original, scratch = connection.settings_dict["NAME"], None

    def switch():
        nonlocal scratch
        if connection.vendor == "sqlite":
            scratch = str(tmp_path / "restored.sqlite3")
        else:
            scratch = f"rv_restore_{uuid.uuid4().hex[:12]}"
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{scratch}"')
        connections.close_all()
        connection.settings_dict["NAME"] = scratch

    yield switch
    connections.close_all()
    connection.settings_dict["NAME"] = original
    if scratch and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def body_of(response):
    if response.streaming:
        content = b"".join(response.streaming_content)
        response.close()
        return content
    return response.content


def public_pages():
    """Every page a reader or a crawler can reach on the demo site, plus its media."""
    urls = [
        reverse("articles:home"),
        reverse("articles:article_list"),
        reverse("articles:author_list"),
        reverse("articles:search") + "?q=cancer",
        reverse("articles:search") + "?q=immune+cells",
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("sitemap"),
        *(reverse("sitemap_section", args=[section]) for section in SITEMAPS),
        reverse("robots_txt"),
    ]
    for article in Article.objects.published():
        urls.append(article.get_absolute_url())
        if article.hero_image:
            urls.append(article.hero_image.url)
    for author in Author.objects.all():
        urls += [
            author.get_absolute_url(),
            reverse("articles:author_feed_rss", args=[author.slug]),
            reverse("articles:author_feed_atom", args=[author.slug]),
        ]
    for topic in Topic.objects.all():
        urls += [
            topic.get_absolute_url(),
            reverse("articles:topic_feed_rss", args=[topic.slug]),
            reverse("articles:topic_feed_atom", args=[topic.slug]),
        ]
    return urls


def fetch(urls):
    reader, pages = Client(), {}
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200, url
        pages[url] = body_of(response)
    return pages


def files_under(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in Path(root).rglob("*") if path.is_file()}


def demo_site_with_an_upload(admin_client):
    call_command("seed_demo", stdout=io.StringIO())
    response = admin_client.post("/editor/upload/", {"image": upload(image_bytes(size=(320, 200)), name="cells.png")})
    assert response.status_code == 200
    image_url = response.json()["image_code"][len("![](") : -1]
    article = Article.objects.published().first()
    article.body += f"\n\n![Cells under a microscope]({image_url})\n"
    article.save()
    return image_url


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restored_site_is_byte_for_byte_the_same(admin_client, tmp_path, settings, switch_to_empty_database):
    image_url = demo_site_with_an_upload(admin_client)
    urls = [*public_pages(), image_url]
    before = fetch(urls)
    media_before = files_under(settings.MEDIA_ROOT)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    switch_to_empty_database()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    assert backups.content_counts() == {}  # really empty: not even migrated
    call_command("restore", str(archive), stdout=io.StringIO())

    after = fetch(urls)
    assert [url for url in urls if before[url] != after[url]] == []
    assert files_under(settings.MEDIA_ROOT) == media_before
    originals = [path for path in media_before if not path.startswith("renditions/")]
    # The demo's picture and five portraits, and the upload.
    assert sorted({path.split("/")[0] for path in originals}) == ["authors", "heroes", "uploads"]
    assert len(originals) == 1 + 5 + 1
    # Their renditions come back with them, so restored pages offer no missing file.
    assert {renditions.source_of(path) for path in media_before if path.startswith("renditions/")} == set(originals)


def members_of(archive):
    with tarfile.open(archive, "r:gz") as tar:
        return {member.name: (tar.extractfile(member).read() if member.isfile() else None) for member in tar}


def write_archive(path, files):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_archive_holds_a_manifest_the_database_dump_and_media_for_its_owner_only(tmp_path, settings):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    [archive] = tmp_path.glob("research-voices-*.tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert f"to {archive}" in out.getvalue()
    contents = members_of(archive)
    manifest = json.loads(contents["manifest.json"])
    assert manifest["format"] == 1
    assert manifest["vendor"] == connection.vendor
    assert manifest["media_files"] == len(files_under(settings.MEDIA_ROOT))  # the demo picture and its renditions
    assert contents[manifest["database"]].startswith(DUMP_MAGIC[connection.vendor])
    assert sorted(name for name in contents if name.startswith("media/")) == sorted(
        f"media/{path}" for path in files_under(settings.MEDIA_ROOT)
    )
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_with_content_unless_forced(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Article.objects.update(title="Changed after the backup")

    with pytest.raises(CommandError, match=r"already holds content \(10 articles, 5 authors, 4 topics\).*--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert set(Article.objects.values_list("title", flat=True)) == {"Changed after the backup"}

    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert "Changed after the backup" not in set(Article.objects.values_list("title", flat=True))
    assert Article.objects.count() == 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_an_archive_of_the_other_database_vendor(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = write_archive(
        tmp_path / "other.tar.gz",
        {
            "manifest.json": json.dumps({"format": 1, "vendor": other, "database": backups.DUMP_NAMES[other]}).encode(),
            backups.DUMP_NAMES[other]: DUMP_MAGIC[other],
        },
    )
    here, there = backups.VENDOR_NAMES[connection.vendor], backups.VENDOR_NAMES[other]
    with pytest.raises(CommandError, match=f"backup is of a {there} database, but this site uses {here}"):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"notes.txt": b"hello"}, "not a Research Voices backup"),
        ({"manifest.json": b"{not json"}, "manifest is damaged"),
        ({"manifest.json": json.dumps({"format": 2, "vendor": "sqlite"}).encode()}, "format 2"),
    ],
)
def test_restore_refuses_what_is_not_a_backup(tmp_path, files, message):
    archive = write_archive(tmp_path / "x.tar.gz", files)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_an_archive(tmp_path):
    (tmp_path / "x.tar.gz").write_bytes(b"<html>not a backup</html>")
    with pytest.raises(CommandError, match="could not be read"):
        call_command("restore", str(tmp_path / "x.tar.gz"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())


def with_member(source, target, member, data=b"payload"):
    """A copy of the archive ``source`` with one more member at the end."""
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for item in original:
            copy.addfile(item, original.extractfile(item))
        copy.addfile(member, io.BytesIO(data) if member.isfile() else None)
    return target


def symlink(name, to):
    member = tarfile.TarInfo(name)
    member.type, member.linkname = tarfile.SYMTYPE, to
    return member


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "member",
    [
        tarfile.TarInfo("media/../../escaped.txt"),
        symlink("media/uploads/passwd.png", "/etc/passwd"),
        tarfile.TarInfo("scripts/run.sh"),
    ],
    ids=["climbs-out", "symlink", "outside-media"],
)
def test_restore_refuses_hostile_members_before_touching_the_database(tmp_path, settings, member):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("backup", str(tmp_path / "good.tar.gz"), stdout=io.StringIO())
    member.size = len(b"payload") if member.isfile() else 0
    archive = with_member(tmp_path / "good.tar.gz", tmp_path / "hostile.tar.gz", member)
    Article.objects.update(title="Changed after the backup")
    settings.MEDIA_ROOT = tmp_path / "site" / "media"

    with pytest.raises(CommandError, match="unexpected|could not be read"):
        call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert set(Article.objects.values_list("title", flat=True)) == {"Changed after the backup"}
    assert not list(tmp_path.rglob("escaped.txt"))
    assert not (settings.MEDIA_ROOT / "uploads" / "passwd.png").exists()


@pytest.mark.django_db
def test_backup_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(CommandError, match="There is no folder .*missing"):
        call_command("backup", str(tmp_path / "missing" / "site.tar.gz"), stdout=io.StringIO())
    assert not list(tmp_path.rglob("*.partial"))
