"""Donation clicks cannot be inflated, and the donate button always leads to the donation page.

The attacker's two ways in: an image in an article body at ``/media/../donate/<id>/``
(allowed because it "started with /media/") counted a click on every page view, and any
other site could embed the donate URL as an image. Separately, a locked database made the
donate button answer 500 instead of sending the reader on.
"""

import logging

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from articles.content.rendering import render_markdown
from articles.models import DonationClickCount
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def link():
    return DonationLinkFactory(url="https://breastcancernow.org/donate/", campaign="spring-26")


def total_clicks():
    return sum(DonationClickCount.objects.values_list("clicks", flat=True))


DISGUISED_DONATE_IMAGES = [
    "/media/../donate/{id}/",
    "/media/./../donate/{id}/",
    "/media/%2e%2e/donate/{id}/",
    "/media/%2E%2E/donate/{id}/",
    "/media/.%2e/donate/{id}/",
    "/media/..%2fdonate/{id}/",
    "/media/..%2Fdonate/{id}/",
    "/media/..\\donate/{id}/",
    "/media\\..\\donate/{id}/",
    "/media/%5c..%5cdonate/{id}/",
    "/media/uploads/../../donate/{id}/",
    "/media/%252e%252e/donate/{id}/",
    "//media/../donate/{id}/",
]


@pytest.mark.parametrize("address", DISGUISED_DONATE_IMAGES)
def test_image_address_leaving_the_uploads_folder_is_dropped(address):
    html = str(render_markdown(f"![Give](<{address.format(id=7)}>)"))
    assert "donate" not in html
    assert "src=" not in html


@pytest.mark.parametrize(
    "address", [*DISGUISED_DONATE_IMAGES[:4], "/media/.&#9;./donate/{id}/", "/media/.&#10;./donate/{id}/"]
)
def test_raw_html_image_leaving_the_uploads_folder_is_dropped(address):
    html = str(render_markdown(f'<img src="{address.format(id=7)}" alt="Give">'))
    assert "donate" not in html


def test_our_own_uploads_still_show_normalised():
    html = str(render_markdown("![Cells](/media/uploads/./ab12.png) ![Cells](/media/uploads/x/../cd34.png)"))
    assert 'src="/media/uploads/ab12.png"' in html
    assert 'src="/media/uploads/cd34.png"' in html


def test_article_page_with_a_disguised_donate_image_counts_no_click(client, link):
    article = ArticleFactory(body=f"![Give](/media/../donate/{link.pk}/)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"/donate/{link.pk}/" not in html.split('class="donation-box')[0]


@pytest.mark.parametrize(
    ("mode", "destination"),
    [("no-cors", "image"), ("cors", "empty"), ("no-cors", "script"), ("navigate", "iframe"), ("no-cors", "style")],
)
def test_embedded_donate_url_is_redirected_but_not_counted(client, link, mode, destination):
    response = client.get(
        reverse("articles:donate", args=[link.pk]),
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_MODE=mode,
        HTTP_SEC_FETCH_DEST=destination,
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 302
    assert response["Location"].startswith("https://breastcancernow.org/donate/")
    assert total_clicks() == 0


def test_a_readers_click_is_counted(client, link):
    response = client.get(
        reverse("articles:donate", args=[link.pk]),
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_MODE="navigate",
        HTTP_SEC_FETCH_DEST="document",
        HTTP_SEC_FETCH_USER="?1",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302
    assert total_clicks() == 1


def test_a_browser_without_fetch_metadata_is_still_counted(client, link):
    client.get(reverse("articles:donate", args=[link.pk]), HTTP_USER_AGENT=BROWSER)
    assert total_clicks() == 1


def _locked_database(execute, sql, params, many, context):
    if "donationclickcount" in sql.lower():
        raise OperationalError("database is locked")
    return execute(sql, params, many, context)


def test_locked_database_still_sends_the_reader_to_donate_and_logs_it(client, link, caplog):
    with connection.execute_wrapper(_locked_database), caplog.at_level(logging.ERROR):
        response = client.get(reverse("articles:donate", args=[link.pk]), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    assert response["Location"].startswith("https://breastcancernow.org/donate/")
    assert f"Could not count a click on donation link {link.pk}" in caplog.text
