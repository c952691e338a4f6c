"""Every change through the write path drops exactly the cached pages that show it, at once.

Each test warms every page a reader might open, makes one change the way an editor would
(``tests.editing`` goes through ``articles.editorial.changes``), and checks that the pages
showing the change have it while unrelated pages are still served from the cache. Time is
frozen so that no entry expires by itself during a test.
"""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.editorial import changes
from tests import editing
from tests.caching.helpers import fetch, reader
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


class Site:
    """Two topics with their own researchers, so a change on one side must leave the other cached."""

    def __init__(self):
        self.default_link = DonationLinkFactory(is_default=True, call_to_action="Fund the next discovery")
        self.immunology, self.imaging = TopicFactory(name="Immunology"), TopicFactory(name="Imaging")
        self.quinn, self.okafor = AuthorFactory(name="Morag Quinn"), AuthorFactory(name="Ife Okafor")
        self.article = ArticleFactory(title="Dormant cells wake slowly", authors=[self.quinn], topics=[self.immunology])
        self.neighbour = ArticleFactory(
            title="Immune cells in the bone", authors=[self.quinn], topics=[self.immunology]
        )
        self.elsewhere = ArticleFactory(title="Sharper mammograms", authors=[self.okafor], topics=[self.imaging])
        self.browser = reader()

    def pages(self):
        return {
            "home": reverse("articles:home"),
            "list": reverse("articles:article_list"),
            "article": self.article.get_absolute_url(),
            "neighbour": self.neighbour.get_absolute_url(),
            "elsewhere": self.elsewhere.get_absolute_url(),
            "immunology": self.immunology.get_absolute_url(),
            "imaging": self.imaging.get_absolute_url(),
            "quinn": self.quinn.get_absolute_url(),
            "okafor": self.okafor.get_absolute_url(),
            "researchers": reverse("articles:author_list"),
            "search": reverse("articles:search") + "?q=cells",
            "feed": reverse("articles:feed_rss"),
            "imaging feed": reverse("articles:topic_feed_rss", kwargs={"slug": self.imaging.slug}),
            "sitemap": reverse("sitemap"),
        }

    def warm(self):
        for name, url in self.pages().items():
            assert self.browser.get(url).status_code == 200, name

    def still_cached(self):
        """Names of the pages answered without a query."""
        cached = set()
        for name, url in self.pages().items():
            response, queries = fetch(self.browser, url)
            if queries == 0:
                cached.add(name)
        return cached

    def text(self, name):
        return self.browser.get(self.pages()[name]).content.decode()


@pytest.fixture
def site():
    site = Site()
    site.warm()
    assert site.still_cached() == set(site.pages())
    return site


def test_publishing_an_article_shows_it_on_its_lists_topic_researcher_and_related_reading(site):
    draft = ArticleFactory(title="Tumour clocks", authors=[site.quinn], topics=[site.immunology], draft=True)
    site.warm()
    editing.publish(draft)
    assert site.still_cached() >= {"elsewhere", "imaging", "okafor", "imaging feed"}
    for name in ("home", "list", "immunology", "quinn", "search", "feed", "sitemap"):
        assert "Tumour clocks" in site.text(name) or draft.slug in site.text(name), name
    assert "Tumour clocks" in site.text("neighbour")  # its related reading


def test_publishing_changes_updates_every_page_showing_the_article_and_no_other(site):
    editing.edit(site.article, title="Dormant cells wake in spring")
    assert site.still_cached() == {"elsewhere", "imaging", "okafor", "researchers", "imaging feed"}
    for name in ("home", "list", "article", "neighbour", "immunology", "quinn", "search", "feed"):
        assert "Dormant cells wake in spring" in site.text(name), name
        assert "Dormant cells wake slowly" not in site.text(name), name


def test_unpublishing_takes_the_article_off_every_page_at_once(site):
    editing.unpublish(site.article)
    assert {"elsewhere", "imaging", "okafor", "imaging feed"} <= site.still_cached()
    assert site.browser.get(site.article.get_absolute_url()).status_code == 410
    for name in ("home", "list", "neighbour", "immunology", "quinn", "search", "feed", "sitemap"):
        assert "Dormant cells wake slowly" not in site.text(name) and site.article.slug not in site.text(name), name


def test_moving_an_article_to_another_topic_updates_both_topics(site):
    editing.edit(site.article, topics=[site.imaging])
    assert "Dormant cells wake slowly" in site.text("imaging")
    assert "Dormant cells wake slowly" in site.text("imaging feed")
    assert "Dormant cells wake slowly" not in site.text("immunology")
    assert "Dormant cells wake slowly" in site.text("elsewhere")  # shares the topic now: related reading


