"""Responsive images: renditions are written when an image is saved, and pages offer exactly those files."""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from PIL import Image

from articles.content import renditions
from articles.content.rendering import render_markdown
from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Author
from tests.editing import save
from tests.factories import ArticleFactory, AuthorFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

UPLOAD = "/editor/upload/"


def formats():
    return [*renditions.modern_formats()]


def stored_size(name):
    with default_storage.open(name) as handle, Image.open(handle) as image:
        return image.size, image.format


def hero_upload(size=(2000, 1000), fmt="JPEG", name="hero.jpg"):
    return upload(image_bytes(fmt, size=size), name, f"image/{fmt.lower()}")


class Pictures(HTMLParser):
    """Every <img> and <source> of a page, with its attributes."""

    def __init__(self, html):
        super().__init__()
        self.images, self.sources = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "source":
            self.sources.append(dict(attrs))


def srcset_names(srcset):
    """Storage names of the candidates of a srcset (each checked to be under /media/)."""
    names = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        assert url.startswith("/media/") and re.fullmatch(r"\d+w", descriptor)
        names.append(url.removeprefix("/media/"))
    return names


# --- Renditions exist once an image is saved -------------------------------------------------------


def test_a_saved_hero_has_every_width_in_every_format_and_none_wider_than_the_original():
    article = ArticleFactory(hero_image=hero_upload(size=(1000, 500)), hero_alt="Cells")
    name = article.hero_image.name
    expected = [(480, 240), (800, 400), (1000, 500)]  # 1,200 and 1,600 would be upscaled
    for image_format in [*formats(), "JPEG"]:
        for width, height in expected:
            rendition = renditions.rendition_name(name, width, image_format)
            assert stored_size(rendition) == ((width, height), image_format)
    assert not default_storage.exists(renditions.rendition_name(name, 1200, "WEBP"))


def test_a_large_hero_gets_the_four_widths():
    article = ArticleFactory(hero_image=hero_upload(size=(2400, 1200)), hero_alt="Cells")
    for width in renditions.WIDE:
        assert default_storage.exists(renditions.rendition_name(article.hero_image.name, width, "WEBP"))


def test_a_png_keeps_png_as_its_fallback_and_its_transparency():
    png = upload(image_bytes("PNG", size=(600, 300)), "diagram.png")
    article = ArticleFactory(hero_image=png, hero_alt="A diagram")
    assert stored_size(renditions.rendition_name(article.hero_image.name, 480, "PNG")) == ((480, 240), "PNG")
    assert not default_storage.exists(renditions.rendition_name(article.hero_image.name, 480, "JPEG"))


def test_an_author_photo_saved_through_the_write_path_gets_photo_sized_renditions():
    author = AuthorFactory(photo=upload(image_bytes("JPEG", size=(900, 900)), "me.jpg", "image/jpeg"), photo_alt="Me")
    author.refresh_from_db()
    assert (author.photo_width, author.photo_height) == (900, 900)
    for image_format in [*formats(), "JPEG"]:
        for width in renditions.PHOTO:
            assert default_storage.exists(renditions.rendition_name(author.photo.name, width, image_format))


def test_a_live_articles_new_hero_has_renditions_while_still_a_working_copy():
    article = ArticleFactory()
    stored = default_storage.save("heroes/new.jpg", hero_upload(size=(900, 600)))
    content = ArticleContent.current(article)
    content.values.update(hero_image=stored, hero_alt="New picture")
    saved = changes.save_article(None, article, content)  # live: a working copy, shown in the staff preview
    assert saved.working_copy.content["hero_image"] == stored
    assert default_storage.exists(renditions.rendition_name(stored, 480, "WEBP"))


def test_renditions_wait_for_the_commit_and_a_refused_change_writes_none():
    stored = default_storage.save("heroes/refused.jpg", hero_upload(size=(900, 600)))
    article = ArticleFactory()
    content = ArticleContent.current(article)
    content.values.update(hero_image=stored, hero_alt="Refused")
    with pytest.raises(RuntimeError), changes.change(None):
        changes.save_article(None, article, content)
        raise RuntimeError("the transaction rolls back")
    assert not default_storage.exists(renditions.rendition_name(stored, 480, "WEBP"))


