"""Two gunicorn servers sharing one Redis: a page one of them cached is dropped for both at once.

Server B caches the article page and the list. A row changed behind the site's back proves
that B then answers from its cache (the old title stays); an edit published through server
A's admin must then be what B shows on its very next request, with a new ETag.
"""

import os

import pytest
from django.contrib.auth.models import Group

from articles.models import Article
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory
from tests.scale.browser import PASSWORD, Browser, admin_login, confirm_in_admin, publish_live_changes, server_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def header(pairs, name):
    return next((value for key, value in pairs if key.lower() == name.lower()), None)


@pytest.fixture
def two_servers(start_server):
    if not os.environ.get("REDIS_URL"):
        skip_or_fail("needs REDIS_URL (e.g. redis://127.0.0.1:6379/1): the servers share their page cache through it")
    return start_server(), start_server()


def test_a_change_published_through_one_server_drops_the_others_cached_pages_at_once(two_servers, django_user_model):
    server_a, server_b = two_servers
    publisher = server_user(django_user_model, "cache-publisher", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publishers"))
    DonationLinkFactory(is_default=True)
    author = AuthorFactory(name="Morag Quinn")
    article = ArticleFactory(title="Dormant cells wake slowly", authors=[author])
    gone = ArticleFactory(title="A finding withdrawn", authors=[author])
    reader_b = Browser(server_b.url)

    status, pairs, page = reader_b.get(article.get_absolute_url())
    assert status == 200
    assert f"article:{article.pk}" in header(pairs, "Cache-Tag").split()
    old_etag = header(pairs, "ETag")
    assert "A finding withdrawn" in reader_b.get("/articles/")[2]
    # Behind the site's back: B keeps answering from the shared cache.
    Article.objects.filter(pk=article.pk).update(title="Changed behind the site's back")
    assert "Dormant cells wake slowly" in reader_b.get(article.get_absolute_url())[2]
    assert reader_b.get(article.get_absolute_url(), headers={"If-None-Match": old_etag})[0] == 304

    editor_on_a = Browser(server_a.url)
    admin_login(editor_on_a, "cache-publisher", PASSWORD)
    status, _, _ = publish_live_changes(editor_on_a, article.pk, title="Zebrafish show how dormant cells wake")
    assert status == 302, "publishing the changes was refused"
    assert confirm_in_admin(editor_on_a, f"/admin/articles/article/{gone.pk}/unpublish/")[0] == 302

    status, pairs, page = reader_b.get(article.get_absolute_url(), headers={"If-None-Match": old_etag})
    assert status == 200
    assert "Zebrafish show how dormant cells wake" in page
    assert header(pairs, "ETag") != old_etag
    listing = reader_b.get("/articles/")[2]
    assert "Zebrafish show how dormant cells wake" in listing
    assert "A finding withdrawn" not in listing
    assert reader_b.get(gone.get_absolute_url())[0] == 410


def test_the_editors_own_pages_through_either_server_are_private(two_servers, django_user_model):
    server_a, server_b = two_servers
    server_user(django_user_model, "cache-editor", is_staff=True)
    article = ArticleFactory(title="Dormant cells wake slowly")
    editor = Browser(server_a.url)
    admin_login(editor, "cache-editor", PASSWORD)
    editor.base_url = server_b.url
    status, pairs, _ = editor.get(article.get_absolute_url())
    assert status == 200
    assert header(pairs, "Cache-Control") == "private, no-store"
    assert header(pairs, "Cache-Tag") is None
    status, pairs, _ = Browser(server_b.url).get(article.get_absolute_url())
    assert not any(key.lower() == "set-cookie" for key, _ in pairs)
    assert header(pairs, "Cache-Control").startswith("public, ")
