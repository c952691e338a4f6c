"""The editorial workflow in a real browser: working copies, review, conflicts, scheduling, restoring.

Every page the workflow adds is also loaded here with the strict CSP in force, to show it
runs no inline script or style and logs no error.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import Article, ArticleStatus
from tests.browser.page_problems import PageProblems, axe_report
from tests.browser.workflow_helpers import logged_in_page, named_staff
from tests.factories import ArticleFactory

# serialized_rollback: every browser test starts from the migrated database (groups, content types),
# whatever ran before it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def edited(article, actor=None, **values):
    content = ArticleContent.current(article)
    content.values.update(values)
    return changes.save_article(actor, article, content)


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="Shared title", body="Shared body.")


def test_an_editors_change_to_a_live_article_waits_for_a_publisher(new_context, django_user_model):
    live = ArticleFactory(title="Live title", slug="live-piece", body="The live text.")
    reader = new_context().new_page()
    editor = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))

    editor.goto(change_url(live))
    editor.fill("#id_body", "Corrected text, not yet checked.")
    editor.get_by_role("button", name="Save and submit changes for review").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("submitted for review")

    reader.goto(live.get_absolute_url())
    expect(reader.locator(".article__body")).to_contain_text("The live text.")
    expect(reader.locator("body")).not_to_contain_text("Corrected text")

    publisher = logged_in_page(new_context, named_staff(django_user_model, "petra", "Publishers"))
    publisher.get_by_role("link", name="Live title").first.click()  # from "Waiting for your review"
    expect(publisher.get_by_role("heading", level=1)).to_contain_text("Unpublished changes to “Live title”")
    publisher.get_by_role("button", name="Publish these changes now").click()
    expect(publisher.locator(".messagelist .success")).to_contain_text("Changes are live now")

    reader.reload()
    expect(reader.locator(".article__body")).to_contain_text("Corrected text, not yet checked.")


def bob_with_the_draft_open_after_alice_saved_a_title(new_context, django_user_model, draft):
    alice = logged_in_page(new_context, named_staff(django_user_model, "alice", "Editors"))
    bob = logged_in_page(new_context, named_staff(django_user_model, "bob", "Editors"))
    alice.goto(change_url(draft))
    bob.goto(change_url(draft))
    alice.fill("#id_title", "Title from Alice")
    alice.get_by_role("button", name="Save draft").click()
    expect(alice.locator(".messagelist .success")).to_be_visible()
    return bob


def test_a_conflict_keeps_the_colleagues_field_and_the_typed_text(new_context, django_user_model, draft):
    bob = bob_with_the_draft_open_after_alice_saved_a_title(new_context, django_user_model, draft)
    bob.fill("#id_title", "Title from Bob")
    bob.fill("#id_body", "Bob's careful rewrite.")
    bob.get_by_role("button", name="Save draft").click()
    expect(bob.locator(".errorlist.nonfield")).to_contain_text("changed the same field as you")
    expect(bob.locator(".errorlist.nonfield")).to_contain_text("Title from Alice")
    assert bob.input_value("#id_title") == "Title from Bob"
    assert bob.input_value("#id_body") == "Bob's careful rewrite."
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Title from Alice", "Shared body.")


def test_different_fields_of_two_editors_are_both_kept(new_context, django_user_model, draft):
    bob = bob_with_the_draft_open_after_alice_saved_a_title(new_context, django_user_model, draft)
    bob.fill("#id_body", "Body from Bob.")
    bob.get_by_role("button", name="Save draft").click()
    expect(bob.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Title from Alice", "Body from Bob.")


def test_publisher_schedules_an_article_in_uk_time(new_context, django_user_model, draft):
    page = logged_in_page(new_context, named_staff(django_user_model, "petra", "Publishers"))
    when = timezone.localtime(timezone.now() + timedelta(days=7)).replace(hour=9, minute=30, second=0, microsecond=0)

    page.goto(change_url(draft))
    page.get_by_role("button", name="Save and schedule…").click()
    page.fill("#id_date", f"{when:%Y-%m-%d}")
    page.fill("#id_time", f"{when:%H:%M}")
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Scheduled for")

    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (ArticleStatus.PUBLISHED, when)
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_editor_is_offered_no_publishing_button(new_context, django_user_model, draft):
    page = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))
    page.goto(change_url(draft))
    labels = page.locator(".workflow-buttons button").all_inner_texts()
    assert labels == ["Save draft", "Save and submit for review"]


def test_editor_restores_an_earlier_revision(new_context, django_user_model, draft):
    page = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))
    page.goto(change_url(draft))
    page.fill("#id_title", "A worse title")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(reverse("admin:articles_article_history", args=[draft.pk]))
    page.locator("#change-history tbody tr").first.locator("th a").click()  # the oldest first
    page.get_by_role("button", name="Restore this version").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Restored the version of")
    draft.refresh_from_db()
    assert draft.title == "Shared title"


def test_the_new_admin_pages_load_without_console_or_csp_errors(new_context, django_user_model):
    publisher_user = named_staff(django_user_model, "petra", "Publishers")
    editor_user = named_staff(django_user_model, "eddie", "Editors")
    page = logged_in_page(new_context, publisher_user)
    problems = PageProblems(page)
    draft = ArticleFactory(draft=True, title="Waiting draft")
    changes.submit(editor_user, draft)
    live = ArticleFactory(title="Live piece")
    edited(live, editor_user, title="Live piece, revised")
    binned = ArticleFactory(draft=True, title="Binned piece")
    changes.move_to_bin(editor_user, binned)
    changes.publish(publisher_user, ArticleFactory(draft=True))  # one audit entry at least
    urls = [
        reverse("admin:index"),
        reverse("admin:articles_article_changes", args=[live.pk]),
        reverse("admin:articles_article_publish", args=[draft.pk]),
        reverse("admin:articles_article_schedule", args=[draft.pk]),
        reverse("admin:articles_article_send_back", args=[draft.pk]),
        reverse("admin:articles_article_unpublish", args=[live.pk]),
        reverse("admin:articles_article_delete", args=[draft.pk]),
        reverse("admin:articles_article_preview", args=[live.pk]),
        reverse("admin:articles_binnedarticle_changelist"),
        reverse("admin:articles_auditentry_changelist"),
        reverse("admin:articles_article_history", args=[draft.pk]),
        change_url(live),
    ]
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    found = {
        "violations": problems.csp_violations,
        "console errors": problems.console_errors,
        "failed requests": problems.failed_requests,
    }
    assert found == {"violations": [], "console errors": [], "failed requests": []}


def test_staff_preview_with_its_banner_passes_axe(new_context, django_user_model):
    draft = ArticleFactory(draft=True)
    page = logged_in_page(new_context, named_staff(django_user_model, "eddie", "Editors"))
    page.goto(draft.get_absolute_url())
    assert axe_report(page) == ""


def test_withdrawn_article_page_passes_axe(new_context):
    article = changes.unpublish(None, ArticleFactory())
    page = new_context().new_page()
    page.goto(article.get_absolute_url())
    assert axe_report(page) == ""
