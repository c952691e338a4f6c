"""The index follows what editors do in the admin, where authors and topics are saved last."""

import pytest
from django.urls import reverse

from articles.discovery.search import search_articles
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def article_form(author, topic, **overrides):
    data = {
        "title": "Dormant cells in bone",
        "slug": "dormant-cells-in-bone",
        "standfirst": "Why some cancer cells wait.",
        "body": "Some cells sleep for years.",
        "topics": [topic.pk],
        "article_authors-TOTAL_FORMS": "1",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "1",
        "article_authors-MAX_NUM_FORMS": "1000",
        "article_authors-0-author": author.pk,
        "article_authors-0-position": "0",
        "_action": "publish",
    }
    return {**data, **overrides}


def add_and_publish(client, author, topic):
    response = client.post(reverse("admin:articles_article_add"), article_form(author, topic))
    assert response.status_code == 302
    assert response["Location"].endswith("/publish/")
    assert client.post(response["Location"]).status_code == 302
    return Article.objects.get(slug="dormant-cells-in-bone")


def test_an_article_added_in_the_admin_is_found_by_its_author(admin_client):
    author, topic = AuthorFactory(name="Wilhelmina Quist"), TopicFactory(name="Bone")
    add_and_publish(admin_client, author, topic)
    assert [a.title for a in search_articles("quist").articles] == ["Dormant cells in bone"]


def test_an_article_added_in_the_admin_is_found_by_its_topic(admin_client):
    add_and_publish(admin_client, AuthorFactory(), TopicFactory(name="Osteology"))
    assert [a.title for a in search_articles("osteology").articles] == ["Dormant cells in bone"]


def test_an_article_is_not_found_before_it_is_published(admin_client):
    author, topic = AuthorFactory(), TopicFactory()
    admin_client.post(reverse("admin:articles_article_add"), article_form(author, topic, _action="save"))
    assert list(search_articles("dormant").articles) == []


def test_an_article_unpublished_in_the_admin_is_no_longer_found(admin_client):
    article = add_and_publish(admin_client, AuthorFactory(), TopicFactory())
    response = admin_client.post(reverse("admin:articles_article_unpublish", args=[article.pk]))
    assert response.status_code == 302
    assert list(search_articles("dormant").articles) == []


def test_moving_articles_to_the_bin_in_bulk_keeps_them_out_of_the_index(admin_client):
    from articles.discovery.search import _backend

    article = ArticleFactory()
    admin_client.post(reverse("admin:articles_article_unpublish", args=[article.pk]))
    data = {"action": "move_to_bin", "_selected_action": [article.pk], "confirmed": "yes"}
    admin_client.post(reverse("admin:articles_article_changelist"), data)
    article.refresh_from_db()
    assert article.is_binned
    assert not _backend().model.objects.filter(pk=article.pk).values_list("pk", flat=True).exists()
