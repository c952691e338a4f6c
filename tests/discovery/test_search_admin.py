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
        "status": "published",
        "published_at_0": "2024-05-01",
        "published_at_1": "09:00:00",
        "topics": [topic.pk],
        "article_authors-TOTAL_FORMS": "1",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "1",
        "article_authors-MAX_NUM_FORMS": "1000",
        "article_authors-0-author": author.pk,
        "article_authors-0-position": "0",
    }
    return {**data, **overrides}


def test_an_article_added_in_the_admin_is_found_by_its_author(admin_client):
    author, topic = AuthorFactory(name="Wilhelmina Quist"), TopicFactory(name="Bone")
    response = admin_client.post(reverse("admin:articles_article_add"), article_form(author, topic))
    assert response.status_code == 302
    assert [a.title for a in search_articles("quist").articles] == ["Dormant cells in bone"]


def test_an_article_added_in_the_admin_is_found_by_its_topic(admin_client):
    author, topic = AuthorFactory(), TopicFactory(name="Osteology")
    admin_client.post(reverse("admin:articles_article_add"), article_form(author, topic))
    assert [a.title for a in search_articles("osteology").articles] == ["Dormant cells in bone"]


def test_an_article_unpublished_in_the_admin_is_no_longer_found(admin_client):
    author, topic = AuthorFactory(), TopicFactory()
    admin_client.post(reverse("admin:articles_article_add"), article_form(author, topic))
    article = Article.objects.get()
    link = article.article_authors.get()
    change = article_form(
        author,
        topic,
        status="unpublished",
        opened_version=str(article.edit_version),
        **{
            "article_authors-INITIAL_FORMS": "1",
            "article_authors-0-id": link.pk,
            "article_authors-0-article": article.pk,
        },
    )
    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), change)
    assert response.status_code == 302
    assert list(search_articles("dormant").articles) == []


def test_the_admin_delete_action_removes_articles_from_the_index(admin_client):
    from articles.discovery.search import _backend

    article = ArticleFactory()
    data = {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"}
    admin_client.post(reverse("admin:articles_article_changelist"), data)
    assert not _backend().model.objects.filter(pk=article.pk).values_list("pk", flat=True).exists()