def test_an_image_uploaded_in_the_editor_carries_its_size_and_has_renditions_at_once(editor_client):
    response = editor_client.post(UPLOAD, {"image": hero_upload(size=(1300, 650), name="cells.jpg")})
    code = response.json()["image_code"]
    url = re.fullmatch(r"!\[\]\((.+)\)", code)[1]
    name = url.removeprefix("/media/")
    assert re.fullmatch(r"uploads/[0-9a-f]{32}-1300x650\.jpg", name)
    for image_format in [*formats(), "JPEG"]:
        for width in (480, 800, 1200, 1300):
            assert default_storage.exists(renditions.rendition_name(name, width, image_format))


# --- Pages offer them -------------------------------------------------------------------------------


def test_the_article_page_offers_the_heros_renditions_with_its_size_and_high_priority(client):
    article = ArticleFactory(hero_image=hero_upload(size=(2000, 1000)), hero_alt="Cells under a microscope")
    page = Pictures(client.get(article.get_absolute_url()).content.decode())
    hero = next(image for image in page.images if image.get("alt") == "Cells under a microscope")
    assert (hero["width"], hero["height"]) == ("2000", "1000")
    assert hero["fetchpriority"] == "high"
    assert "loading" not in hero
    assert hero["sizes"]
    offered = srcset_names(hero["srcset"]) + [n for s in page.sources for n in srcset_names(s["srcset"])]
    assert {name.rsplit(".", 1)[-1] for name in offered} == {"jpg", *(renditions.EXTENSIONS[f] for f in formats())}
    assert len(offered) == 4 * (len(formats()) + 1)
    for name in offered:
        assert default_storage.exists(name), name


def test_author_photos_and_card_pictures_below_the_fold_load_lazily_with_a_size(client):
    photo = upload(image_bytes("JPEG", size=(500, 400)), "me.jpg", "image/jpeg")
    author = AuthorFactory(photo=photo, photo_alt="Dr Researcher smiling")
    article = ArticleFactory(authors=[author])
    picked = ArticleFactory(title="Picked", hero_image=hero_upload(size=(900, 600)), hero_alt="Picked picture")
    article.related_articles.set([picked])
    page = Pictures(client.get(article.get_absolute_url()).content.decode())
    portrait = next(image for image in page.images if image.get("class") == "author-summary__photo")
    assert portrait["alt"] == "Dr Researcher smiling"
    card = next(image for image in page.images if image.get("class") == "card__image")
    for image in (portrait, card):
        assert image["loading"] == "lazy"
        assert image["width"] and image["height"]
        assert "fetchpriority" not in image
        for name in srcset_names(image["srcset"]):
            assert default_storage.exists(name), name
    assert (portrait["width"], portrait["height"]) == ("96", "96")
    assert card["alt"] == "Picked picture"  # cards carry the image's description


def test_a_body_image_renders_as_a_lazy_picture_of_existing_renditions(editor_client):
    code = editor_client.post(UPLOAD, {"image": hero_upload(size=(1000, 800))}).json()["image_code"]
    html = render_markdown(code.replace("![]", "![Tumour cells]"))
    page = Pictures(html)
    (image,) = page.images
    assert (image["width"], image["height"], image["loading"]) == ("1000", "800", "lazy")
    assert image["alt"] == "Tumour cells"
    for candidates in [image["srcset"], *(source["srcset"] for source in page.sources)]:
        for name in srcset_names(candidates):
            assert default_storage.exists(name), name
    assert {source["type"] for source in page.sources} == {renditions.CONTENT_TYPES[f] for f in formats()}


def test_rendering_a_body_image_is_deterministic_and_needs_no_file():
    text = f"![Cells](/media/uploads/{'ab' * 16}-1600x900.png)"
    assert render_markdown(text) == render_markdown(text)
    assert f"/media/renditions/uploads/{'ab' * 16}-1600x900.png/800w.webp 800w" in render_markdown(text)


