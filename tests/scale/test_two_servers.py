"""Two gunicorn servers on one PostgreSQL database and one Redis: what one shows, the other shows.

A change an editor saves through server A must be what a reader gets from server B straight
away: the article page, the list's cached cards, search, and the cached totals. A session
started on A is valid on B (sessions live in Redis with the database behind it), so a load
balancer may send an editor's next request anywhere.
"""

import os
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group

from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, AuthorFactory
from tests.scale.browser import PASSWORD, Browser, admin_login, confirm_in_admin, publish_live_changes, server_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def search_summary(browser, words):
    """What the search page tells the reader about the number of matches."""
    html = browser.get(f"/search/?q={words}")[2]
    match = re.search(r'role="status">\s*<p>([^<]*)</p>|class="search-summary" role="status">([^<]*)<', html)
    assert match, html[-3000:]
    return unescape(match.group(1) or match.group(2)).strip()


@pytest.fixture
def two_servers(start_server):
    if not os.environ.get("REDIS_URL"):
        skip_or_fail("needs REDIS_URL (e.g. redis://127.0.0.1:6379/1): the servers share their cache through it")
    return start_server(), start_server()


def test_an_edit_saved_through_one_server_shows_at_once_through_the_other(two_servers, django_user_model):
    server_a, server_b = two_servers
    publisher = server_user(django_user_model, "shared-editor", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publishers"))
    author = AuthorFactory(name="Morag Quinn")
    article = ArticleFactory(title="Dormant cells wake slowly", authors=[author])
    doomed = ArticleFactory(title="A finding withdrawn", authors=[author])
    ArticleFactory.create_batch(3, authors=[author])
    reader_b = Browser(server_b.url)

    # B has served (and cached) everything once before the change.
    assert "Dormant cells wake slowly" in reader_b.get("/articles/")[2]
    assert search_summary(reader_b, "immune") == "5 articles found for “immune”."
    assert search_summary(reader_b, "zebrafish") == "No articles match “zebrafish”."

    editor_on_a = Browser(server_a.url)
    admin_login(editor_on_a, "shared-editor", PASSWORD)
    status, _, _ = publish_live_changes(
        editor_on_a,
        article.pk,
        title="Zebrafish show how dormant cells wake",
        body="Work in **zebrafish** shows how sleeping cells wake up.",
    )
    assert status == 302, "publishing the changes was refused"
    assert confirm_in_admin(editor_on_a, f"/admin/articles/article/{doomed.pk}/unpublish/")[0] == 302

    page = reader_b.get(article.get_absolute_url())[2]
    assert "Zebrafish show how dormant cells wake" in page
    assert "sleeping cells wake up" in page
    listing = reader_b.get("/articles/")[2]
    assert "Zebrafish show how dormant cells wake" in listing
    assert "Dormant cells wake slowly" not in listing
    assert "A finding withdrawn" not in listing
    assert search_summary(reader_b, "zebrafish") == "1 article found for “zebrafish”."
    assert search_summary(reader_b, "immune") == "4 articles found for “immune”."
    assert reader_b.get(doomed.get_absolute_url())[0] == 410


def test_a_session_started_on_one_server_is_valid_on_the_other(two_servers, django_user_model):
    server_a, server_b = two_servers
    server_user(django_user_model, "roaming-editor", is_staff=True)
    browser = Browser(server_a.url)
    admin_login(browser, "roaming-editor", PASSWORD)

    browser.base_url = server_b.url  # the load balancer sends the next request elsewhere
    status, _, html = browser.get("/admin/")
    assert status == 200
    assert "roaming-editor" in html

    anonymous = Browser(server_b.url)
    assert anonymous.get("/admin/")[0] == 302
