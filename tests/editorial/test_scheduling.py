"""A scheduled article appears by itself at its moment, on every public surface at once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from articles.models import ArticleStatus
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db
GOES_LIVE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TITLE = "Scheduled findings on dormant cells"


@pytest.fixture
def scheduled():
    author = AuthorFactory(slug="scheduled-author")
    topic = TopicFactory(slug="dormancy")
    with time_machine.travel(GOES_LIVE - timedelta(days=1), tick=False):
        # An already public article by the same author and topic keeps their pages alive,
        # and names the scheduled one as a related pick.
        earlier = ArticleFactory(authors=[author], topics=[topic], slug="earlier")
        article = ArticleFactory(
            title=TITLE,
            slug="scheduled-findings",
            status=ArticleStatus.PUBLISHED,
            published_at=GOES_LIVE,
            authors=[author],
            topics=[topic],
        )
        earlier.related_articles.add(article)
    return article


SURFACES = {
    "home": reverse("articles:home"),
    "article list": reverse("articles:article_list"),
    "article page": reverse("articles:article_detail", kwargs={"slug": "scheduled-findings"}),
    "author page": reverse("articles:author_detail", kwargs={"slug": "scheduled-author"}),
    "topic page": reverse("articles:topic_detail", kwargs={"slug": "dormancy"}),
    "related articles": reverse("articles:article_detail", kwargs={"slug": "earlier"}),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_hidden_one_second_before_its_time(client, scheduled, surface):
    with time_machine.travel(GOES_LIVE - timedelta(seconds=1), tick=False):
        response = client.get(SURFACES[surface])
    assert TITLE not in response.content.decode()


@pytest.mark.parametrize("surface", SURFACES)
def test_visible_exactly_at_its_time(client, scheduled, surface):
    with time_machine.travel(GOES_LIVE, tick=False):
        response = client.get(SURFACES[surface])
    assert TITLE in response.content.decode()


def test_scheduled_article_page_is_404_for_readers_before_its_time(client, scheduled):
    with time_machine.travel(GOES_LIVE - timedelta(seconds=1), tick=False):
        assert client.get(SURFACES["article page"]).status_code == 404


def test_author_of_only_a_scheduled_article_is_hidden_until_its_time(client):
    author = AuthorFactory(name="Newcomer", slug="newcomer")
    ArticleFactory(authors=[author], published_at=GOES_LIVE)
    with time_machine.travel(GOES_LIVE - timedelta(seconds=1), tick=False):
        assert "Newcomer" not in client.get(reverse("articles:author_list")).content.decode()


def test_author_of_only_a_scheduled_article_appears_at_its_time(client):
    author = AuthorFactory(name="Newcomer", slug="newcomer")
    ArticleFactory(authors=[author], published_at=GOES_LIVE)
    with time_machine.travel(GOES_LIVE, tick=False):
        assert "Newcomer" in client.get(reverse("articles:author_list")).content.decode()
