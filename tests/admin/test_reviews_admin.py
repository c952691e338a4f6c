"""The Review section of the article form, the Reviews page and the reviewers' admin."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests import editing
from tests.conftest import make_staff
from tests.editorial.forms import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory, ReviewerFactory, TopicFactory

pytestmark = pytest.mark.django_db

DEC_4 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
REVIEWS = reverse("admin:articles_article_reviews")


@pytest.fixture
def frozen():
    with time_machine.travel(DEC_4, tick=False) as traveller:
        yield traveller


def fresh(article):
    return Article.objects.get(pk=article.pk)


def publish_changes(client, article):
    return client.post(reverse("admin:articles_article_changes", args=[article.pk]), {"_action": "publish_changes"})


def test_an_editor_marks_a_review_and_the_publisher_publishes_it(frozen, django_user_model):
    editor, publisher = Client(), Client()
    editor.force_login(make_staff(django_user_model, "ed", "Editors"))
    publisher.force_login(make_staff(django_user_model, "pub", "Publishers"))
    reviewer = ReviewerFactory(name="Dr Priya Shah")
    article = ArticleFactory(health=True)
    data = form_data(editor, change_url(article))
    data.update(
        {
            "pending_review": "on",
            "pending_reviewers": [str(reviewer.pk)],
            "pending_review_note": "New trial results added",
            "_action": "submit",
        }
    )
    assert editor.post(change_url(article), data).status_code == 302
    assert fresh(article).last_reviewed is None  # waits for a Publisher
    # The Publisher sees the review among the unpublished changes, in words.
    shown = publisher.get(reverse("admin:articles_article_changes", args=[article.pk])).content.decode()
    assert "This version is a review <strong>(changed)</strong>" in shown
    assert "<td>Dr Priya Shah</td>" in shown
    publish_changes(publisher, fresh(article))
    article = fresh(article)
    assert article.last_reviewed == date(2026, 12, 4)
    assert article.review_records.get().note == "New trial results added"


def test_a_review_without_reviewers_is_refused_by_the_form(editor_client):
    article = ArticleFactory(health=True)
    data = form_data(editor_client, change_url(article))
    data.update({"pending_review": "on", "_action": "save"})
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "at least one reviewer" in response.content.decode()


def test_a_next_review_date_in_the_past_is_refused_by_the_form(editor_client, frozen):
    article = ArticleFactory(health=True)
    data = form_data(editor_client, change_url(article))
    data.update(
        {
            "pending_review": "on",
            "pending_reviewers": [str(ReviewerFactory().pk)],
            "pending_next_review_due": "2026-11-01",
            "_action": "save",
        }
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Choose a date in the future" in response.content.decode()


def test_review_dates_cannot_be_set_through_the_form(publisher_client, frozen):
    article = ArticleFactory(health=True, draft=True)
    data = form_data(publisher_client, change_url(article))
    data.update({"last_reviewed": "2026-12-01", "next_review_due": "2030-01-01", "_action": "save"})
    publisher_client.post(change_url(article), data)
    article = fresh(article)
    assert (article.last_reviewed, article.next_review_due) == (None, None)


def test_the_form_shows_the_review_record(publisher_client, frozen):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [ReviewerFactory(name="Dr Priya Shah")], "First published")
    page = publisher_client.get(change_url(article)).content.decode()
    assert "Last reviewed 4 December 2026 · next review due 3 December 2028." in page
    assert "Dr Priya Shah — First published" in page


def reviewed_on(day, **factory_fields):
    """A live health article whose last review was on ``day``."""
    article = ArticleFactory(health=True, **factory_fields)
    with time_machine.travel(datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)):
        editing.review(article, [ReviewerFactory()])
    return fresh(article)


def rows(response, key):
    return [row.article.title for row in response.context[key]]


def test_the_reviews_page_lists_overdue_and_due_soon_articles_by_date(editor_client, frozen):
    reviewed_on(date(2024, 11, 1), title="Two years and a month ago")  # due 1 Nov 2026: overdue
    reviewed_on(date(2024, 12, 30), title="Due within 60 days")  # due 30 Dec 2026
    reviewed_on(date(2024, 12, 20), title="Due a little sooner")  # due 20 Dec 2026
    reviewed_on(date(2025, 6, 1), title="Not due for months")
    ArticleFactory(health=True, title="Never reviewed")
    not_health = ArticleFactory(health=True, title="Charity news")
    editing.edit(not_health, gives_health_information=False)
    ArticleFactory(health=True, title="A draft", draft=True)
    response = editor_client.get(REVIEWS)
    assert response.status_code == 200
    assert rows(response, "overdue") == ["Never reviewed", "Two years and a month ago"]
    assert rows(response, "due_soon") == ["Due a little sooner", "Due within 60 days"]
    page = response.content.decode()
    assert "Overdue by 33 days" in page
    assert "Due in 16 days" in page


def test_the_reviews_page_filters_by_topic_and_author(editor_client, frozen):
    topic, author = TopicFactory(name="Secondary breast cancer"), AuthorFactory(name="Seth Coffelt")
    reviewed_on(date(2024, 11, 1), title="On the topic", topics=[topic])
    reviewed_on(date(2024, 11, 1), title="By the author", authors=[author])
    reviewed_on(date(2024, 11, 1), title="Neither")
    by_topic = editor_client.get(REVIEWS, {"topic": topic.pk})
    assert rows(by_topic, "overdue") == ["On the topic"]
    by_author = editor_client.get(REVIEWS, {"author": author.pk})
    assert rows(by_author, "overdue") == ["By the author"]
    nonsense = editor_client.get(REVIEWS, {"author": "not-a-number"})
    assert nonsense.status_code == 200
    assert len(rows(nonsense, "overdue")) == 3


def test_the_reviews_page_stays_within_its_query_budget(editor_client, frozen, django_assert_max_num_queries):
    for number in range(8):
        reviewed_on(date(2024, 11, 1), title=f"Article {number}", topics=[TopicFactory()])
    with django_assert_max_num_queries(14):
        editor_client.get(REVIEWS)


def test_a_reviewer_named_in_a_review_cannot_be_deleted(publisher_client):
    reviewer = ReviewerFactory()
    editing.review(ArticleFactory(health=True, draft=True), [reviewer])
    publisher_client.post(reverse("admin:articles_reviewer_delete", args=[reviewer.pk]), {"post": "yes"})
    assert reviewer.__class__.objects.filter(pk=reviewer.pk).exists()


def test_the_admin_home_page_counts_the_reviews_due_and_links_the_page(editor_client, frozen):
    reviewed_on(date(2024, 11, 1), title="Overdue")
    reviewed_on(date(2026, 6, 1), title="Not due")
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert f'1 article overdue or due within 60 days: <a href="{REVIEWS}">see which</a>.' in page


def codes(answer):
    return [problem["code"] for problem in answer.json()["problems"]]


def test_the_live_panel_shows_the_review_check_from_the_saved_mark(editor_client, frozen):
    stats = reverse("admin:articles_article_editor_stats")
    article = ArticleFactory(health=True, draft=True)
    # A ticked or unticked checkbox posts the same "on": the panel must not take it for a review.
    typed = {"article": str(article.pk), "body": "Some text.", "pending_review": "on"}
    assert "no-review" in codes(editor_client.post(stats, typed))
    editing.mark_review(article, [ReviewerFactory()])
    assert "no-review" not in codes(editor_client.post(stats, typed))


def test_the_next_review_sees_what_readers_said(editor_client, frozen):
    """PIF TICK criterion 8: readers' answers reach the people who review the article."""
    from articles.models import Feedback

    article = reviewed_on(date(2024, 11, 1), title="Overdue with answers")
    reviewed_on(date(2024, 11, 1), title="Overdue, nobody answered")
    Feedback.objects.create(article=article, useful=True)
    Feedback.objects.create(article=article, useful=False, comment="<script>alert(1)</script> Too technical")
    Feedback.objects.create(article=article, useful=False)
    page = editor_client.get(REVIEWS).content.decode()
    answers_url = f"{reverse('admin:articles_feedback_changelist')}?article__id__exact={article.pk}"
    assert f'<a href="{answers_url}">1 useful, 2 not useful</a>' in page
    assert "No answers yet" in page
    form = editor_client.get(change_url(article)).content.decode()
    assert "1 found it useful, 2 did not (3 answers)." in form
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Too technical" in form
    assert "<script>alert(1)" not in form
