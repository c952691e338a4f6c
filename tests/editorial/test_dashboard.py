"""The admin home page lists each person's work: drafts, reviews waiting, scheduled, published, sent back."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from articles.editorial import changes
from articles.models import ArticleStatus
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("admin:index")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def section(page, heading):
    """The text of one dashboard list, from its heading to the next."""
    start = page.index(f"<h3>{heading}</h3>")
    end = page.find("<h3>", start + 1)
    return page[start : end if end != -1 else page.index("</section>", start)]


def mine(user, **kwargs):
    article = ArticleFactory(draft=True, **kwargs)
    type(article).objects.filter(pk=article.pk).update(created_by=user)
    return article


def test_my_drafts_lists_only_my_drafts(editor_user, publisher_user):
    mine(editor_user, title="My own draft")
    mine(publisher_user, title="Someone else's draft")
    page = signed_in(editor_user).get(INDEX).content.decode()
    drafts = section(page, "Your drafts")
    assert "My own draft" in drafts
    assert "Someone else's draft" not in drafts


def test_waiting_for_review_is_shown_to_publishers_only(editor_user, publisher_user):
    article = mine(editor_user, title="Ready for a look")
    changes.submit(editor_user, article)
    live = ArticleFactory(title="Live with changes")
    content = changes.ArticleContent.current(live)
    content.values["title"] = "Live with changes, revised"
    changes.save_article(editor_user, live, content)
    changes.submit(editor_user, live)
    waiting = section(signed_in(publisher_user).get(INDEX).content.decode(), "Waiting for your review")
    assert "Ready for a look</a> (new article)" in waiting
    assert f'href="{reverse("admin:articles_article_changes", args=[live.pk])}"' in waiting
    assert "Waiting for your review" not in signed_in(editor_user).get(INDEX).content.decode()


def test_scheduled_lists_the_uk_time(editor_user):
    at = datetime(2099, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    ArticleFactory(title="Coming in July", published_at=at)
    scheduled = section(signed_in(editor_user).get(INDEX).content.decode(), "Scheduled")
    assert "Coming in July</a> — Wed 1 Jul 2099, 09:30 (UK time)" in scheduled


def test_recently_published_lists_live_articles(editor_user):
    ArticleFactory(title="Out now")
    ArticleFactory(title="Gone", status=ArticleStatus.UNPUBLISHED)
    ArticleFactory(title="Later", scheduled=True)
    recent = section(signed_in(editor_user).get(INDEX).content.decode(), "Recently published")
    assert "Out now" in recent
    assert "Gone" not in recent
    assert "Later" not in recent


def test_sent_back_to_me_shows_the_comment(editor_user, publisher_user):
    publisher_user.first_name = "Pat"
    publisher_user.save()
    article = mine(editor_user, title="Needs work")
    changes.submit(editor_user, article)
    changes.send_back(publisher_user, article, "Please cite the 2024 trial.")
    sent_back = section(signed_in(editor_user).get(INDEX).content.decode(), "Sent back to you with comments")
    assert "Needs work</a> — Pat: “Please cite the 2024 trial.”" in sent_back


def test_resubmitting_clears_the_sent_back_note(editor_user, publisher_user):
    article = mine(editor_user, title="Needs work")
    changes.submit(editor_user, article)
    changes.send_back(publisher_user, article, "Please cite the 2024 trial.")
    changes.submit(editor_user, article)
    assert "Sent back to you" not in signed_in(editor_user).get(INDEX).content.decode()


def test_the_dashboard_escapes_titles_and_comments(editor_user, publisher_user):
    article = mine(editor_user, title="<script>alert(1)</script>")
    changes.submit(editor_user, article)
    changes.send_back(publisher_user, article, "<img src=x onerror=alert(2)>")
    page = signed_in(editor_user).get(INDEX).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror=alert(2)>" not in page


def test_the_dashboard_keeps_a_fixed_number_of_queries(editor_user, django_assert_max_num_queries):
    for n in range(12):
        mine(editor_user, title=f"Draft {n}")
    client = signed_in(editor_user)
    client.get(INDEX)
    with django_assert_max_num_queries(20):
        client.get(INDEX)


def test_an_old_scheduled_time_moves_to_recently_published(editor_user):
    ArticleFactory(title="Went live", published_at=datetime.now(ZoneInfo("UTC")) - timedelta(minutes=1))
    page = signed_in(editor_user).get(INDEX).content.decode()
    assert "Went live" in section(page, "Recently published")
    assert "Went live" not in section(page, "Scheduled")
