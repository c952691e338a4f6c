"""What browsers and shared caches are told: validators, 304s, lifetimes, compression, media."""

import gzip
import io
import re
from datetime import UTC, datetime, timedelta

import brotli
import pytest
from django.urls import reverse

from tests import editing
from tests.caching.helpers import fetch, reader
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def article(time_machine):
    time_machine.move_to(NOW, tick=False)
    DonationLinkFactory(is_default=True)
    return ArticleFactory(title="Dormant cells wake slowly", body="Long text. " * 400, authors=[AuthorFactory()])


def lifetimes(response):
    return dict(re.findall(r"([a-z-]+)=(\d+)", response["Cache-Control"]))


def test_a_conditional_request_for_an_unchanged_page_is_answered_304_without_a_query(article):
    browser = reader()
    first = browser.get(article.get_absolute_url())
    assert first["ETag"].startswith('W/"')
    assert first["Last-Modified"]
    again, queries = fetch(browser, article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert queries == 0
    since = browser.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_the_first_conditional_request_after_a_change_gets_the_new_page_and_a_new_etag(article):
    browser = reader()
    old = browser.get(article.get_absolute_url())
    editing.edit(article, title="Dormant cells wake in spring")
    new = browser.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200
    assert "Dormant cells wake in spring" in new.content.decode()
    assert new["ETag"] != old["ETag"]


def test_reader_pages_may_be_kept_by_browsers_briefly_and_by_shared_caches_longer(article, settings):
    response = reader().get(article.get_absolute_url())
    assert response["Cache-Control"].startswith("public, ")
    assert lifetimes(response) == {
        "max-age": str(settings.PAGE_BROWSER_MAX_AGE),
        "s-maxage": str(settings.PAGE_SHARED_MAX_AGE),
        "stale-while-revalidate": str(settings.PAGE_STALE_WHILE_REVALIDATE),
    }
    assert "Accept-Encoding" in response["Vary"]


def test_no_cache_keeps_a_page_past_the_next_scheduled_publication(article, time_machine):
    ArticleFactory(title="Tumour clocks", published_at=NOW + timedelta(seconds=90))
    response = reader().get(reverse("articles:home"))
    assert lifetimes(response) == {"max-age": "60", "s-maxage": "90", "stale-while-revalidate": "0"}
    time_machine.move_to(NOW + timedelta(seconds=60), tick=False)
    assert lifetimes(reader().get(reverse("articles:home"))) == {
        "max-age": "30",
        "s-maxage": "30",
        "stale-while-revalidate": "0",
    }


def test_staff_pages_are_private_and_never_stored(article, editor_client):
    response = editor_client.get(article.get_absolute_url())
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_reader_pages_are_compressed_with_brotli_or_gzip_as_the_browser_accepts(article):
    browser = reader()
    plain = browser.get(article.get_absolute_url()).content
    br = browser.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain
    assert int(br["Content-Length"]) == len(br.content) < len(plain) / 3
    gz = browser.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.GzipFile(fileobj=io.BytesIO(gz.content)).read() == plain
    refused = browser.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert "Content-Encoding" not in refused
    assert refused.content == plain


def test_staff_pages_are_never_compressed(article, editor_client):
    response = editor_client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in response


def test_a_head_request_is_answered_from_the_cache_without_a_body(article):
    browser = reader()
    got = browser.get(article.get_absolute_url())
    head = browser.head(article.get_absolute_url())
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))


def test_uploaded_images_may_be_kept_for_a_year_without_asking_again(client, media_root):
    (media_root / "heroes").mkdir(parents=True)
    (media_root / "heroes" / "0f9c2b7e5d4a4c3b8a1e6f7d9c0b1a2e.webp").write_bytes(b"RIFF....WEBP")
    response = client.get("/media/heroes/0f9c2b7e5d4a4c3b8a1e6f7d9c0b1a2e.webp")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
