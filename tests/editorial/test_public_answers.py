"""What a reader or a member of staff gets at an article address that is not simply public."""

import pytest
from django.urls import reverse

from articles.editorial import changes, workflow
from articles.editorial.content import ArticleContent
from articles.models import ArticleStatus
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def detail(slug):
    return reverse("articles:article_detail", kwargs={"slug": slug})


def rename(article, *slugs):
    """Change the address through the write path; a live article's new address is published at once."""
    for slug in slugs:
        content = ArticleContent.current(article)
        content.values["slug"] = slug
        article = changes.save_article(None, article, content)
        if workflow.is_live(article):
            article = changes.publish_changes(None, article)


def test_old_slug_redirects_permanently(client):
    article = ArticleFactory(slug="first-name")
    rename(article, "second-name")
    response = client.get(detail("first-name"))
    assert (response.status_code, response.headers["Location"]) == (301, detail("second-name"))


def test_every_old_slug_redirects_straight_to_the_current_one(client):
    article = ArticleFactory(slug="one")
    rename(article, "two", "three", "four")
    locations = {client.get(detail(slug)).headers["Location"] for slug in ("one", "two", "three")}
    assert locations == {detail("four")}


def test_renaming_back_to_an_old_slug_makes_no_loop(client):
    article = ArticleFactory(slug="one")
    rename(article, "two", "one")
    assert client.get(detail("one")).status_code == 200


def test_renaming_back_leaves_the_other_slug_redirecting(client):
    article = ArticleFactory(slug="one")
    rename(article, "two", "one")
    assert client.get(detail("two")).headers["Location"] == detail("one")


def test_old_slug_of_a_draft_is_not_revealed_to_readers(client):
    article = ArticleFactory(draft=True, slug="secret-one")
    rename(article, "secret-two")
    assert client.get(detail("secret-one")).status_code == 404


def test_unpublished_article_answers_410(client):
    ArticleFactory(slug="taken-down", status=ArticleStatus.UNPUBLISHED)
    assert client.get(detail("taken-down")).status_code == 410


def test_410_page_explains_the_article_was_withdrawn(client):
    ArticleFactory(slug="taken-down", status=ArticleStatus.UNPUBLISHED)
    assert "This article has been withdrawn" in client.get(detail("taken-down")).content.decode()


def test_410_page_does_not_show_the_withdrawn_text(client):
    ArticleFactory(slug="taken-down", status=ArticleStatus.UNPUBLISHED, body="Withdrawn claim about a cure.")
    assert "Withdrawn claim" not in client.get(detail("taken-down")).content.decode()


def test_old_slug_of_an_unpublished_article_answers_410(client):
    article = changes.unpublish(None, ArticleFactory(slug="old"))
    rename(article, "new")
    assert client.get(detail("old")).status_code == 410


def test_draft_is_404_for_readers(client):
    ArticleFactory(draft=True, slug="not-yet")
    assert client.get(detail("not-yet")).status_code == 404


def test_draft_is_404_for_staff_without_the_view_permission(bare_staff_client):
    ArticleFactory(draft=True, slug="not-yet")
    assert bare_staff_client.get(detail("not-yet")).status_code == 404


def test_staff_preview_shows_the_draft(editor_client):
    ArticleFactory(draft=True, slug="not-yet", title="Coming soon")
    assert "Coming soon" in editor_client.get(detail("not-yet")).content.decode()


def test_staff_preview_shows_the_banner(editor_client):
    ArticleFactory(draft=True, slug="not-yet")
    assert "This is a draft." in editor_client.get(detail("not-yet")).content.decode()


def test_staff_preview_is_not_indexed(editor_client):
    ArticleFactory(draft=True, slug="not-yet")
    assert '<meta name="robots" content="noindex, nofollow">' in editor_client.get(detail("not-yet")).content.decode()


def test_staff_preview_sends_a_noindex_header(editor_client):
    ArticleFactory(draft=True, slug="not-yet")
    assert editor_client.get(detail("not-yet")).headers["X-Robots-Tag"] == "noindex, nofollow"


def test_staff_preview_is_never_cached(editor_client):
    ArticleFactory(draft=True, slug="not-yet")
    assert "no-store" in editor_client.get(detail("not-yet")).headers["Cache-Control"]


def test_staff_preview_of_a_scheduled_article_says_when(editor_client):
    ArticleFactory(scheduled=True, slug="soon")
    assert "scheduled for" in editor_client.get(detail("soon")).content.decode()


def test_public_article_has_no_preview_banner(editor_client):
    ArticleFactory(slug="live")
    assert "Readers cannot see" not in editor_client.get(detail("live")).content.decode()


def test_staff_preview_query_count_is_fixed(editor_client, django_assert_max_num_queries):
    ArticleFactory(draft=True, slug="not-yet")
    with django_assert_max_num_queries(11):
        editor_client.get(detail("not-yet"))
