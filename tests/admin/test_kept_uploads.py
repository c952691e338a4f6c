"""An image chosen in an admin form that comes back with an error is kept for the next try."""

import html
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.admin import kept_uploads
from articles.models import Article, Author
from tests.admin.test_admin import ADD_ARTICLE, article_form
from tests.factories import AuthorFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

KEPT_REFERENCE = re.compile(r'<input type="hidden" name="(?P<name>[\w-]+-kept)" value="(?P<token>[^"]+)">')
REFUSED = "The image kept from your last attempt {}. Please choose the file again."


def kept_reference(response):
    """The hidden field's name and signed value, as the browser would send them back."""
    match = KEPT_REFERENCE.search(response.content.decode())
    assert match, "the form carries no reference to the kept image"
    return match["name"], html.unescape(match["token"])


@pytest.fixture
def author():
    return AuthorFactory()


@pytest.fixture
def failed_attempt(editor_client, author):
    """An editor chooses a hero image but leaves the title empty: the form comes back with an error."""
    photo = upload(image_bytes("JPEG", size=(800, 600)), name="Lab bench.jpg", content_type="image/jpeg")
    response = editor_client.post(ADD_ARTICLE, article_form(author, title="", hero_image=photo, hero_alt="A lab bench"))
    assert response.status_code == 200
    assert Article.objects.count() == 0
    return response


def test_form_with_an_error_says_the_chosen_image_is_kept(failed_attempt):
    page = failed_attempt.content.decode()
    assert "This field is required." in page
    assert "Your image <strong>Lab bench.jpg</strong> is kept and will be saved with the article." in page
    assert kept_reference(failed_attempt)[0] == "hero_image-kept"


def test_kept_image_is_saved_with_the_article_on_the_next_try(
    editor_client, author, failed_attempt, media_root, django_capture_on_commit_callbacks
):
    name, token = kept_reference(failed_attempt)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(ADD_ARTICLE, article_form(author, hero_alt="A lab bench", **{name: token}))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.hero_image.name.startswith("heroes/")
    assert (article.hero_width, article.hero_height) == (800, 600)
    assert Image.open(media_root / article.hero_image.name).format == "JPEG"
    assert list((media_root / "pending-uploads").iterdir()) == []  # the waiting copy is gone once saved


def test_image_is_kept_when_the_byline_is_what_is_missing(editor_client, author):
    photo = upload(image_bytes("PNG"), name="cells.png")
    data = article_form(author, hero_image=photo, hero_alt="Cells", **{"article_authors-TOTAL_FORMS": "0"})
    response = editor_client.post(ADD_ARTICLE, data)
    assert "Add at least one author" in response.content.decode()
    name, token = kept_reference(response)

    editor_client.post(ADD_ARTICLE, article_form(author, hero_alt="Cells", **{name: token}))
    assert Article.objects.get().hero_image.name.endswith(".png")


def test_a_new_file_replaces_the_kept_one(editor_client, author, failed_attempt):
    name, token = kept_reference(failed_attempt)
    wide = upload(image_bytes("PNG", size=(300, 100)), name="wide.png")
    editor_client.post(ADD_ARTICLE, article_form(author, hero_image=wide, hero_alt="Wide", **{name: token}))
    article = Article.objects.get()
    assert (article.hero_width, article.hero_height) == (300, 100)


def test_image_kept_twice_when_the_second_try_fails_too(editor_client, author, failed_attempt):
    name, token = kept_reference(failed_attempt)
    second = editor_client.post(ADD_ARTICLE, article_form(author, title="", hero_alt="A lab bench", **{name: token}))
    assert "Your image <strong>Lab bench.jpg</strong> is kept" in second.content.decode()
    name, token = kept_reference(second)
    third = editor_client.post(ADD_ARTICLE, article_form(author, hero_alt="A lab bench", **{name: token}))
    assert third.status_code == 302
    assert Article.objects.get().hero_width == 800


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda token: token[:-3] + ("BBB" if token.endswith("AAA") else "AAA"), id="changed-signature"),
        pytest.param(lambda token: "pending-uploads/other.jpg", id="plain-path"),
        pytest.param(
            lambda token: signing.dumps({"path": "heroes/someone-elses.jpg", "name": "x.jpg"}), id="signed-without-salt"
        ),
        pytest.param(
            lambda token: kept_uploads.keep(upload(image_bytes("PNG")), "x.png", "social_image").token,
            id="other-fields-reference",
        ),
    ],
)
def test_tampered_reference_is_refused_with_a_message(editor_client, author, failed_attempt, tamper):
    name, token = kept_reference(failed_attempt)
    response = editor_client.post(ADD_ARTICLE, article_form(author, hero_alt="A lab bench", **{name: tamper(token)}))
    assert response.status_code == 200
    assert REFUSED.format("could not be found") in response.content.decode()
    assert Article.objects.count() == 0


def test_reference_expires_after_a_day(editor_client, editor_user, author, failed_attempt):
    name, token = kept_reference(failed_attempt)
    with time_machine.travel(timedelta(days=1, minutes=1)):
        editor_client.force_login(editor_user)  # the staff session itself ends after 12 hours
        response = editor_client.post(ADD_ARTICLE, article_form(author, hero_alt="A lab bench", **{name: token}))
    assert REFUSED.format("was kept for more than a day and has expired") in response.content.decode()
    assert Article.objects.count() == 0


def test_reference_to_a_purged_file_asks_for_the_file_again(editor_client, author, failed_attempt):
    name, token = kept_reference(failed_attempt)
    call_command("purge_pending_uploads", older_than_hours=0, stdout=io.StringIO())
    response = editor_client.post(ADD_ARTICLE, article_form(author, hero_alt="A lab bench", **{name: token}))
    assert REFUSED.format("is no longer stored") in response.content.decode()


def test_kept_images_are_not_served_to_anyone(client, failed_attempt, media_root):
    (stored,) = (media_root / "pending-uploads").iterdir()
    assert client.get(f"/media/pending-uploads/{stored.name}").status_code == 404
    assert client.get(f"/media/heroes/../pending-uploads/{stored.name}").status_code == 404


def test_author_photo_is_kept_too(editor_client):
    data = {
        "name": "",
        "slug": "ada",
        **dict.fromkeys(["honorific", "role", "affiliation", "funder", "bio", "website", "orcid"], ""),
        "photo_alt": "Ada at her microscope",
    }
    photo = upload(image_bytes("WEBP"), name="ada.webp", content_type="image/webp")
    response = editor_client.post(reverse("admin:articles_author_add"), {**data, "photo": photo})
    kept_message = "Your image <strong>ada.webp</strong> is kept and will be saved with the author."
    assert kept_message in response.content.decode()
    name, token = kept_reference(response)

    editor_client.post(reverse("admin:articles_author_add"), {**data, "name": "Ada", name: token})
    assert Author.objects.get(slug="ada").photo.name.endswith(".webp")


def test_purge_deletes_only_expired_pending_uploads(failed_attempt, media_root, capsys):
    with time_machine.travel(timedelta(hours=2)):
        call_command("purge_pending_uploads")
    assert len(list((media_root / "pending-uploads").iterdir())) == 1
    with time_machine.travel(timedelta(days=1, hours=1)):
        call_command("purge_pending_uploads")
    assert list((media_root / "pending-uploads").iterdir()) == []
    assert "Deleted 1 expired pending upload(s); 0 still in use." in capsys.readouterr().out