def test_a_reader_request_writes_no_rendition(client):
    article = ArticleFactory(hero_image=hero_upload(size=(900, 600)), hero_alt="Cells")
    folder = f"renditions/{article.hero_image.name}"
    for name in default_storage.listdir(folder)[1]:
        default_storage.delete(f"{folder}/{name}")
    client.get(article.get_absolute_url())
    assert default_storage.listdir(folder)[1] == []


# --- The command ------------------------------------------------------------------------------------


def test_the_command_writes_every_rendition_again_and_fills_in_old_photo_sizes(editor_client):
    article = ArticleFactory(hero_image=hero_upload(size=(900, 600)), hero_alt="Cells")
    author = AuthorFactory(photo=upload(image_bytes("PNG", size=(300, 200)), "me.png"), photo_alt="Me")
    Author.objects.filter(pk=author.pk).update(photo_width=None, photo_height=None)  # saved before sizes were kept
    code = editor_client.post(UPLOAD, {"image": hero_upload(size=(700, 500))}).json()["image_code"]
    body_name = re.fullmatch(r"!\[\]\(/media/(.+)\)", code)[1]
    for original in (article.hero_image.name, author.photo.name, body_name):
        folder = f"renditions/{original}"
        for name in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{name}")

    output = StringIO()
    call_command("regenerate_renditions", stdout=output)

    assert "Renditions in place for 3 of 3 image(s)." in output.getvalue()
    assert default_storage.exists(renditions.rendition_name(article.hero_image.name, 800, "WEBP"))
    assert default_storage.exists(renditions.rendition_name(author.photo.name, 160, "PNG"))
    assert default_storage.exists(renditions.rendition_name(body_name, 700, "JPEG"))
    author.refresh_from_db()
    assert (author.photo_width, author.photo_height) == (300, 200)


def test_the_command_with_missing_leaves_complete_images_alone():
    article = ArticleFactory(hero_image=hero_upload(size=(900, 600)), hero_alt="Cells")
    kept = renditions.rendition_name(article.hero_image.name, 480, "WEBP")
    before = default_storage.get_modified_time(kept)
    call_command("regenerate_renditions", "--missing", stdout=StringIO())
    assert default_storage.get_modified_time(kept) == before


def test_a_changed_photo_after_save_is_rendered_again():
    author = AuthorFactory()
    save(author, photo=upload(image_bytes("JPEG", size=(400, 400)), "me.jpg", "image/jpeg"), photo_alt="Me")
    assert default_storage.exists(renditions.rendition_name(author.photo.name, 320, "WEBP"))


def test_a_list_of_cards_all_with_pictures_stays_within_the_html_budget(client):
    from django.urls import reverse

    from tests.html_safety import SITE_STYLESHEET
    from tests.public.test_page_weight import HTML_BUDGET

    hero = default_storage.save("heroes/shared.jpg", hero_upload(size=(2400, 1200)))
    for _ in range(13):
        ArticleFactory(hero_image=hero, hero_alt="Cells")
    html = client.get(reverse("articles:article_list")).content.decode()
    assert html.count('class="card__image"') == 12
    # The inlined stylesheet has its own budget (tests/public/test_page_weight.py).
    assert len(html.replace(SITE_STYLESHEET, "").encode()) < HTML_BUDGET


def test_renditions_are_served_with_their_type_and_the_media_headers(client):
    article = ArticleFactory(hero_image=hero_upload(size=(900, 600)), hero_alt="Cells")
    for image_format in formats():
        name = renditions.rendition_name(article.hero_image.name, 480, image_format)
        response = client.get(default_storage.url(name))
        assert response.status_code == 200
        assert response["Content-Type"] == renditions.CONTENT_TYPES[image_format]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_save_that_changes_no_image_does_not_open_it(monkeypatch):
    article = ArticleFactory(hero_image=hero_upload(size=(900, 600)), hero_alt="Cells", draft=True)
    opened = []
    real_open = FileSystemStorage.open

    def recording_open(storage, name, mode="rb"):
        opened.append(name)
        return real_open(storage, name, mode)

    monkeypatch.setattr(FileSystemStorage, "open", recording_open)
    changes.publish(None, changes.submit(None, article))
    assert opened == []
