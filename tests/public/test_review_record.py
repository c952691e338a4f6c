"""Readers see when a page was last reviewed, by whom, and what changed; none of it can run script."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from tests import editing
from tests.factories import ArticleFactory, AuthorFactory, ReviewerFactory
from tests.html_safety import script_vectors
from tests.public.test_queries import DETAIL_LIMIT

pytestmark = pytest.mark.django_db

DEC_4 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(DEC_4, tick=False) as traveller:
        yield traveller


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_last_reviewed_and_next_review_due(client, frozen):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [ReviewerFactory()], "First published")
    html = page(client, article)
    assert (
        'Page last reviewed: <time datetime="2026-12-04">4 December 2026</time> · '
        'Next review due: <time datetime="2028-12">December 2028</time>'
    ) in html


def test_reviewers_are_named_with_their_credentials(client, frozen):
    shah = ReviewerFactory(
        name="Dr Priya Shah",
        role="Consultant Breast Surgeon",
        qualification="MBChB FRCS",
        organisation="Leeds Teaching Hospitals NHS Trust",
    )
    nurse = ReviewerFactory(name="Amy Clarke", role="Clinical Nurse Specialist", qualification="", organisation="")
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [shah, nurse])
    html = page(client, article)
    assert (
        '<p class="reviewed-by">Reviewed by Amy Clarke, Clinical Nurse Specialist and Dr Priya Shah, '
        "Consultant Breast Surgeon, MBChB FRCS, Leeds Teaching Hospitals NHS Trust</p>"
    ) in html


def test_a_reviewer_who_writes_for_the_site_links_to_their_page(client, frozen):
    author = AuthorFactory(name="Seth Coffelt")
    ArticleFactory(health=True, authors=[author])  # a published article, so the researcher's page exists
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [ReviewerFactory(name="Dr Seth Coffelt", author=author)])
    assert f'<a href="{author.get_absolute_url()}">Dr Seth Coffelt</a>' in page(client, article)


def test_the_history_lists_each_review_with_what_changed(client, frozen):
    reviewer = ReviewerFactory(name="Dr Priya Shah")
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer], "First published")
    frozen.shift(timedelta(days=100))
    editing.review(article, [reviewer], "New trial results added")
    html = page(client, article)
    newer = html.index("Reviewed March 2027: New trial results added")
    older = html.index("Reviewed December 2026: First published")
    assert newer < older
    assert 'Page last reviewed: <time datetime="2027-03-14">14 March 2027</time>' in html


def test_a_page_never_reviewed_shows_no_review_record(client):
    html = page(client, ArticleFactory(health=True))
    assert "Page last reviewed" not in html
    assert "Reviewed by" not in html


def test_the_review_record_is_separate_from_the_published_date(client, frozen):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [ReviewerFactory()])
    html = page(client, article)
    assert html.index("Published <time") < html.index("Page last reviewed")


def test_a_pending_review_in_a_working_copy_is_not_shown_to_readers(client, frozen):
    article = ArticleFactory(health=True)
    editing.mark_review(article, [ReviewerFactory(name="Dr Not Yet")], "Not published yet")
    html = page(client, article)
    assert "Dr Not Yet" not in html
    assert "Not published yet" not in html


def test_the_queries_do_not_grow_with_reviews_and_reviewers(client, frozen):
    def queries(reviews, reviewers):
        article = ArticleFactory(health=True, draft=True)
        people = ReviewerFactory.create_batch(reviewers, author=AuthorFactory())
        for _ in range(reviews):
            editing.review(article, people, "Checked")
        with CaptureQueriesContext(connection) as captured:
            page(client, article)
        return len(captured)

    few, many = queries(1, 1), queries(6, 5)
    assert few == many
    assert many <= DETAIL_LIMIT + 3  # the records, their reviewers, and which reviewers have public pages


def test_hostile_reviewer_names_and_notes_reach_readers_inert(client, xss_payloads):
    """The corpus, in batches from across it, in every field readers see of a review."""
    payloads = [p for p in xss_payloads if len(p) <= 100]
    for start in range(0, len(payloads), max(len(payloads) // 8, 1)):
        batch = payloads[start : start + 30]
        joined = " ".join(batch)
        reviewer = ReviewerFactory(
            name=joined[:120], role=joined[:160], qualification=joined[:120], organisation=joined[:200]
        )
        article = ArticleFactory(health=True, draft=True)
        content = ArticleContent.current(article)
        content.values.update(pending_review=True, pending_reviewers=[reviewer.pk], pending_review_note=joined[:200])
        changes.publish(None, changes.save_article(None, article, content))
        html = page(client, article)
        assert script_vectors(html) == [], joined
        assert escape(joined[:120]) in html


@pytest.mark.parametrize(
    "payload",
    ['"><script>alert(1)</script>', "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>"],
)
def test_attribute_and_script_breakouts_in_a_review_note_are_escaped(client, payload):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [ReviewerFactory(name=payload)], payload)
    html = page(client, article)
    assert script_vectors(html) == []
    assert f": {escape(payload)} <span" in html  # the note, as text
