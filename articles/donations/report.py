"""Figures for the fundraising team's click report: totals, a bar chart, a CSV file.

The CSV is opened in spreadsheets, which run a cell starting with ``=``, ``+``, ``-`` or
``@`` (and tab or carriage return) as a formula. Link names and article titles are
typed by editors, so such cells get a leading apostrophe: the text stays readable and
is never evaluated ("CSV injection").
"""

import csv
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.db.models import Q, Sum
from django.utils import timezone

from articles.models import DonationClickCount, DonationLink

DEFAULT_DAYS = 30
LONGEST_PERIOD_DAYS = 2 * 366
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_ARTICLE = "Not from an article"


def last_days(days=DEFAULT_DAYS, today=None):
    """The period ending today that is ``days`` days long, both ends included."""
    today = today or timezone.localdate()
    return today - timedelta(days=days - 1), today


class ReportPeriodForm(forms.Form):
    # A date input only accepts ISO dates as its value, whatever the site's language.
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label="To (included)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The first day must not be after the last day.")
        if start and end and (end - start).days >= LONGEST_PERIOD_DAYS:
            raise forms.ValidationError("Choose a period of two years at most.")
        return cleaned


def period_from(query):
    """The form bound to ``request.GET``, and the period it chose (the last 30 days until valid)."""
    start, end = last_days()
    if not query.get("start") and not query.get("end"):
        form = ReportPeriodForm(initial={"start": start, "end": end})
        return form, start, end
    form = ReportPeriodForm(query)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


def clicks_by_link(start, end):
    """Links with at least one click in the period, most clicked first."""
    in_period = Q(click_counts__day__gte=start, click_counts__day__lte=end)
    return list(
        DonationLink.objects.annotate(total=Sum("click_counts__clicks", filter=in_period))
        .filter(total__gt=0)
        .order_by("-total", "name")
    )


def clicks_by_article(start, end):
    """One row per (article, link) in the period, most clicked first."""
    return list(
        DonationClickCount.objects.between(start, end)
        .values("article_id", "article__title", "article__slug", "link_id", "link__name", "link__campaign")
        .annotate(total=Sum("clicks"))
        .order_by("-total", "article__title", "link__name")
    )


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int


@dataclass
class BarChart:
    bars: list
    width: int = 800
    label_width: int = 330
    bar_height: int = 24
    gap: int = 12

    @property
    def height(self):
        return max(len(self.bars), 1) * (self.bar_height + self.gap)

    @property
    def bar_x(self):
        return self.label_width

    @property
    def text_offset(self):
        return self.bar_height * 2 // 3


def bar_chart(links, longest_label=42):
    """Geometry for a horizontal bar chart of clicks per link; the template draws it."""
    chart = BarChart(bars=[])
    most = max((link.total for link in links), default=0)
    room = chart.width - chart.label_width - 70  # Leaves space for the figure after the bar.
    for index, link in enumerate(links):
        label = link.name if len(link.name) <= longest_label else link.name[: longest_label - 1] + "…"
        width = max(round(room * link.total / most), 1) if most else 0
        chart.bars.append(Bar(label=label, value=link.total, y=index * (chart.bar_height + chart.gap), width=width))
    return chart


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(output, start, end):
    """The per-article figures for the period as CSV rows, safe to open in a spreadsheet."""
    writer = csv.writer(output)
    writer.writerow(["From", "To", "Article", "Article slug", "Donation link", "Campaign", "Clicks"])
    for row in clicks_by_article(start, end):
        cells = [
            start.isoformat(),
            end.isoformat(),
            row["article__title"] or NO_ARTICLE,
            row["article__slug"] or "",
            row["link__name"],
            row["link__campaign"],
            row["total"],
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
