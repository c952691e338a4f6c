"""Caching headers as a production gunicorn sends them: fingerprinted static files (whitenoise),
uploads, and compressed reader pages."""

import re

import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory
from tests.images import image_bytes
from tests.scale.browser import Browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def header(pairs, name):
    return next((value for key, value in pairs if key.lower() == name.lower()), None)


def test_static_files_uploads_and_pages_carry_their_caching_headers(start_server):
    DonationLinkFactory(is_default=True)
    author = AuthorFactory(photo=ContentFile(image_bytes(), name="face.png"), photo_alt="A smiling researcher")
    article = ArticleFactory(authors=[author], body="Some findings from the lab. " * 300)
    browser = Browser(start_server().url)

    status, pairs, page = browser.get(article.get_absolute_url())
    assert status == 200
    # The stylesheet is inlined (site_project/inline_css.py); the logo is a fingerprinted static file.
    logo = re.search(r'src="(/static/img/logo\.[0-9a-f]{12}\.svg)"', page).group(1)
    # whitenoise: a fingerprinted name never changes its bytes, so browsers keep it for ten years.
    _, pairs, _ = browser.get(logo)
    assert header(pairs, "Cache-Control") == "max-age=315360000, public, immutable"
    _, pairs, _ = browser.get(author.photo.url)
    assert header(pairs, "Cache-Control") == "public, max-age=31536000, immutable"

    parts = browser.request("GET", article.get_absolute_url(), headers={"Accept-Encoding": "gzip, br"})
    assert header(parts[1], "Content-Encoding") == "br"
    assert header(parts[1], "Cache-Control").startswith("public, max-age=")
    assert header(parts[1], "ETag").startswith('W/"')
