"""Drafts and scheduled articles are invisible to readers on every public page."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [{"draft": True}, {"scheduled": True}]


@pytest.fixture(params=HIDDEN_STATES, ids=["draft", "scheduled"])
def hidden(request):
    """A public article and a hidden one that share an author and a topic."""
    topic = TopicFactory()
    author = AuthorFactory()
    public = ArticleFactory(title="Visible article", authors=[author], topics=[topic])
    secret = ArticleFactory(title="Secret article", authors=[author], topics=[topic], featured=True, **request.param)
    public.related_articles.add(secret)
    return {"public": public, "secret": secret, "author": author, "topic": topic}


def test_hidden_article_url_is_not_found(client, hidden):
    assert client.get(hidden["secret"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        lambda h: reverse("articles:home"),
        lambda h: reverse("articles:article_list"),
        lambda h: h["topic"].get_absolute_url(),
        lambda h: h["author"].get_absolute_url(),
        lambda h: h["public"].get_absolute_url(),  # its "Read more" and featured slots
    ],
    ids=["home", "article-list", "topic", "author", "related-on-article"],
)
def test_hidden_article_is_absent_from_every_listing(client, hidden, url):
    response = client.get(url(hidden))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Visible article" in html
    assert "Secret article" not in html
    assert hidden["secret"].get_absolute_url() not in html


def test_author_of_only_hidden_articles_has_no_public_page(client, hidden):
    lone_author = AuthorFactory(name="Unannounced Researcher")
    ArticleFactory(authors=[lone_author], draft=True)
    assert client.get(lone_author.get_absolute_url()).status_code == 404
    assert "Unannounced Researcher" not in client.get(reverse("articles:author_list")).content.decode()