def test_editing_a_researcher_updates_their_pages_and_bylines_only(site):
    editing.save(site.quinn, name="Morag Quinn-Baird")
    assert {"elsewhere", "imaging", "okafor", "imaging feed"} <= site.still_cached()
    for name in ("home", "list", "article", "neighbour", "immunology", "quinn", "researchers", "feed"):
        assert "Morag Quinn-Baird" in site.text(name), name


def test_renaming_a_topic_updates_its_page_and_the_articles_tagged_with_it(site):
    editing.save(site.immunology, name="Immunology and inflammation")
    assert {"elsewhere", "imaging", "okafor", "imaging feed"} <= site.still_cached()
    for name in ("article", "neighbour", "immunology"):
        assert "Immunology and inflammation" in site.text(name), name


def test_a_topics_donation_link_shows_on_its_articles_at_once(site):
    appeal = DonationLinkFactory(call_to_action="Help us map dormant cells")
    editing.save(site.immunology, donation_link=appeal)
    assert {"elsewhere", "imaging", "okafor"} <= site.still_cached()
    assert "Help us map dormant cells" in site.text("article")
    assert "Help us map dormant cells" in site.text("neighbour")


def test_editing_the_default_donation_link_updates_the_pages_showing_it(site):
    editing.save(site.default_link, call_to_action="Every pound funds research")
    assert {"list", "immunology", "imaging", "quinn", "okafor", "search", "sitemap"} <= site.still_cached()
    for name in ("home", "article", "neighbour", "elsewhere"):
        assert "Every pound funds research" in site.text(name), name


def test_switching_off_an_articles_own_donation_link_falls_back_at_once(site):
    own = DonationLinkFactory(call_to_action="Back the dormancy lab")
    site.article = editing.edit(site.article, donation_link=own.pk)
    assert "Back the dormancy lab" in site.text("article")
    editing.save(own, is_active=False)
    assert "Back the dormancy lab" not in site.text("article")
    assert "Fund the next discovery" in site.text("article")
    assert "elsewhere" in site.still_cached()


def test_deleting_a_donation_link_drops_it_from_the_articles_that_showed_it(site):
    own = DonationLinkFactory(call_to_action="Back the dormancy lab")
    site.article = editing.edit(site.article, donation_link=own.pk)
    assert "Back the dormancy lab" in site.text("article")
    changes.delete_object(None, own)
    assert "Back the dormancy lab" not in site.text("article")


def test_binning_and_restoring_an_article_readers_never_saw_changes_no_page(site):
    draft = ArticleFactory(title="Never shown", authors=[site.quinn], topics=[site.immunology], draft=True)
    site.warm()
    changes.move_to_bin(None, draft)
    assert site.still_cached() == set(site.pages())
    changes.restore_from_bin(None, draft)
    assert site.still_cached() == set(site.pages())


def test_unpublishing_then_binning_and_restoring_keeps_the_article_off_every_page(site):
    editing.delete_article(site.article)
    assert site.browser.get(site.article.get_absolute_url()).status_code == 410
    assert "Dormant cells wake slowly" not in site.text("home")
    restored = changes.restore_from_bin(None, site.article)
    assert "Dormant cells wake slowly" not in site.text("list")
    editing.publish(restored)
    for name in ("home", "list", "article", "immunology", "quinn", "neighbour"):
        assert "Dormant cells wake slowly" in site.text(name), name


def test_an_article_that_picked_another_by_hand_updates_when_the_pick_is_published(site):
    pick = ArticleFactory(title="Tumour clocks", authors=[AuthorFactory()], draft=True)
    site.elsewhere = editing.edit(site.elsewhere, related_articles=[pick])
    assert "Tumour clocks" not in site.text("elsewhere")
    site.warm()
    editing.publish(pick)
    assert "Tumour clocks" in site.text("elsewhere")
    assert "imaging" in site.still_cached()


def test_an_edit_still_waiting_in_a_working_copy_changes_no_page(site):
    content = changes.ArticleContent.current(site.article)
    content.values["title"] = "Not yet published"
    changes.save_article(None, site.article, content)
    assert site.still_cached() == set(site.pages())


def test_a_scheduled_article_changes_no_page_before_its_time(site):
    ArticleFactory(title="Tumour clocks", authors=[site.quinn], topics=[site.immunology], scheduled=True)
    assert "Tumour clocks" not in site.text("immunology")
    assert "Tumour clocks" not in site.text("home")


def test_rebuilding_the_search_index_after_a_bulk_update_drops_every_cached_page(site):
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article

    Article.objects.filter(pk=site.article.pk).update(title="Changed in bulk")
    assert "Dormant cells wake slowly" in site.text("article")  # still the cached page
    call_command("rebuild_search_index", stdout=StringIO())
    assert site.still_cached() == set()
    assert "Changed in bulk" in site.text("article")
