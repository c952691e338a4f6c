"""What a newcomer sees after ``make run``: the demo site shows every feature, and loading it again adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.content import demo as demo_content
from articles.editorial import checks
from articles.models import (
    Article,
    AuditEntry,
    Author,
    Feedback,
    Reference,
    Reviewer,
    ReviewRecord,
    Topic,
    WorkingCopy,
    WorkingCopyStatus,
)

pytestmark = pytest.mark.django_db

LEAD = "immune-cells-that-help-breast-cancer-spread"
OVERDUE = "noticing-changes-in-your-breasts"


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0, stdout=None)


def test_at_least_eight_articles_across_four_topics_each_with_sources_and_a_review(demo):
    published = Article.objects.published()
    assert published.count() >= 8
    assert Topic.objects.filter(articles__in=published).distinct().count() >= 4
    for article in published:
        assert article.references.exists(), article.slug
        assert article.review_records.exists(), article.slug
        page = Client().get(article.get_absolute_url()).content.decode()
        assert "Sources" in page, article.slug
        assert 'class="citation"' in page, article.slug


def test_the_coffelt_piece_is_the_featured_article_on_the_home_page(demo, client):
    lead = Article.objects.get(slug=LEAD)
    assert list(Article.objects.published().filter(featured=True)) == [lead]
    page = client.get(reverse("articles:home")).content.decode()
    featured = page.split('class="featured__title"')[1].split("</h3>")[0]
    assert f'href="{lead.get_absolute_url()}"' in featured


def test_no_published_demo_article_fails_a_publish_check(demo):
    for article in Article.objects.published():
        problems = checks.of_article(article)
        assert checks.errors_in(problems) == [], article.slug
        # Only the article kept overdue on purpose has a warning.
        expected = ["review-overdue"] if article.slug == OVERDUE else []
        assert [problem.code for problem in checks.warnings_in(problems)] == expected, article.slug


def test_one_article_is_overdue_for_review_on_the_reviews_page(demo, publisher_client):
    overdue = Article.objects.get(slug=OVERDUE)
    assert overdue.last_reviewed < timezone.localdate() - timezone.timedelta(days=730)
    assert overdue.next_review_due < timezone.localdate()
    page = publisher_client.get(reverse("admin:articles_article_reviews")).content.decode()
    assert "Overdue (1)" in page
    assert overdue.title in page


def test_an_edit_of_a_live_article_waits_for_approval_while_readers_keep_the_live_text(demo, publisher_client):
    copy = WorkingCopy.objects.get()
    article = copy.article
    assert article.slug == demo_content.WORKING_COPY["slug"]
    assert copy.status == WorkingCopyStatus.IN_REVIEW
    admin_page = publisher_client.get(reverse("admin:articles_article_changes", args=[article.pk])).content.decode()
    assert "waiting for review" in admin_page
    dashboard = publisher_client.get(reverse("admin:index")).content.decode()
    assert "(changes to a live article)" in dashboard
    reader_page = Client().get(article.get_absolute_url()).content.decode()
    assert "First results" not in reader_page
    assert "Making treatment side effects easier to live with" in reader_page


def test_the_scheduled_article_is_hidden_from_readers_until_its_date(demo, client):
    scheduled = Article.objects.get(slug=demo_content.SCHEDULED_ARTICLE["slug"])
    assert scheduled.is_scheduled
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert scheduled.title not in client.get(reverse("articles:home")).content.decode()
    assert scheduled.title not in client.get(reverse("articles:article_list")).content.decode()


def test_authors_have_generated_portraits_with_renditions_and_credentials(demo, client, media_root):
    for author in Author.objects.all():
        assert author.photo and author.photo_alt.startswith("Placeholder portrait"), author.slug
        assert author.photo_width == author.photo_height == 480
        assert any((media_root / "renditions" / author.photo.name).iterdir()), author.slug
        assert author.role and author.affiliation
    page = client.get(reverse("articles:author_detail", args=["amara-okafor"])).content.decode()
    assert 'alt="Placeholder portrait: the initials AO on a coloured circle"' in page
    assert "Genetic Epidemiologist" in page


def test_reviewers_have_credentials_shown_with_the_articles_they_checked(demo, client):
    assert Reviewer.objects.count() == len(demo_content.REVIEWERS)
    assert all(reviewer.credentials for reviewer in Reviewer.objects.all())
    page = client.get(Article.objects.get(slug=LEAD).get_absolute_url()).content.decode()
    assert "Dr Sarah Lindqvist" in page
    assert "Consultant Medical Oncologist" in page


def test_readers_feedback_is_there_to_read(demo, publisher_client):
    expected = sum(len(answers) for answers in demo_content.FEEDBACK.values())
    assert Feedback.objects.count() == expected
    assert Feedback.objects.filter(useful=False).exclude(comment="").exists()
    assert Feedback.objects.filter(created_at__lt=timezone.now() - timezone.timedelta(days=1)).exists()
    listing = publisher_client.get(reverse("admin:articles_feedback_changelist")).content.decode()
    assert "I would have liked to know when this might help patients." in listing


def test_loading_the_demo_again_changes_nothing_a_newcomer_would_count(demo):
    def counts():
        copy = WorkingCopy.objects.get()
        return {
            "articles": Article.objects.count(),
            "authors": Author.objects.count(),
            "reviewers": Reviewer.objects.count(),
            "topics": Topic.objects.count(),
            "reviews": ReviewRecord.objects.count(),
            "sources": sorted(Reference.objects.values_list("pk", flat=True)),
            "feedback": Feedback.objects.count(),
            "working copy": (copy.pk, copy.edit_version, copy.status),
            "scheduled for": Article.objects.get(slug=demo_content.SCHEDULED_ARTICLE["slug"]).published_at,
            "portraits": sorted(Author.objects.values_list("photo", flat=True)),
            "audit entries": AuditEntry.objects.count(),
        }

    before = counts()
    call_command("seed_demo", verbosity=0, stdout=None)
    assert counts() == before


def test_generated_articles_would_pass_the_publish_checks(demo):
    call_command("seed_demo", "--articles", "4", verbosity=0, stdout=None)
    generated = Article.objects.filter(slug__startswith="generated-")
    assert generated.count() == 4
    for article in generated:
        assert checks.errors_in(checks.of_article(article)) == [], article.slug
