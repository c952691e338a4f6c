"""Which answers the page cache keeps and serves, and which it never does."""

import pytest
from django.urls import reverse

from tests.caching.helpers import cache_tags, fetch, reader, served_from_cache
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    DonationLinkFactory(is_default=True)
    topic = TopicFactory(name="Immunotherapy")
    author = AuthorFactory(name="Morag Quinn")
    ArticleFactory(authors=[author], topics=[topic])
    return ArticleFactory(title="Dormant cells wake slowly", authors=[author], topics=[topic])


def public_pages(article):
    topic, author = article.topics.first(), article.ordered_authors[0]
    return {
        "home": reverse("articles:home"),
        "article list": reverse("articles:article_list"),
        "article": article.get_absolute_url(),
        "author list": reverse("articles:author_list"),
        "author": author.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "search": reverse("articles:search") + "?q=immune",
        "feed": reverse("articles:feed_rss"),
        "topic feed": reverse("articles:topic_feed_atom", kwargs={"slug": topic.slug}),
        "author feed": reverse("articles:author_feed_rss", kwargs={"slug": author.slug}),
        "sitemap": reverse("sitemap"),
        "robots": reverse("robots_txt"),
    }


def test_every_public_page_is_served_from_the_cache_the_second_time(article):
    browser = reader()
    for name, url in public_pages(article).items():
        first, queries = fetch(browser, url)
        assert first.status_code == 200, name
        assert queries > 0 or name == "robots", name
        second, queries = fetch(browser, url)
        assert queries == 0, f"{name} was not served from the cache"
        assert second.content == first.content, name
        assert second["Content-Type"] == first["Content-Type"], name


def test_cached_pages_say_what_they_show_in_a_cache_tag_header(article):
    browser = reader()
    page = browser.get(article.get_absolute_url())
    author, topic = article.ordered_authors[0], article.topics.first()
    assert {f"article:{article.pk}", f"author:{author.pk}", f"topic:{topic.pk}", "donation:default"} <= cache_tags(page)
    assert {"lists", f"article:{article.pk}"} <= cache_tags(browser.get(reverse("articles:home")))
    assert f"topic:{topic.pk}" in cache_tags(browser.get(topic.get_absolute_url()))
    assert "search" in cache_tags(browser.get(reverse("articles:search") + "?q=immune"))
    assert "sitemap" in cache_tags(browser.get(reverse("sitemap")))


def test_pages_and_parts_kept_by_one_release_are_not_served_by_the_next(article, settings, monkeypatch):
    from articles.public import page_cache

    browser = reader()
    for page_cache_on in (True, False):  # whole pages, then the article page's kept parts
        settings.PAGE_CACHE_ENABLED = page_cache_on
        monkeypatch.setattr(page_cache, "release", lambda on=page_cache_on: f"before deploy, page cache {on}")
        fetch(browser, article.get_absolute_url())
        kept = fetch(browser, article.get_absolute_url())[1]
        monkeypatch.setattr(page_cache, "release", lambda on=page_cache_on: f"after deploy, page cache {on}")
        assert fetch(browser, article.get_absolute_url())[1] > kept


def test_the_release_changes_with_any_template(settings, tmp_path):
    from articles.public import page_cache

    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "base.html"
    template.write_text("<p>one</p>")
    settings.BASE_DIR, settings.STATIC_ROOT = tmp_path, tmp_path / "static"
    page_cache.release.cache_clear()
    try:
        before = page_cache.release()
        template.write_text("<p>two</p>")
        page_cache.release.cache_clear()
        assert page_cache.release() != before
    finally:
        page_cache.release.cache_clear()


def test_a_tracking_parameter_from_a_shared_link_is_still_a_hit(article):
    browser = reader()
    browser.get(article.get_absolute_url())
    assert served_from_cache(browser, article.get_absolute_url() + "?fbclid=IwAR3xyz&utm_source=facebook")


