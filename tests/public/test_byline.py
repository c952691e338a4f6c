"""The article's byline tells readers who wrote it: photo, title, name, role, institution and funder."""

import re

import pytest

from tests.factories import ArticleFactory, AuthorFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def test_the_byline_shows_each_authors_photo_with_its_description(client):
    author = AuthorFactory(
        name="Seth Coffelt", photo=upload(image_bytes(size=(200, 200))), photo_alt="Seth Coffelt in his laboratory"
    )
    html = client.get(ArticleFactory(authors=[author]).get_absolute_url()).content.decode()
    photo = re.search(r'<img [^>]*class="byline__photo"[^>]*>', html).group()
    assert 'alt="Seth Coffelt in his laboratory"' in photo
    assert 'width="56" height="56"' in photo
    # A small rendition of the photo (articles/content/renditions.py), not the 200 px original.
    assert f"renditions/{author.photo.name}/" in photo


def test_an_author_without_a_photo_has_no_empty_image(client):
    html = client.get(ArticleFactory(authors=[AuthorFactory()]).get_absolute_url()).content.decode()
    assert 'class="byline__photo"' not in html


def test_a_shared_funder_is_named_once_and_each_different_one_in_byline_order(client):
    funded = {"funder": "Funded by Breast Cancer Now"}
    authors = [
        AuthorFactory(**funded),
        AuthorFactory(funder="Funded by the Medical Research Council"),
        AuthorFactory(**funded),
    ]
    html = client.get(ArticleFactory(authors=authors).get_absolute_url()).content.decode()
    assert '<p class="byline__funder">Funded by Breast Cancer Now · Funded by the Medical Research Council</p>' in html


def test_no_funder_line_when_no_author_names_one(client):
    html = client.get(ArticleFactory(authors=[AuthorFactory(funder="")]).get_absolute_url()).content.decode()
    assert 'class="byline__funder"' not in html


def test_role_and_institution_are_shown_even_when_only_one_is_known(client):
    author = AuthorFactory(honorific="Professor", name="Ana Lopez", role="", affiliation="King's College London")
    html = client.get(ArticleFactory(authors=[author]).get_absolute_url()).content.decode()
    assert ">Professor Ana Lopez</a>" in html
    assert '<span class="byline__role">King&#x27;s College London</span>' in html


def test_the_home_page_keeps_the_short_byline(client):
    author = AuthorFactory(honorific="Dr", name="Seth Coffelt")
    ArticleFactory(authors=[author], featured=True)
    html = client.get("/").content.decode()
    assert f'<p class="byline">By <a href="{author.get_absolute_url()}">Dr Seth Coffelt</a></p>' in html
