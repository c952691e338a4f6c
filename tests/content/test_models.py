from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles.discovery.related import related_reading
from articles.models import Article, ArticleStatus, Author, DonationLink
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


# --- What "published" means ---------------------------------------------------------------


def test_published_means_published_status_and_a_time_that_has_come():
    visible = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    assert list(Article.objects.published()) == [visible]


def test_scheduled_article_appears_exactly_at_its_time():
    moment = timezone.now() + timedelta(hours=5)
    article = ArticleFactory(published_at=moment)
    with time_machine.travel(moment - timedelta(seconds=1), tick=False):
        assert article not in Article.objects.published()
    with time_machine.travel(moment, tick=False):
        assert article in Article.objects.published()


def test_default_manager_still_sees_drafts_for_the_admin():
    ArticleFactory(draft=True)
    assert Article.objects.count() == 1


# --- Article rules -----------------------------------------------------------------------


def test_publishing_without_a_date_uses_the_moment_of_publishing():
    article = ArticleFactory.build(status=ArticleStatus.PUBLISHED, published_at=None)
    with time_machine.travel("2026-05-01 09:30Z", tick=False):
        article.full_clean()
    assert article.published_at == datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def test_database_refuses_a_published_article_without_a_date():
    article = ArticleFactory(draft=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)


def test_main_image_needs_a_description():
    article = ArticleFactory.build(hero_image=upload(image_bytes()), hero_alt="")
    # Shown beside the description box, where the editor has to type it.
    assert "Describe the main image for people who cannot see it." in errors_of(article)["hero_alt"]


def test_the_database_still_refuses_an_image_without_a_description():
    from django.db import IntegrityError

    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(hero_image="heroes/cells.png", hero_alt="")


def test_an_image_without_a_description_does_not_stop_a_draft_being_saved():
    # Publishing is what it blocks (articles/editorial/checks.py): editors never lose work.
    article = ArticleFactory.build(body="Look:\n\n![](/media/uploads/cells.png)")
    article.full_clean(validate_unique=False, validate_constraints=False)


def test_images_in_the_body_must_be_our_uploads():
    article = ArticleFactory.build(body="Look:\n\n![Cells](https://elsewhere.example/cells.png)")
    assert errors_of(article)["body"][0].startswith("Image 1 is not one of our uploads")


def test_standfirst_is_limited_to_300_characters():
    article = ArticleFactory.build(standfirst="x" * 301)
    assert "standfirst" in errors_of(article)


def test_slug_is_unique():
    ArticleFactory(slug="immune-cells")
    assert "slug" in errors_of(ArticleFactory.build(slug="immune-cells"))


def test_saving_stores_sanitised_html_and_reading_time():
    article = ArticleFactory(body="## Hello\n\n<script>alert(1)</script>" + " word" * 700)
    assert article.body_html.startswith('<h2 id="section-hello">Hello</h2>')
    assert "<script" not in article.body_html
    assert article.reading_time == 3


def test_updated_is_shown_only_when_changed_on_a_later_day():
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    assert article.was_updated
    article.published_at = timezone.now()
    assert not article.was_updated


def test_authors_keep_the_editors_order():
    first, second, third = AuthorFactory(name="Zoe"), AuthorFactory(name="Adam"), AuthorFactory(name="Mia")
    article = ArticleFactory(authors=[first, second, third])
    fetched = Article.objects.for_listing().get(pk=article.pk)
    assert fetched.ordered_authors == [first, second, third]


def test_an_author_with_articles_cannot_be_deleted():
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    with pytest.raises(ProtectedError):
        author.delete()


# --- Related reading ---------------------------------------------------------------------


def test_read_more_puts_manual_picks_first_then_newest_on_the_same_topic():
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    old_pick = ArticleFactory(published_at=timezone.now() - timedelta(days=30))
    newer_same_topic = ArticleFactory(topics=[topic], published_at=timezone.now() - timedelta(days=2))
    older_same_topic = ArticleFactory(topics=[topic], published_at=timezone.now() - timedelta(days=5))
    ArticleFactory(topics=[topic], published_at=timezone.now() - timedelta(days=9))
    article.related_articles.add(old_pick)
    assert related_reading(article) == [old_pick, newer_same_topic, older_same_topic]


