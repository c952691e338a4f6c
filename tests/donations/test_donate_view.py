"""The click endpoint: where it sends the reader, and what it counts."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from articles.models import DonationClickCount
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def link():
    return DonationLinkFactory(url="https://breastcancernow.org/donate/?appeal=secondary", campaign="spring-26")


@pytest.fixture
def article():
    return ArticleFactory(slug="neutrophils")


def donate_url(link, from_slug=None):
    url = reverse("articles:donate", args=[link.pk])
    return f"{url}?from={from_slug}" if from_slug is not None else url


def click(client, link, from_slug=None, **headers):
    return client.get(donate_url(link, from_slug), HTTP_USER_AGENT=BROWSER, **headers)


def total_clicks():
    return sum(DonationClickCount.objects.values_list("clicks", flat=True))


def test_click_answers_a_302_redirect(client, link, article):
    assert click(client, link, "neutrophils").status_code == 302


def test_redirect_keeps_the_link_address(client, link, article):
    target = urlsplit(click(client, link, "neutrophils")["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "breastcancernow.org", "/donate/")


def test_redirect_merges_campaign_parameters_with_the_existing_query(client, link, article):
    target = click(client, link, "neutrophils")["Location"]
    assert parse_qsl(urlsplit(target).query) == [
        ("appeal", "secondary"),
        ("utm_source", "research-voices"),
        ("utm_medium", "website"),
        ("utm_campaign", "spring-26"),
        ("utm_content", "neutrophils"),
    ]


def test_click_is_counted_for_the_article(client, link, article):
    click(client, link, "neutrophils")
    assert DonationClickCount.objects.get(link=link, article=article).clicks == 1


def test_each_click_adds_one(client, link, article):
    for _ in range(3):
        click(client, link, "neutrophils")
    assert DonationClickCount.objects.get(link=link, article=article).clicks == 3


def test_clicks_without_article_share_one_daily_row(client, link):
    click(client, link)
    click(client, link, "no-such-article")
    assert list(DonationClickCount.objects.values_list("article", "clicks")) == [(None, 2)]


def test_draft_article_in_from_is_counted_without_article(client, link):
    ArticleFactory(slug="secret-draft", draft=True)
    click(client, link, "secret-draft")
    assert DonationClickCount.objects.get().article is None


def test_draft_article_slug_is_not_passed_on(client, link):
    ArticleFactory(slug="secret-draft", draft=True)
    target = click(client, link, "secret-draft")["Location"]
    assert "utm_content" not in dict(parse_qsl(urlsplit(target).query))


def test_scheduled_article_in_from_is_counted_without_article(client, link):
    ArticleFactory(slug="coming-soon", scheduled=True)
    click(client, link, "coming-soon")
    assert DonationClickCount.objects.get().article is None


@pytest.mark.parametrize(
    "from_slug",
    ["%00", "<script>alert(1)</script>", "x" * 5000, "neutrophils%27%20OR%201=1--", "caf%C3%A9"],
)
def test_odd_from_values_still_redirect(client, link, from_slug):
    assert click(client, link, from_slug).status_code == 302


def test_odd_from_value_is_not_passed_on(client, link):
    target = click(client, link, "%3Cscript%3E")["Location"]
    assert "script" not in target


def test_unknown_link_answers_404(client):
    assert client.get(reverse("articles:donate", args=[999999]), HTTP_USER_AGENT=BROWSER).status_code == 404


def test_link_stored_outside_the_allow_list_answers_404_instead_of_redirecting(client):
    rogue = DonationLinkFactory(url="https://evil.example/")
    assert click(client, rogue).status_code == 404


def test_link_outside_the_allow_list_is_not_counted(client):
    click(client, DonationLinkFactory(url="https://evil.example/"))
    assert total_clicks() == 0


def test_head_request_redirects(client, link):
    assert client.head(donate_url(link), HTTP_USER_AGENT=BROWSER).status_code == 302


def test_head_request_is_not_counted(client, link):
    client.head(donate_url(link), HTTP_USER_AGENT=BROWSER)
    assert total_clicks() == 0


def test_post_is_not_allowed(client, link):
    assert client.post(donate_url(link), HTTP_USER_AGENT=BROWSER).status_code == 405


def test_prefetch_is_not_counted(client, link):
    click(client, link, HTTP_SEC_PURPOSE="prefetch")
    assert total_clicks() == 0


def test_prerender_prefetch_is_not_counted(client, link):
    click(client, link, HTTP_SEC_PURPOSE="prefetch;prerender")
    assert total_clicks() == 0


def test_older_prefetch_header_is_not_counted(client, link):
    click(client, link, HTTP_PURPOSE="prefetch")
    assert total_clicks() == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
        "",
    ],
)
def test_crawlers_are_not_counted(client, link, user_agent):
    client.get(donate_url(link), HTTP_USER_AGENT=user_agent)
    assert total_clicks() == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 10; CUBOT P40) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0 Mobile Safari/537.36",
    ],
)
def test_reader_browsers_are_counted(client, link, user_agent):
    client.get(donate_url(link), HTTP_USER_AGENT=user_agent)
    assert total_clicks() == 1


def test_crawler_is_still_redirected(client, link):
    assert client.get(donate_url(link), HTTP_USER_AGENT="Googlebot/2.1").status_code == 302


def test_redirect_is_never_cached(client, link):
    assert "no-store" in click(client, link)["Cache-Control"]


def test_redirect_asks_search_engines_not_to_index(client, link):
    assert click(client, link)["X-Robots-Tag"] == "noindex, nofollow"


def test_inactive_link_still_redirects_readers_who_loaded_it_earlier(client):
    ended = DonationLinkFactory(is_active=False)
    assert click(client, ended).status_code == 302
