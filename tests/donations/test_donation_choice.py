"""Which donation call an article shows: own link, first topic's link, site default; dates respected."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article, DonationLink
from tests.factories import ArticleFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def default_link():
    return DonationLinkFactory(name="Default appeal", is_default=True)


def dated_link(name, starts_in_days=None, ends_in_days=None):
    return DonationLinkFactory(
        name=name,
        starts_at=NOW + timedelta(days=starts_in_days) if starts_in_days is not None else None,
        ends_at=NOW + timedelta(days=ends_in_days) if ends_in_days is not None else None,
    )


def call_for(article):
    """The call as the detail view computes it, from a freshly loaded article."""
    return Article.objects.get(pk=article.pk).donation_call()


@time_machine.travel(NOW, tick=False)
def test_article_shows_its_own_active_link(default_link):
    own = DonationLinkFactory(name="Own appeal")
    article = ArticleFactory(donation_link=own, topics=[TopicFactory(donation_link=DonationLinkFactory())])
    assert call_for(article) == own


@time_machine.travel(NOW, tick=False)
def test_inactive_own_link_falls_back_to_topic_link(default_link):
    topic_link = DonationLinkFactory(name="Topic appeal")
    article = ArticleFactory(
        donation_link=DonationLinkFactory(is_active=False), topics=[TopicFactory(donation_link=topic_link)]
    )
    assert call_for(article) == topic_link


@time_machine.travel(NOW, tick=False)
def test_own_link_before_its_start_is_not_shown(default_link):
    article = ArticleFactory(donation_link=dated_link("Not yet", starts_in_days=1))
    assert call_for(article) == default_link


@time_machine.travel(NOW, tick=False)
def test_own_link_after_its_end_is_not_shown(default_link):
    article = ArticleFactory(donation_link=dated_link("Over", ends_in_days=-1))
    assert call_for(article) == default_link


@time_machine.travel(NOW, tick=False)
def test_own_link_within_its_dates_is_shown(default_link):
    running = dated_link("Running", starts_in_days=-1, ends_in_days=1)
    assert call_for(ArticleFactory(donation_link=running)) == running


@time_machine.travel(NOW, tick=False)
def test_campaign_ends_exactly_at_its_end_moment(default_link):
    ending = dated_link("Ends now", ends_in_days=0)
    assert call_for(ArticleFactory(donation_link=ending)) == default_link


def test_campaign_dates_are_checked_when_the_page_is_requested(default_link):
    running = dated_link("Ten days", starts_in_days=0, ends_in_days=10)
    article = ArticleFactory(donation_link=running)
    with time_machine.travel(NOW + timedelta(days=5), tick=False):
        assert call_for(article) == running
    with time_machine.travel(NOW + timedelta(days=11), tick=False):
        assert call_for(article) == default_link


@time_machine.travel(NOW, tick=False)
def test_first_topic_in_listed_order_gives_the_call(default_link):
    alpha = DonationLinkFactory(name="Alpha appeal")
    article = ArticleFactory(
        topics=[
            TopicFactory(name="Zoology", donation_link=DonationLinkFactory(name="Zed appeal")),
            TopicFactory(name="Anatomy", donation_link=alpha),
        ]
    )
    assert call_for(article) == alpha


@time_machine.travel(NOW, tick=False)
def test_topic_whose_campaign_is_over_is_passed_over(default_link):
    later_topic_link = DonationLinkFactory(name="Running appeal")
    article = ArticleFactory(
        topics=[
            TopicFactory(name="Anatomy", donation_link=dated_link("Over", ends_in_days=-3)),
            TopicFactory(name="Biology", donation_link=later_topic_link),
        ]
    )
    assert call_for(article) == later_topic_link


@time_machine.travel(NOW, tick=False)
def test_no_own_or_topic_link_gives_the_site_default(default_link):
    article = ArticleFactory(topics=[TopicFactory()])
    assert call_for(article) == default_link


@time_machine.travel(NOW, tick=False)
def test_site_default_is_shown_even_outside_dates_it_should_not_have():
    # Dates on the default are refused by validation; a row dated anyway still keeps pages' call.
    default = DonationLinkFactory(is_default=True, ends_at=NOW - timedelta(days=1))
    assert call_for(ArticleFactory()) == default


@time_machine.travel(NOW, tick=False)
def test_article_page_without_any_call_has_no_donation_box(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert 'class="donation-box"' not in html


@time_machine.travel(NOW, tick=False)
def test_article_page_button_goes_through_the_click_counter(client, default_link):
    article = ArticleFactory(slug="neutrophils")
    html = client.get(article.get_absolute_url()).content.decode()
    expected = reverse("articles:donate", args=[default_link.pk]) + "?from=neutrophils"
    assert f'href="{expected}"' in html


@time_machine.travel(NOW, tick=False)
def test_article_page_shows_the_topic_campaign(client, default_link):
    DonationLinkFactory(call_to_action="Stop the spread of secondary breast cancer")
    topic = TopicFactory(donation_link=DonationLink.objects.get(call_to_action__startswith="Stop"))
    html = client.get(ArticleFactory(topics=[topic]).get_absolute_url()).content.decode()
    assert "Stop the spread of secondary breast cancer" in html


@time_machine.travel(NOW, tick=False)
def test_home_page_button_names_no_article(client, default_link):
    ArticleFactory()
    html = client.get(reverse("articles:home")).content.decode()
    assert f'href="{reverse("articles:donate", args=[default_link.pk])}"' in html


@time_machine.travel(NOW, tick=False)
def test_article_page_queries_do_not_grow_with_topics(client, django_assert_max_num_queries, default_link):
    topics = [TopicFactory(donation_link=dated_link(f"Over {n}", ends_in_days=-1)) for n in range(6)]
    article = ArticleFactory(topics=topics)
    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def test_campaign_that_ends_before_it_starts_is_refused():
    link = DonationLinkFactory.build(starts_at=NOW, ends_at=NOW - timedelta(hours=1))
    with pytest.raises(ValidationError, match="The campaign must end after it starts."):
        link.full_clean()


@pytest.mark.parametrize(
    ("is_active", "starts_in_days", "ends_in_days"),
    [(True, None, None), (False, None, None), (True, -1, 1), (True, 1, None), (True, None, -1), (True, 0, None)],
)
def test_loaded_link_and_database_agree_on_what_is_running(is_active, starts_in_days, ends_in_days):
    link = dated_link("Check", starts_in_days, ends_in_days)
    link.is_active = is_active
    link.save()
    in_database = DonationLink.objects.active(at=NOW).filter(pk=link.pk).exists()
    assert link.is_live(at=NOW) is in_database
