"""Health-information reviews are recorded by the write path alone, when a reviewed version is published."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.editorial.review import NEVER_REVIEWED, NO_REVIEWERS, review_problem, review_warning
from articles.models import Article, ReviewRecord
from tests import editing
from tests.factories import ArticleFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
# 10:00 in London on 4 December 2026 (GMT).
DEC_4 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(DEC_4, tick=False) as traveller:
        yield traveller


@pytest.fixture
def reviewer():
    return ReviewerFactory(name="Dr Priya Shah")


def fresh(article):
    return Article.objects.get(pk=article.pk)


def test_publishing_a_reviewed_draft_records_the_review_and_the_default_next_date(frozen, reviewer):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer], "First published")
    article = fresh(article)
    assert article.last_reviewed == date(2026, 12, 4)
    assert article.next_review_due == date(2028, 12, 3)  # two years (730 days) unless set
    record = article.review_records.get()
    assert (record.reviewed_on, record.note, list(record.reviewers.all())) == (
        date(2026, 12, 4),
        "First published",
        [reviewer],
    )


def test_the_cycle_follows_the_setting(frozen, reviewer, settings):
    settings.HEALTH_REVIEW_CYCLE_DAYS = 365
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer])
    assert fresh(article).next_review_due == date(2027, 12, 4)


def test_a_chosen_next_review_date_is_kept(frozen, reviewer):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer], next_due=date(2027, 6, 1))
    assert fresh(article).next_review_due == date(2027, 6, 1)


def test_a_next_review_date_not_after_the_review_is_refused(frozen, reviewer):
    article = editing.mark_review(ArticleFactory(health=True, draft=True), [reviewer], next_due=date(2026, 12, 4))
    with pytest.raises(changes.Refused, match="next review must come after"):
        changes.publish(None, article)
    assert fresh(article).status == "draft"
    assert not ReviewRecord.objects.exists()


def test_the_review_is_dated_with_the_uk_day_of_publication():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    article = editing.mark_review(ArticleFactory(health=True, draft=True), [ReviewerFactory()])
    with time_machine.travel(datetime(2027, 6, 30, 23, 30, tzinfo=UTC), tick=False):
        changes.publish(None, article)
    assert fresh(article).last_reviewed == date(2027, 7, 1)


def test_the_mark_is_cleared_once_recorded(frozen, reviewer):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer], "First published")
    content = ArticleContent.of_article(fresh(article))
    assert content.values["pending_review"] is False
    assert content.values["pending_reviewers"] == []
    assert content.values["pending_review_note"] == ""


def test_a_typo_correction_published_later_is_not_a_review(frozen, reviewer):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer], "First published")
    frozen.shift(timedelta(days=40))
    editing.edit(fresh(article), standfirst="How immune cells can help breast cancer spread (corrected).")
    article = fresh(article)
    assert article.standfirst.endswith("(corrected).")
    assert article.last_reviewed == date(2026, 12, 4)
    assert article.review_records.count() == 1


def test_a_working_copy_carries_the_review_until_its_changes_are_published(frozen, reviewer):
    article = ArticleFactory(health=True)
    editing.review(article, [reviewer], "First review")
    frozen.shift(timedelta(days=100))
    changed = ArticleContent.current(fresh(article))
    changed.values["body"] = "New **trial** results."
    article = changes.save_article(None, fresh(article), changed)
    article = editing.mark_review(fresh(article), [reviewer], "New trial results added")
    live = fresh(article)
    assert live.working_copy.content["pending_review"] is True
    assert live.working_copy.content["pending_review_note"] == "New trial results added"
    assert live.last_reviewed == date(2026, 12, 4)  # nothing recorded while the changes wait
    changes.publish_changes(None, live)
    article = fresh(article)
    assert article.last_reviewed == date(2027, 3, 14)
    assert [record.note for record in article.review_records.all()] == ["New trial results added", "First review"]


def test_discarded_changes_take_their_review_with_them(frozen, reviewer):
    article = ArticleFactory(health=True)
    article = editing.mark_review(article, [reviewer], "Checked")
    changes.discard_changes(None, fresh(article))
    assert fresh(article).last_reviewed is None
    assert not ReviewRecord.objects.exists()


def test_scheduling_dates_the_review_with_the_scheduled_day(frozen, reviewer):
    article = editing.mark_review(ArticleFactory(health=True, draft=True), [reviewer])
    changes.schedule(None, article, DEC_4 + timedelta(days=10))
    assert fresh(article).last_reviewed == date(2026, 12, 14)


def test_a_scheduled_review_moves_when_the_article_is_published_at_once(frozen, reviewer):
    article = editing.mark_review(ArticleFactory(health=True, draft=True), [reviewer])
    changes.schedule(None, article, DEC_4 + timedelta(days=10))
    changes.publish(None, fresh(article))
    article = fresh(article)
    assert article.last_reviewed == date(2026, 12, 4)
    assert article.review_records.get().reviewed_on == date(2026, 12, 4)
    assert article.next_review_due == date(2028, 12, 3)


def test_restoring_an_old_version_does_not_change_the_review_dates(frozen, reviewer):
    from reversion.models import Version

    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer])
    first = Version.objects.get_for_object(fresh(article)).order_by("pk").first()
    changes.revert_article(None, fresh(article), first)
    assert fresh(article).last_reviewed == date(2026, 12, 4)


def test_health_information_never_reviewed_may_not_be_published(frozen, reviewer):
    article = ArticleFactory(health=True, draft=True)
    assert review_problem(article) == NEVER_REVIEWED
    marked = editing.mark_review(article, [reviewer])
    assert review_problem(fresh(marked)) is None
    content = ArticleContent.current(fresh(marked))
    content.values["pending_reviewers"] = []
    assert review_problem(fresh(marked), content) == NO_REVIEWERS


def test_pages_without_health_information_need_no_review():
    article = ArticleFactory(health=True, draft=True)
    editing.edit(article, gives_health_information=False)
    assert review_problem(fresh(article)) is None


def test_a_reviewed_article_may_publish_corrections_and_hears_when_overdue(frozen, reviewer):
    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer])
    assert review_problem(fresh(article)) is None
    assert review_warning(fresh(article)) is None
    assert (
        review_warning(fresh(article), today=date(2029, 1, 1))
        == "The review of this article was due on 3 December 2028."
    )


# --- The check before publishing (articles/editorial/checks.py) ------------------------------------


@pytest.mark.parametrize(
    "step",
    [
        lambda article: changes.publish(None, article),
        lambda article: changes.submit(None, article),
        lambda article: changes.schedule(None, article, DEC_4 + timedelta(days=3)),
    ],
    ids=["publish", "submit", "schedule"],
)
def test_health_information_never_reviewed_is_blocked_by_the_checks(frozen, step):
    article = ArticleFactory(health=True, draft=True)
    with pytest.raises(changes.ChecksFailed) as failed:
        step(article)
    assert [problem.code for problem in failed.value.problems] == ["no-review"]
    assert fresh(article).status == "draft"


def test_changes_to_a_live_article_never_reviewed_are_blocked_until_reviewed(frozen, reviewer):
    article = ArticleFactory(health=True)
    content = ArticleContent.current(article)
    content.values["body"] = "Corrected text."
    article = changes.save_article(None, article, content)
    with pytest.raises(changes.ChecksFailed):
        changes.publish_changes(None, fresh(article))
    editing.mark_review(fresh(article), [reviewer], "Checked by a surgeon")
    changes.publish_changes(None, fresh(article))
    assert fresh(article).body == "Corrected text."


def test_an_overdue_review_warns_but_does_not_block_a_correction(frozen, reviewer):
    from articles.editorial import checks

    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer])
    frozen.shift(timedelta(days=800))
    content = ArticleContent.current(fresh(article))
    content.values["standfirst"] = "A corrected standfirst."
    article = changes.save_article(None, fresh(article), content)
    found = checks.of_article(fresh(article))
    assert checks.errors_in(found) == []
    assert ("warning", "review-overdue") in [(problem.level, problem.code) for problem in found]
    changes.publish_changes(None, fresh(article))
    assert fresh(article).standfirst == "A corrected standfirst."


def test_the_publish_page_says_why_a_health_article_cannot_be_published(publisher_client):
    from django.urls import reverse

    article = ArticleFactory(health=True, draft=True)
    page = publisher_client.get(reverse("admin:articles_article_publish", args=[article.pk])).content.decode()
    assert "has never been reviewed" in page


def test_the_publish_page_says_publishing_records_the_marked_review(frozen, reviewer, publisher_client):
    from django.urls import reverse

    article = ArticleFactory(health=True, draft=True)
    editing.mark_review(article, [reviewer, ReviewerFactory(name="Amy Clarke")])
    page = publisher_client.get(reverse("admin:articles_article_publish", args=[article.pk])).content.decode()
    assert (
        "This version is marked as a review: publishing it records a review by Amy Clarke, Dr Priya Shah, "
        "dated 4 December 2026, with the next review due 3 December 2028."
    ) in page
    assert not ReviewRecord.objects.exists()  # asked, not yet recorded


def test_the_changes_page_says_publishing_them_records_the_marked_review(frozen, reviewer, publisher_client):
    from django.urls import reverse

    article = editing.review(ArticleFactory(health=True, draft=True), [reviewer])
    editing.mark_review(article, [reviewer], next_due=date(2027, 6, 1))
    page = publisher_client.get(reverse("admin:articles_article_changes", args=[article.pk])).content.decode()
    assert "publishing it records a review by Dr Priya Shah, dated 4 December 2026" in page
    assert "with the next review due 1 June 2027." in page


def test_the_publish_page_says_nothing_of_a_review_when_none_is_marked(publisher_client):
    from django.urls import reverse

    article = ArticleFactory(draft=True)
    page = publisher_client.get(reverse("admin:articles_article_publish", args=[article.pk])).content.decode()
    assert "marked as a review" not in page


def test_the_audit_log_says_a_review_was_recorded(frozen, reviewer):
    from articles.models import AuditAction, AuditEntry

    article = ArticleFactory(health=True, draft=True)
    editing.review(article, [reviewer], "First published")
    entry = AuditEntry.objects.get(action=AuditAction.PUBLISH, object_id=str(article.pk))
    assert entry.detail == "Review recorded for 4 December 2026 by Dr Priya Shah: First published"


def test_the_demo_articles_are_reviewed_once_however_often_the_demo_is_loaded():
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    published = Article.objects.published()
    assert published.exists()
    for article in published:
        record = article.review_records.get()
        assert record.reviewed_on == article.published_at.astimezone(UK).date()
        assert record.reviewers.exists()
    lead = published.get(slug="immune-cells-that-help-breast-cancer-spread")
    assert sorted(reviewer.name for reviewer in lead.review_records.get().reviewers.all()) == [
        "Dr Helen Marsh",
        "Dr Sarah Lindqvist",
    ]
