"""The fundraising team's click report in the admin: figures, chart, CSV, permissions."""

import csv
import io
import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from articles.models import DonationClickCount
from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)
REPORT = reverse("admin:articles_donationlink_report")
REPORT_CSV = reverse("admin:articles_donationlink_report_csv")
NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30"}


@pytest.fixture
def known_clicks():
    """Spring: 7 from the article + 2 from elsewhere in November; Winter: 4; plus clicks outside November."""
    spring = DonationLinkFactory(name="Spring appeal", campaign="spring-26")
    winter = DonationLinkFactory(name="Winter appeal", campaign="winter-26")
    article = ArticleFactory(title="Neutrophils and spread", slug="neutrophils")
    rows = [
        (date(2026, 11, 2), spring, article, 5),
        (date(2026, 11, 20), spring, article, 2),
        (date(2026, 11, 21), spring, None, 2),
        (date(2026, 11, 30), winter, article, 4),
        (date(2026, 10, 31), spring, article, 100),
        (date(2026, 12, 1), winter, article, 100),
    ]
    for day, link, source, clicks in rows:
        DonationClickCount.objects.create(day=day, link=link, article=source, clicks=clicks)
    return {"spring": spring, "winter": winter, "article": article}


def table_rows(html, table_id):
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def report_html(client, **period):
    return client.get(REPORT, period or NOVEMBER).content.decode()


def csv_rows(client, **period):
    response = client.get(REPORT_CSV, period or NOVEMBER)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_report_totals_per_link_for_the_period(admin_client, known_clicks):
    assert table_rows(report_html(admin_client), "clicks-per-link") == [
        ["Spring appeal", "spring-26", "9"],
        ["Winter appeal", "winter-26", "4"],
    ]


def test_report_totals_per_article_for_the_period(admin_client, known_clicks):
    assert table_rows(report_html(admin_client), "clicks-per-article") == [
        ["Neutrophils and spread", "Spring appeal", "7"],
        ["Neutrophils and spread", "Winter appeal", "4"],
        ["Not from an article", "Spring appeal", "2"],
    ]


def test_report_heading_gives_the_period_total(admin_client, known_clicks):
    assert "1 November 2026 to 30 November 2026: 13 clicks" in report_html(admin_client)


@time_machine.travel(TODAY, tick=False)
def test_report_defaults_to_the_last_30_days(admin_client, known_clicks):
    html = admin_client.get(REPORT).content.decode()
    assert "1 November 2026 to 30 November 2026" in html


def test_period_that_ends_before_it_starts_is_explained(admin_client, known_clicks):
    response = admin_client.get(REPORT, {"start": "2026-11-30", "end": "2026-11-01"})
    assert "The first day must not be after the last day." in response.content.decode()


def test_nonsense_dates_are_explained_not_a_server_error(admin_client):
    response = admin_client.get(REPORT, {"start": "yesterday", "end": "2026-13-45"})
    assert "Enter a valid date." in response.content.decode()


def test_csv_has_the_known_figures(admin_client, known_clicks):
    assert csv_rows(admin_client) == [
        ["From", "To", "Article", "Article slug", "Donation link", "Campaign", "Clicks"],
        ["2026-11-01", "2026-11-30", "Neutrophils and spread", "neutrophils", "Spring appeal", "spring-26", "7"],
        ["2026-11-01", "2026-11-30", "Neutrophils and spread", "neutrophils", "Winter appeal", "winter-26", "4"],
        ["2026-11-01", "2026-11-30", "Not from an article", "", "Spring appeal", "spring-26", "2"],
    ]


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_utf8(admin_client, known_clicks):
    assert admin_client.get(REPORT_CSV, NOVEMBER).content.startswith("\ufeff".encode())


def test_csv_keeps_accented_names(admin_client):
    link = DonationLinkFactory(name="Appel café")
    DonationClickCount.objects.create(day=date(2026, 11, 5), link=link, clicks=1)
    assert csv_rows(admin_client)[1][4] == "Appel café"


