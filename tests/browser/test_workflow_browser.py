"""The editorial workflow in a real browser: conflicts, scheduling and restoring a revision."""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus
from tests.browser.page_problems import axe_report
from tests.browser.workflow_helpers import logged_in_page, named_staff
from tests.factories import ArticleFactory

# serialized_rollback: every browser test starts from the migrated database (groups, content types),
# whatever ran before it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def change_url(live_server, article):
    return live_server.url + reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def article():
    with reversion.create_revision():
        return ArticleFactory(title="Shared title", body="Shared body.")


@pytest.fixture
def bob_after_alice_saved(new_context, live_server, django_user_model, article):
    """Alice and Bob open the same article; Alice saves a new title; Bob rewrites the body and saves."""

    def collide(bobs_body):
        alice = logged_in_page(new_context, named_staff(django_user_model, "alice", "Editors"))
        bob = logged_in_page(new_context, named_staff(django_user_model, "bob", "Editors"))
        alice.goto(change_url(live_server, article))
        bob.goto(change_url(live_server, article))
        alice.fill("#id_title", "Title from Alice")
        alice.click("input[name=_continue]")
        alice.wait_for_selector(".messagelist .success")
        bob.fill("#id_body", bobs_body)
        bob.click("input[name=_continue]")
        bob.wait_for_selector(".errorlist.nonfield")
        return bob

    return collide


def test_second_of_two_editors_sees_the_conflict_and_keeps_the_typed_text(bob_after_alice_saved, article):
    bob = bob_after_alice_saved("Bob's careful rewrite of the body.")
    conflict = bob.locator(".errorlist.nonfield").inner_text()

    assert "Alice saved this article at" in conflict
    assert bob.input_value("#id_body") == "Bob's careful rewrite of the body."
    article.refresh_from_db()
    assert (article.title, article.body) == ("Title from Alice", "Shared body.")


def test_saving_again_after_reviewing_the_conflict_keeps_both_changes_in_the_history(bob_after_alice_saved, article):
    from reversion.models import Version

    bob = bob_after_alice_saved("Bob's body.")
    bob.click("input[name=_continue]")
    bob.wait_for_selector(".messagelist .success")

    titles = {v.field_dict["title"] for v in Version.objects.get_for_object(article)}
    assert "Title from Alice" in titles
    article.refresh_from_db()
    assert article.body == "Bob's body."


def test_publisher_schedules_an_article(new_context, live_server, django_user_model):
    draft = ArticleFactory(draft=True, title="To go out next week")
    page = logged_in_page(new_context, named_staff(django_user_model, "petra", "Publishers"))
    when = timezone.localtime(timezone.now() + timedelta(days=7)).replace(hour=9, minute=30, second=0, microsecond=0)

    page.goto(change_url(live_server, draft))
    page.select_option("#id_status", ArticleStatus.PUBLISHED)
    page.fill("#id_published_at_0", f"{when:%Y-%m-%d}")
    page.fill("#id_published_at_1", f"{when:%H:%M}")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (ArticleStatus.PUBLISHED, when)
    assert f"Scheduled for {when:%d %b %Y %H:%M}" in page.locator("#result_list").inner_text()
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_editor_is_not_offered_publishing_in_the_status_menu(new_context, live_server, django_user_model):
    draft = ArticleFactory(draft=True)
    page = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))
    page.goto(change_url(live_server, draft))
    options = page.locator("#id_status option").evaluate_all("options => options.map(o => o.value)")
    assert options == [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW]


def test_editor_restores_an_earlier_revision(new_context, live_server, django_user_model, article):
    page = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))
    page.goto(change_url(live_server, article))
    page.fill("#id_title", "A worse title")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    page.goto(live_server.url + reverse("admin:articles_article_history", args=[article.pk]))
    page.locator("#change-history tbody tr").first.locator("th a").click()
    page.locator("input[name=_save]").first.click()
    page.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    assert article.title == "Shared title"


def test_staff_preview_with_its_banner_passes_axe(new_context, live_server, django_user_model):
    draft = ArticleFactory(draft=True)
    page = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))
    page.goto(live_server.url + draft.get_absolute_url())
    assert axe_report(page) == ""


def test_withdrawn_article_page_passes_axe(new_context, live_server):
    article = ArticleFactory(status=ArticleStatus.UNPUBLISHED)
    page = new_context().new_page()
    page.goto(live_server.url + article.get_absolute_url())
    assert axe_report(page) == ""
