"""Scheduled articles and donation campaigns change cached pages at their time, with no cron."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from tests.caching.helpers import reader, served_from_cache
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GOES_LIVE = NOW + timedelta(hours=3)


@pytest.fixture
def clock(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.PAGE_CACHE_SECONDS = 24 * 3600  # so that only the schedule can end an entry early
    return time_machine


@pytest.fixture
def topic(clock):
    DonationLinkFactory(is_default=True, call_to_action="Fund the next discovery")
    topic = TopicFactory(name="Immunology")
    author = AuthorFactory(name="Morag Quinn")
    ArticleFactory(title="Dormant cells wake slowly", topics=[topic], authors=[author])
    ArticleFactory(title="Tumour clocks", topics=[topic], authors=[author], published_at=GOES_LIVE)
    return topic


def pages(topic):
    return [reverse("articles:home"), reverse("articles:article_list"), topic.get_absolute_url()]


def test_a_scheduled_article_appears_on_the_cached_pages_at_its_time(topic, clock):
    browser = reader()
    for url in pages(topic):
        assert "Tumour clocks" not in browser.get(url).content.decode()
    clock.move_to(GOES_LIVE - timedelta(seconds=1), tick=False)
    for url in pages(topic):
        assert served_from_cache(browser, url), url
        assert "Tumour clocks" not in browser.get(url).content.decode()
    clock.move_to(GOES_LIVE, tick=False)
    for url in pages(topic):
        assert "Tumour clocks" in browser.get(url).content.decode(), url


def test_its_related_reading_and_researcher_show_it_at_its_time_too(topic, clock):
    browser = reader()
    older = topic.articles.get(title="Dormant cells wake slowly")
    author_page = older.ordered_authors[0].get_absolute_url()
    assert "Tumour clocks" not in browser.get(older.get_absolute_url()).content.decode()
    assert "Tumour clocks" not in browser.get(author_page).content.decode()
    clock.move_to(GOES_LIVE + timedelta(seconds=1), tick=False)
    assert "Tumour clocks" in browser.get(older.get_absolute_url()).content.decode()
    assert "Tumour clocks" in browser.get(author_page).content.decode()


def test_a_donation_campaign_shows_from_its_start_and_goes_at_its_end(topic, clock):
    from tests import editing

    spring = DonationLinkFactory(
        call_to_action="Spring appeal: map dormant cells",
        starts_at=NOW + timedelta(hours=1),
        ends_at=NOW + timedelta(hours=2),
    )
    editing.save(topic, donation_link=spring)
    article = topic.articles.get(title="Dormant cells wake slowly")
    browser = reader()
    assert "Fund the next discovery" in browser.get(article.get_absolute_url()).content.decode()
    clock.move_to(NOW + timedelta(minutes=59), tick=False)
    assert served_from_cache(browser, article.get_absolute_url())
    clock.move_to(NOW + timedelta(hours=1), tick=False)
    assert "Spring appeal: map dormant cells" in browser.get(article.get_absolute_url()).content.decode()
    clock.move_to(NOW + timedelta(hours=2), tick=False)
    page = browser.get(article.get_absolute_url()).content.decode()
    assert "Spring appeal: map dormant cells" not in page
    assert "Fund the next discovery" in page


def test_with_nothing_scheduled_pages_are_kept_for_the_full_lifetime(topic, clock, settings):
    from articles.editorial import changes

    scheduled = topic.articles.get(title="Tumour clocks")
    changes.unpublish(None, scheduled)
    browser = reader()
    browser.get(reverse("articles:home"))
    clock.move_to(NOW + timedelta(seconds=settings.PAGE_CACHE_SECONDS - 1), tick=False)
    assert served_from_cache(browser, reverse("articles:home"))
    clock.move_to(NOW + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1), tick=False)
    assert not served_from_cache(browser, reverse("articles:home"))


def test_with_the_page_cache_off_the_article_pages_kept_parts_change_at_their_time_too(topic, clock, settings):
    """The article's own part (its donation call) and its related reading (a scheduled article)."""
    from tests import editing

    settings.PAGE_CACHE_ENABLED = False
    spring = DonationLinkFactory(
        call_to_action="Spring appeal: map dormant cells",
        starts_at=NOW + timedelta(hours=1),
        ends_at=GOES_LIVE + timedelta(hours=1),
    )
    editing.save(topic, donation_link=spring)
    url = topic.articles.get(title="Dormant cells wake slowly").get_absolute_url()
    browser = reader()
    page = browser.get(url).content.decode()
    assert "Fund the next discovery" in page
    assert "Tumour clocks" not in page
    clock.move_to(NOW + timedelta(hours=1), tick=False)
    assert "Spring appeal: map dormant cells" in browser.get(url).content.decode()
    clock.move_to(GOES_LIVE, tick=False)
    assert "Tumour clocks" in browser.get(url).content.decode()
    clock.move_to(GOES_LIVE + timedelta(hours=1), tick=False)
    assert "Fund the next discovery" in browser.get(url).content.decode()