def test_a_page_seen_by_a_signed_in_editor_is_never_given_to_a_reader(article, editor_client):
    draft = ArticleFactory(title="A draft about tumour dormancy", draft=True)
    staff_preview = editor_client.get(draft.get_absolute_url())
    assert "This is a draft." in staff_preview.content.decode()
    staff_page = editor_client.get(article.get_absolute_url())
    assert staff_page["Cache-Control"] == "private, no-store"
    assert "Cache-Tag" not in staff_page

    browser = reader()
    assert browser.get(draft.get_absolute_url()).status_code == 404
    page, queries = fetch(browser, article.get_absolute_url())
    assert queries > 0, "the editor's page was stored and served to a reader"
    assert "Preview" not in page.content.decode()
    assert not page.cookies
    assert "sessionid" not in page.get("Set-Cookie", "")


def test_a_reader_never_receives_a_page_cached_for_someone_else_nor_does_an_editor(article, editor_client):
    browser = reader()
    browser.get(article.get_absolute_url())
    staff_page, queries = fetch(editor_client, article.get_absolute_url())
    assert queries > 0, "an editor was served the readers' copy"
    assert staff_page["Cache-Control"] == "private, no-store"


def test_share_link_previews_are_never_cached(article, publisher_user):
    from articles.editorial.sharing import create_share_link, share_url

    draft = ArticleFactory(title="A draft about tumour dormancy", draft=True)
    url = share_url(create_share_link(draft, publisher_user, 7))
    browser = reader()
    first = browser.get(url)
    assert "no-store" in first["Cache-Control"]
    assert "Cache-Tag" not in first
    _, queries = fetch(browser, url)
    assert queries > 0


def test_posts_are_never_answered_from_the_cache(article):
    browser = reader()
    browser.get(article.get_absolute_url())
    response = browser.post(article.get_absolute_url(), {"q": "x"})
    assert response.status_code == 405
    assert "Cache-Tag" not in response


def test_a_response_that_sets_a_cookie_or_uses_a_csrf_token_is_not_stored(article, rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from articles.public import page_cache
    from articles.public.page_cache_middleware import PageCacheMiddleware

    def view_setting_a_cookie(request):
        page_cache.shows(request, "lists")
        response = HttpResponse("<p>hello</p>")
        response.set_cookie("tracker", "1")
        return response

    def view_with_a_form_token(request):
        page_cache.shows(request, "lists")
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    for view in (view_setting_a_cookie, view_with_a_form_token):
        middleware = PageCacheMiddleware(view)
        middleware(rf.get("/somewhere/"))
        again = middleware(rf.get("/somewhere/"))
        assert "Cache-Tag" not in again, view.__name__
        assert "Content-Encoding" not in middleware(rf.get("/somewhere/", HTTP_ACCEPT_ENCODING="gzip, br"))


def test_missing_pages_and_the_donation_counter_are_not_cached(article):
    browser = reader()
    browser.get("/articles/no-such-article/")
    _, queries = fetch(browser, "/articles/no-such-article/")
    assert queries > 0
    link = article.donation_call()
    for _ in range(2):
        response, queries = fetch(browser, reverse("articles:donate", args=[link.pk]))
        assert queries > 0
        assert "Cache-Tag" not in response


def test_the_admin_is_never_cached_and_never_public(article, editor_client):
    response = editor_client.get("/admin/")
    assert "Cache-Tag" not in response
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_miss_costs_the_same_queries_as_the_page_without_the_cache(article, settings):
    from articles.public import page_cache

    browser = reader()
    for name, url in public_pages(article).items():
        settings.PAGE_CACHE_ENABLED = False
        browser.get(url)  # the lists' own caches warm, as they are on a miss
        # The article page's stored parts go with every page (their tags include "site").
        page_cache.invalidate({page_cache.EVERY_PAGE_TAG})
        _, without_cache = fetch(browser, url)
        settings.PAGE_CACHE_ENABLED = True
        page_cache.invalidate({page_cache.EVERY_PAGE_TAG})
        _, on_a_miss = fetch(browser, url)
        assert on_a_miss == without_cache, name
        assert fetch(browser, url)[1] == 0, name
