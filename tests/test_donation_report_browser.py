"""The click report checked in a real browser with axe-core: the chart and tables are accessible."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import DonationClickCount
from tests.conftest import chromium_path, skip_or_fail
from tests.factories import ArticleFactory, DonationLinkFactory

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def report_page(live_server, admin_client):
    if chromium_path() is None:
        skip_or_fail("Chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    article = ArticleFactory(title="Neutrophils and spread")
    for clicks, name in [(12, "Spring appeal"), (5, "Winter appeal")]:
        DonationClickCount.objects.create(
            day=date.today(), link=DonationLinkFactory(name=name), article=article, clicks=clicks
        )
    session = admin_client.cookies["sessionid"].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.goto(live_server.url + reverse("admin:articles_donationlink_report"))
        yield page
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_page_has_no_axe_violations(report_page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(report_page)
    assert results.response["violations"] == [], results.generate_report()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chart_is_exposed_to_assistive_technology_with_its_title(report_page):
    chart = report_page.get_by_role("img", name="Clicks per donation link")
    assert chart.count() == 1
