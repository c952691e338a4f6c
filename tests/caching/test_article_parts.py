"""The article page keeps its own part and its related reading rendered, by tags, with the page cache off too.

A reader's request then reads the article's row and, when it has related reading, counts
whether those articles are still public: nothing else. Every change made through the write
path reaches the page at once, as it does with the page cache on (``test_invalidation.py``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Article, ArticleStatus
from tests import editing
from tests.caching.test_invalidation import Site
from tests.factories import ArticleFactory, DonationLinkFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE_ENABLED = False
    site = Site()
    site.warm()
    return site


def queries_for(site, name):
    with CaptureQueriesContext(connection) as captured:
        html = site.text(name)
    return len(captured), html


def test_a_readers_request_reads_the_article_row_and_checks_its_related_reading(site):
    first = site.text("article")
    queries, again = queries_for(site, "article")
    assert queries == 2  # the article; whether the related articles are still public
    assert again == first
    assert "Immune cells in the bone" in again  # the related reading came from the kept part


def test_a_signed_in_editor_is_never_given_the_kept_parts(site, editor_client):
    url = site.pages()["article"]
    site.text("article")  # kept for readers
    Article.objects.filter(pk=site.neighbour.pk).update(title="Retitled behind the sites back")
    with CaptureQueriesContext(connection) as captured:
        html = editor_client.get(url).content.decode()
    assert len(captured) > 2  # rendered afresh
    assert "Retitled behind the sites back" in html


def test_a_preview_never_comes_from_the_kept_parts(site, editor_client):
    site.text("article")  # kept
    content = ArticleContent.current(site.article)
    content.values["title"] = "Dormant cells, a draft title"
    changes.save_article(None, site.article, content)  # a working copy: readers keep the live text
    preview = editor_client.get(reverse("admin:articles_article_preview", args=[site.article.pk])).content.decode()
    assert "Dormant cells, a draft title" in preview
    assert "Dormant cells, a draft title" not in site.text("article")


@pytest.mark.parametrize(
    ("change", "page", "shown", "gone"),
    [
        (
            lambda s: editing.edit(s.article, title="Dormant cells wake in spring"),
            "article",
            "wake in spring",
            "wake slowly",
        ),
        (
            lambda s: editing.edit(s.article, title="Dormant cells wake in spring"),
            "neighbour",
            "wake in spring",
            "wake slowly",
        ),
        (lambda s: editing.save(s.quinn, name="Morag Quinn-Baird"), "article", "Morag Quinn-Baird", None),
        (lambda s: editing.save(s.immunology, name="Immunology and inflammation"), "article", "and inflammation", None),
        (
            lambda s: editing.save(s.default_link, call_to_action="Back the next trial"),
            "article",
            "Back the next trial",
            "Fund the next discovery",
        ),
        (
            lambda s: editing.edit(s.article, topics=[s.imaging]),
            "article",
            "Sharper mammograms",  # related reading follows the new topic
            None,
        ),
        (lambda s: editing.unpublish(s.neighbour), "article", None, "Immune cells in the bone"),
        (
            lambda s: editing.publish(
                ArticleFactory(title="Tumour clocks", authors=[s.quinn], topics=[s.immunology], draft=True)
            ),
            "article",
            "Tumour clocks",
            None,
        ),
    ],
    ids=[
        "article retitled",
        "related article retitled",
        "researcher renamed",
        "topic renamed",
        "default donation call changed",
        "topic changed",
        "related article unpublished",
        "related article published",
    ],
)
def test_a_change_through_the_write_path_reaches_the_article_page_at_once(site, change, page, shown, gone):
    site.text(page)  # kept
    change(site)
    html = site.text(page)
    if shown:
        assert shown in html
    if gone:
        assert gone not in html


def test_a_topics_campaign_link_reaches_its_articles_at_once(site):
    appeal = DonationLinkFactory(call_to_action="Help us map dormant cells")
    editing.save(site.immunology, donation_link=appeal)
    assert "Help us map dormant cells" in site.text("article")


def test_a_reviewer_renamed_is_renamed_on_the_pages_they_reviewed(site):
    reviewer = ReviewerFactory(name="Dr Priya Shah")
    editing.review(site.article, [reviewer])
    assert "Dr Priya Shah" in site.text("article")
    editing.save(reviewer, name="Professor Priya Shah")
    html = site.text("article")
    assert "Professor Priya Shah" in html
    assert "Dr Priya Shah" not in html


def test_an_article_withdrawn_behind_the_sites_back_leaves_the_kept_related_reading(site):
    assert "Immune cells in the bone" in site.text("article")
    Article.objects.filter(pk=site.neighbour.pk).update(status=ArticleStatus.UNPUBLISHED)
    assert "Immune cells in the bone" not in site.text("article")


def test_parts_kept_for_one_host_are_not_served_to_another(site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "research-voices.example.org"]
    site.text("article")
    html = site.browser.get(site.pages()["article"], HTTP_HOST="research-voices.example.org").content.decode()
    assert "http://research-voices.example.org/" in html
    assert "http://testserver/" not in html
