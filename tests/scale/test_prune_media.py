"""Unused uploads are swept away, never an image that an article, a biography or a revision still shows."""

import os
import time

import pytest
import reversion
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles.content import renditions
from tests.factories import ArticleFactory, AuthorFactory
from tests.images import image_bytes, upload
from tests.scale.conftest import bucket_keys

pytestmark = pytest.mark.django_db

A_WEEK_AGO = time.time() - 7 * 24 * 3600


def save_image(name, age=None, media_root=None):
    stored = default_storage.save(name, upload(image_bytes()))
    if age is not None:
        os.utime(media_root / stored, (age, age))
    return stored


def prune(*args):
    from io import StringIO

    output = StringIO()
    call_command("prune_media", *args, stdout=output)
    return output.getvalue()


def test_only_old_files_that_nothing_mentions_are_deleted(media_root):
    hero = save_image("heroes/hero.png", A_WEEK_AGO, media_root)
    in_body = save_image("uploads/in-body.png", A_WEEK_AGO, media_root)
    photo = save_image("authors/photo.png", A_WEEK_AGO, media_root)
    orphan = save_image("uploads/orphan.png", A_WEEK_AGO, media_root)
    just_uploaded = save_image("uploads/not-saved-yet.png", None, media_root)
    ArticleFactory(hero_image=hero, hero_alt="Cells", body=f"![Cells under a microscope](/media/{in_body})")
    AuthorFactory(photo=photo, photo_alt="A researcher")

    listed = prune()
    assert "unused: uploads/orphan.png" in listed
    assert default_storage.exists(orphan)  # listing deletes nothing

    prune("--delete")
    assert not default_storage.exists(orphan)
    for kept in (hero, in_body, photo, just_uploaded):
        assert default_storage.exists(kept), kept


def test_an_image_replaced_by_an_edit_stays_while_a_revision_shows_it(media_root):
    old = save_image("heroes/old.png", A_WEEK_AGO, media_root)
    new = save_image("heroes/new.png", A_WEEK_AGO, media_root)
    with reversion.create_revision():
        article = ArticleFactory(hero_image=old, hero_alt="The old picture")
    with reversion.create_revision():
        article.hero_image = new
        article.save()

    prune("--delete")
    assert default_storage.exists(old)  # reverting to the first revision brings it back
    assert default_storage.exists(new)


def test_unused_objects_are_deleted_from_the_bucket(s3_bucket, s3_client):
    kept = save_image("heroes/kept.png")
    orphan = save_image("uploads/orphan.png")
    ArticleFactory(hero_image=kept, hero_alt="Cells")

    prune("--delete", "--older-than-days", "0")
    keys = bucket_keys(s3_client, s3_bucket)
    assert [key for key in keys if not key.startswith("renditions/")] == [kept]
    assert {renditions.source_of(key) for key in keys if key.startswith("renditions/")} == {kept}
    assert orphan != kept


def test_renditions_go_with_their_original_and_stay_while_it_is_used(media_root):
    used = save_image("heroes/used.png", A_WEEK_AGO, media_root)
    orphan = save_image("heroes/orphan.png", A_WEEK_AGO, media_root)
    for name in (used, orphan):
        renditions.generate(name, renditions.WIDE)
    ArticleFactory(hero_image=used, hero_alt="Cells")
    for path in (media_root / "renditions").rglob("*"):
        os.utime(path, (A_WEEK_AGO, A_WEEK_AGO))

    prune("--delete")
    assert default_storage.exists(renditions.rendition_name(used, 64, "WEBP"))
    assert default_storage.exists(renditions.rendition_name(used, 64, "PNG"))
    assert not default_storage.exists(orphan)
    assert default_storage.listdir(f"renditions/{orphan}")[1] == []
