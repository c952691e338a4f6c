"""The click report checked in a real browser with axe-core: the chart and tables are accessible."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import DonationClickCount
from tests.browser.page_problems import axe_report
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def report_page(new_context, live_server, admin_client):
    article = ArticleFactory(title="Neutrophils and spread")
    for clicks, name in [(12, "Spring appeal"), (5, "Winter appeal")]:
        DonationClickCount.objects.create(
            day=date.today(), link=DonationLinkFactory(name=name), article=article, clicks=clicks
        )
    context = new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": admin_client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(reverse("admin:articles_donationlink_report"))
    return page


def test_report_page_has_no_axe_violations(report_page):
    assert axe_report(report_page) == ""


def test_chart_is_exposed_to_assistive_technology_with_its_title(report_page):
    chart = report_page.get_by_role("img", name="Clicks per donation link")
    assert chart.count() == 1
