"""Article cards in lists: what each one shows a reader."""

import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def card_images(html):
    return re.findall(r'<img [^>]*class="card__image"[^>]*>', html)


@pytest.fixture
def pictured():
    """An article with a main image, one without, both by the same author on the same topic."""
    author, topic = AuthorFactory(), TopicFactory()
    with_image = ArticleFactory(
        title="Cells in colour",
        authors=[author],
        topics=[topic],
        hero_image=upload(image_bytes(size=(900, 600))),
        hero_alt="Immune cells stained pink",
    )
    ArticleFactory(title="Words only", authors=[author], topics=[topic])
    return with_image


@pytest.mark.parametrize(
    "url",
    [
        lambda a: reverse("articles:article_list"),
        lambda a: a.topics.first().get_absolute_url(),
        lambda a: a.ordered_authors[0].get_absolute_url(),
    ],
    ids=["article-list", "topic", "author"],
)
def test_a_card_shows_the_article_image_with_its_description_and_size(client, pictured, url):
    images = card_images(client.get(url(pictured)).content.decode())
    assert len(images) == 1
    # Small renditions of this very image (articles/content/renditions.py), never the full original.
    assert f"renditions/{pictured.hero_image.name}/" in images[0]
    assert 'alt="Immune cells stained pink"' in images[0]
    assert 'width="900" height="600"' in images[0]


def test_a_card_without_an_image_has_no_empty_picture(client, pictured):
    html = client.get(reverse("articles:article_list")).content.decode()
    words_only = html[html.index("Words only") - 400 : html.index("Words only")]
    assert "<img" not in words_only.split('<article class="card">')[-1]


def test_the_home_page_cards_show_images_too(client, pictured):
    ArticleFactory(title="Newest, featured", featured=True)
    assert len(card_images(client.get(reverse("articles:home")).content.decode())) == 1


def test_the_first_card_of_a_list_loads_at_once_and_the_rest_lazily(client):
    """On a phone the first card's picture is the largest thing on screen: never held back."""
    hero = upload(image_bytes(size=(900, 600)))
    for number in range(3):
        ArticleFactory(title=f"Pictured {number}", hero_image=hero, hero_alt="Cells")
    images = card_images(client.get(reverse("articles:article_list")).content.decode())
    assert len(images) == 3
    assert 'fetchpriority="high"' in images[0] and 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image and "fetchpriority" not in image for image in images[1:])