def test_read_more_never_offers_unpublished_articles_or_the_article_itself():
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    draft = ArticleFactory(draft=True, topics=[topic])
    scheduled = ArticleFactory(scheduled=True, topics=[topic])
    article.related_articles.add(draft, scheduled, article)
    assert related_reading(article) == []


# --- Authors -----------------------------------------------------------------------------


def test_display_name_includes_the_honorific():
    assert AuthorFactory.build(honorific="Professor", name="Ada Lovelace").display_name == "Professor Ada Lovelace"
    assert AuthorFactory.build(honorific="", name="Ada Lovelace").display_name == "Ada Lovelace"


@pytest.mark.parametrize("orcid", ["0000-0002-1825-0097", "0000-0001-5109-3700", "0000-0002-1694-233X"])
def test_valid_orcid_ids_are_accepted(orcid):
    AuthorFactory.build(orcid=orcid).full_clean()


def test_orcid_in_the_wrong_shape_is_explained():
    assert errors_of(AuthorFactory.build(orcid="0000-0002-1825"))["orcid"][0].startswith("An ORCID iD looks like")


def test_orcid_with_a_typing_mistake_is_caught_by_its_check_digit():
    message = errors_of(AuthorFactory.build(orcid="0000-0002-1825-0098"))["orcid"][0]
    assert "typing mistake" in message


def test_author_photo_needs_a_description():
    author = AuthorFactory.build(photo=upload(image_bytes()), photo_alt="")
    assert "Describe the photo for people who cannot see it." in errors_of(author)["__all__"]


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://lab.example.org/", "lab.example"])
def test_author_website_must_be_a_web_address(website):
    assert "website" in errors_of(AuthorFactory.build(website=website))


def test_bio_is_stored_as_sanitised_html():
    author = AuthorFactory(bio="Works on **T cells**. <img src=x onerror=alert(1)>")
    assert "<strong>T cells</strong>" in author.bio_html
    assert "onerror" not in author.bio_html


def test_authors_are_public_only_once_they_have_a_published_article():
    published_author, draft_author, scheduled_author = AuthorFactory(), AuthorFactory(), AuthorFactory()
    ArticleFactory(authors=[published_author])
    ArticleFactory(authors=[draft_author], draft=True)
    ArticleFactory(authors=[scheduled_author], scheduled=True)
    assert list(Author.objects.with_published_articles()) == [published_author]


# --- Donation links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://donate.example.org/", "javascript:alert(1)", "data:text/html,hi", "//donate.example.org"]
)
def test_donation_link_must_be_https(url):
    assert "url" in errors_of(DonationLinkFactory.build(url=url))


def test_campaign_code_is_short_and_plain():
    assert "campaign" in errors_of(DonationLinkFactory.build(campaign="spring appeal!"))


def test_ticking_default_takes_over_from_the_old_default():
    old = DonationLinkFactory(is_default=True)
    new = DonationLinkFactory.build(is_default=True)
    new.full_clean()
    new.save()
    old.refresh_from_db()
    assert old.is_default is False
    assert DonationLink.objects.default() == new


def test_the_only_default_cannot_be_unticked():
    link = DonationLinkFactory(is_default=True)
    link.is_default = False
    assert errors_of(link)["is_default"][0].startswith("There must always be a site default.")


def test_the_default_must_be_active():
    link = DonationLinkFactory(is_default=True)
    link.is_active = False
    assert "is_active" in errors_of(link)


def test_database_allows_only_one_default():
    DonationLinkFactory(is_default=True)
    other = DonationLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DonationLink.objects.filter(pk=other.pk).update(is_default=True)


def test_article_uses_its_own_active_link_else_the_default():
    default = DonationLinkFactory(is_default=True)
    own = DonationLinkFactory()
    article = ArticleFactory(donation_link=own)
    assert article.donation_call() == own
    own.is_active = False
    own.save()
    article.refresh_from_db()
    assert article.donation_call() == default


def test_no_donation_call_when_nothing_applies():
    assert ArticleFactory().donation_call() is None
