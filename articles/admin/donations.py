"""Donation links in the admin, with the fundraising team's click report.

The report is a view of this ModelAdmin, so it needs the same permission as the
list of links (``articles.view_donationlink``): staff without it get 403.
"""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from articles.admin.protection import DefaultLinkProtectionMixin
from articles.admin.revisions import HistoryAdmin
from articles.donations import report as donation_report
from articles.models import DonationLink

RECENT_DAYS = 30


@admin.register(DonationLink)
class DonationLinkAdmin(DefaultLinkProtectionMixin, HistoryAdmin):
    # The call to action is left out of the list so the 30-day figures fit on screen; it is searchable.
    list_display = ["name", "campaign", "recent_clicks", "campaign_period", "is_default", "is_active"]
    list_filter = ["is_default", "is_active"]
    search_fields = ["name", "call_to_action", "campaign"]
    change_list_template = "admin/articles/donationlink/change_list.html"

    class Media:  # the banner of js/editor-autosave.js (loaded on every admin page) when changes are found
        css = {"all": ["css/admin-editor.css"]}

    fieldsets = [
        (None, {"fields": ["name", "call_to_action", "button_label", "url", "campaign"]}),
        (
            "Where and when it is shown",
            {
                "fields": ["is_default", "is_active", "starts_at", "ends_at"],
                "description": "An article shows its own link if it is switched on and running; otherwise the "
                "link of its first topic that has one running; otherwise the site default. "
                "Choose a topic's link on the topic's page.",
            },
        ),
    ]

    def get_queryset(self, request):
        today = timezone.localdate()
        recent_days = Q(click_counts__day__gte=today - timedelta(days=RECENT_DAYS - 1), click_counts__day__lte=today)
        recent = Sum("click_counts__clicks", filter=recent_days, default=0)
        # The clicks annotation groups the rows, which drops the model's ordering: name it again,
        # so pages of the list (and of the autocomplete) never repeat or skip a link.
        return super().get_queryset(request).annotate(recent_clicks=recent).order_by(*DonationLink._meta.ordering, "pk")

    @admin.display(description=f"clicks, last {RECENT_DAYS} days", ordering="recent_clicks")
    def recent_clicks(self, link):
        return link.recent_clicks

    @admin.display(description="runs", ordering="starts_at")
    def campaign_period(self, link):
        if not link.starts_at and not link.ends_at:
            return "Always"
        start = date_format(localtime(link.starts_at), "j M Y") if link.starts_at else "…"
        end = date_format(localtime(link.ends_at), "j M Y") if link.ends_at else "…"
        return f"{start} – {end}"

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        report_csv = self.admin_site.admin_view(self.report_csv_view)
        return [
            path("report/", report, name="articles_donationlink_report"),
            path("report/csv/", report_csv, name="articles_donationlink_report_csv"),
            *super().get_urls(),
        ]

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, start, end = donation_report.period_from(request.GET)
        links = donation_report.clicks_by_link(start, end)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Donation clicks",
            "form": form,
            "start": start,
            "end": end,
            "links": links,
            "articles": donation_report.clicks_by_article(start, end),
            "chart": donation_report.bar_chart(links),
            "total": sum(link.total for link in links),
            "query": request.GET.urlencode(),
        }
        return TemplateResponse(request, "admin/articles/donationlink/report.html", context)

    def report_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        _, start, end = donation_report.period_from(request.GET)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"donation-clicks-{start.isoformat()}-to-{end.isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # Byte order mark: Excel then reads the file as UTF-8, not as ANSI.
        donation_report.write_csv(response, start, end)
        return response
