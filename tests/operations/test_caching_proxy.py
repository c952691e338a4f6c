"""The site behind Varnish (deploy/varnish/), as deployed: gunicorn, the shipped VCL, bans on publish.

A reader's second request is answered by Varnish without reaching Django; a Publisher's change
made through the admin (through the proxy, as in production) bans the article and the list
pages at once; a scheduled article appears through the proxy at its time, because Django never
lets a shared cache keep a page past the next scheduled publication.
"""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory
from tests.scale.browser import PASSWORD, Browser, admin_login, publish_live_changes, server_user
from tests.scale.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def proxy(start_server, start_varnish):
    """Varnish in front of one gunicorn worker that sends its bans to that Varnish."""
    purge_port = free_port()
    server = start_server(DJANGO_PROXY_PURGE_URLS=f"http://127.0.0.1:{purge_port}/")
    return start_varnish(server.port, purge_port)


def header(headers, name):
    return next((value for key, value in headers if key.lower() == name.lower()), None)


def s_maxage(headers):
    match = re.search(r"s-maxage=(\d+)", header(headers, "Cache-Control") or "")
    return int(match.group(1)) if match else None


def test_a_second_reader_is_served_by_the_proxy_without_reaching_django(proxy):
    article = ArticleFactory(title="Cells that remember")
    reader = Browser(proxy.url)
    first = reader.get(article.get_absolute_url())
    second = Browser(proxy.url).get(article.get_absolute_url())
    assert first[0] == second[0] == 200
    assert header(first[1], "X-Cache") == "MISS"
    assert header(second[1], "X-Cache") == "HIT"
    assert second[2] == first[2]
    assert header(second[1], "Cache-Tag") is None
    assert header(second[1], "Set-Cookie") is None


def test_an_editors_requests_pass_and_what_they_saw_is_never_served_to_a_reader(proxy, django_user_model):
    server_user(django_user_model, "proxy-editor", is_staff=True).groups.add(Group.objects.get(name="Editors"))
    article = ArticleFactory(title="A view from the lab")
    editor = Browser(proxy.url)
    admin_login(editor, "proxy-editor", PASSWORD)
    for _ in range(2):
        status, headers, _ = editor.get(article.get_absolute_url())
        assert status == 200
        assert header(headers, "X-Cache") == "PASS"
    status, headers, html = Browser(proxy.url).get(article.get_absolute_url())
    assert "proxy-editor" not in html
    assert header(headers, "Set-Cookie") is None


def test_publishing_changes_through_the_admin_bans_the_article_and_the_list_pages(proxy, django_user_model):
    server_user(django_user_model, "proxy-publisher", is_staff=True).groups.add(Group.objects.get(name="Publishers"))
    author = AuthorFactory(name="Ines Carvalho")
    article = ArticleFactory(title="Dormant cells wake slowly", authors=[author])
    unrelated = AuthorFactory(name="Tomas Lindqvist")
    ArticleFactory(title="Nothing to do with it", authors=[unrelated])
    pages = [article.get_absolute_url(), "/articles/", "/", author.get_absolute_url()]
    for path in [*pages, unrelated.get_absolute_url()]:  # cached once, then served from the cache
        Browser(proxy.url).get(path)
        status, headers, html = Browser(proxy.url).get(path)
        assert (path, header(headers, "X-Cache")) == (path, "HIT")
        assert ("Dormant cells wake slowly" in html) == (path in pages)

    publisher = Browser(proxy.url)  # editors reach the admin through the same proxy
    admin_login(publisher, "proxy-publisher", PASSWORD)
    status, _, _ = publish_live_changes(publisher, article.pk, title="Zebrafish show how dormant cells wake")
    assert status == 302

    for path in pages:
        status, headers, html = Browser(proxy.url).get(path)
        assert (path, status, header(headers, "X-Cache")) == (path, 200, "MISS")
        assert "Zebrafish show how dormant cells wake" in html
        assert "Dormant cells wake slowly" not in html
    # Exact: a page that does not show the article is still served from the proxy.
    assert header(Browser(proxy.url).get(unrelated.get_absolute_url())[1], "X-Cache") == "HIT"


def test_a_scheduled_article_appears_through_the_proxy_at_its_time(proxy):
    ArticleFactory(title="Already out")
    due = timezone.now() + timedelta(seconds=6)
    ArticleFactory(title="Out at six seconds", published_at=due)
    reader = Browser(proxy.url)

    reader.get("/articles/")
    status, headers, html = reader.get("/articles/")
    assert header(headers, "X-Cache") == "HIT"
    assert "Already out" in html
    assert "Out at six seconds" not in html
    assert s_maxage(headers) is not None
    assert s_maxage(headers) <= 6  # the proxy may keep the list only until the article is due

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.5)
    status, headers, html = reader.get("/articles/")
    assert "Out at six seconds" in html
