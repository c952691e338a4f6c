"""Words and machine-readable values a reader (or a checker) meets on the article pages."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import ArticleStatus
from tests import editing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TIME_DATETIME = re.compile(r'<time datetime="([^"]*)"')


def banner(client, article, url=None):
    html = client.get(url or article.get_absolute_url()).content.decode()
    match = re.search(r'<div class="preview-banner" role="status">\s*<p class="wrap">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split()) if match else None


@pytest.mark.parametrize(("words", "minutes"), [(150, 1), (450, 2)])
def test_reading_time_reads_as_an_adjective(client, words, minutes):
    article = ArticleFactory(body="word " * words)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"· {minutes}-minute read" in html
    assert "minutes read" not in html


def test_a_draft_preview_says_it_is_a_draft(editor_client):
    article = ArticleFactory(draft=True)
    assert banner(editor_client, article) == "This is a draft. Readers cannot see it until it is published."


def test_a_preview_of_an_article_in_review_says_it_waits_for_review(editor_client):
    article = editing.set_status(ArticleFactory(draft=True), ArticleStatus.IN_REVIEW)
    assert banner(editor_client, article) == (
        "This is a draft waiting for review. Readers cannot see it until it is published."
    )


def test_a_scheduled_preview_says_when_readers_will_see_it(editor_client):
    when = timezone.make_aware(timezone.datetime(2031, 3, 4, 9, 30))
    article = ArticleFactory(published_at=when)
    assert banner(editor_client, article) == (
        "This article is scheduled for 4 March 2031 at 09:30. Readers cannot see it until then."
    )


def test_an_unpublished_preview_says_readers_cannot_see_it(editor_client):
    article = editing.unpublish(ArticleFactory())
    assert banner(editor_client, article) == "This article has been unpublished. Readers cannot see it."


def working_copy_of(article, title):
    content = ArticleContent.current(article)
    content.values["title"] = title
    return changes.save_article(None, article, content)


def admin_preview(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def test_a_working_copy_preview_says_readers_still_see_the_live_version(editor_client):
    article = working_copy_of(ArticleFactory(), "A better headline")
    assert banner(editor_client, article, admin_preview(article)) == (
        "These are unpublished changes. Readers still see the published version."
    )


def test_a_working_copy_of_a_scheduled_article_says_which_version_goes_out(editor_client):
    when = timezone.make_aware(timezone.datetime(2031, 3, 4, 9, 30))
    article = working_copy_of(ArticleFactory(published_at=when), "A better headline")
    assert banner(editor_client, article, admin_preview(article)) == (
        "These are unpublished changes. The article is scheduled for 4 March 2031 at 09:30; "
        "readers will see the scheduled version unless these changes are published first."
    )


def test_readers_see_no_banner(client):
    assert banner(client, ArticleFactory()) is None


@pytest.mark.parametrize(
    "url",
    [
        lambda a: a.get_absolute_url(),
        lambda a: reverse("articles:home"),
        lambda a: reverse("articles:article_list"),
        lambda a: reverse("articles:search") + "?q=immune",
        lambda a: a.ordered_authors[0].get_absolute_url(),
    ],
    ids=["article", "home", "list", "search", "author"],
)
def test_time_elements_carry_whole_seconds(client, url):
    """The HTML checker rejects a six-digit fraction of a second in ``datetime``."""
    published = timezone.now().replace(microsecond=123456) - timedelta(days=40)
    article = ArticleFactory(published_at=published, title="Immune cells")
    ArticleFactory(published_at=published - timedelta(days=1), title="Immune signals")  # a card under the featured one
    editing.edit(article, standfirst="Immune cells, updated.")
    values = TIME_DATETIME.findall(client.get(url(article)).content.decode())
    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value


def test_a_preview_of_an_article_in_the_bin_says_so(editor_client):
    article = editing.delete_article(ArticleFactory(draft=True))
    assert banner(editor_client, article) == "This article is in the bin. Readers cannot see it."