def test_csv_is_downloaded_with_a_dated_file_name(admin_client, known_clicks):
    response = admin_client.get(REPORT_CSV, NOVEMBER)
    assert response["Content-Disposition"] == 'attachment; filename="donation-clicks-2026-11-01-to-2026-11-30.csv"'


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("https://evil.example","Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1"],
)
def test_csv_neutralises_cells_a_spreadsheet_would_run(admin_client, name):
    link = DonationLinkFactory(name=name)
    DonationClickCount.objects.create(day=date(2026, 11, 5), link=link, clicks=1)
    assert csv_rows(admin_client)[1][4] == "'" + name


def test_csv_leaves_ordinary_text_alone(admin_client):
    DonationClickCount.objects.create(day=date(2026, 11, 5), link=DonationLinkFactory(name="Spring = hope"), clicks=1)
    assert csv_rows(admin_client)[1][4] == "Spring = hope"


def test_chart_is_an_image_labelled_by_its_title_and_description(admin_client, known_clicks):
    html = report_html(admin_client)
    assert '<svg role="img" aria-labelledby="click-chart-title click-chart-desc"' in html


def test_chart_title_names_what_and_when(admin_client, known_clicks):
    html = report_html(admin_client)
    assert '<title id="click-chart-title">Clicks per donation link, 1 November 2026 to 30 November 2026</title>' in html


def test_chart_description_points_to_the_table(admin_client, known_clicks):
    assert "The table “Clicks per donation link” below gives the same figures." in report_html(admin_client)


def test_chart_has_one_bar_per_link(admin_client, known_clicks):
    assert report_html(admin_client).count("<rect ") == 2


def test_chart_bars_are_proportional(admin_client, known_clicks):
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', report_html(admin_client))]
    assert widths[1] == round(widths[0] * 4 / 9)


def test_chart_shows_each_figure_as_text(admin_client, known_clicks):
    values = re.findall(r'<text class="click-chart__value"[^>]*>(\d+)</text>', report_html(admin_client))
    assert values == ["9", "4"]


def test_report_has_no_inline_script_or_style(admin_client, known_clicks):
    html = report_html(admin_client)
    assert re.search(r"<script(?![^>]*\bsrc=)|\sstyle=", html) is None


def test_empty_period_says_so_without_a_chart(admin_client):
    html = report_html(admin_client)
    assert "No clicks in this period." in html


def test_link_names_are_escaped_in_the_chart(admin_client):
    link = DonationLinkFactory(name="<script>alert(1)</script>")
    DonationClickCount.objects.create(day=date(2026, 11, 5), link=link, clicks=1)
    assert "<script>alert(1)</script>" not in report_html(admin_client)


def test_editor_with_view_permission_sees_the_report(editor_client, known_clicks):
    assert editor_client.get(REPORT, NOVEMBER).status_code == 200


def test_staff_without_permission_on_donation_links_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    assert client.get(REPORT).status_code == 403


def test_staff_without_permission_cannot_download_the_csv(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    assert client.get(REPORT_CSV).status_code == 403


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    assert client.get(REPORT)["Location"].startswith(reverse("admin:login"))


def test_link_list_offers_the_report(admin_client):
    html = admin_client.get(reverse("admin:articles_donationlink_changelist")).content.decode()
    assert f'href="{REPORT}"' in html


@time_machine.travel(TODAY, tick=False)
def test_link_list_shows_clicks_in_the_last_30_days(admin_client, known_clicks):
    DonationClickCount.objects.create(day=date(2026, 10, 31), link=known_clicks["winter"], clicks=50)
    html = admin_client.get(reverse("admin:articles_donationlink_changelist")).content.decode()
    assert re.findall(r'<td class="field-recent_clicks">(\d+)</td>', html) == ["9", "4"]


def test_link_list_queries_do_not_grow_with_links(admin_client, django_assert_max_num_queries):
    for n in range(20):
        DonationClickCount.objects.create(day=date.today(), link=DonationLinkFactory(), clicks=n + 1)
    with django_assert_max_num_queries(8):
        admin_client.get(reverse("admin:articles_donationlink_changelist"))


@time_machine.travel(TODAY, tick=False)
def test_period_fields_hold_iso_dates_a_date_picker_understands(admin_client):
    html = admin_client.get(REPORT).content.decode()
    assert '<input type="date" name="start" value="2026-11-01"' in html
