from django.contrib import admin

from ..models import DonationLink


@admin.register(DonationLink)
class DonationLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "call_to_action", "campaign", "is_default", "is_active"]
    list_filter = ["is_default", "is_active"]
    search_fields = ["name", "call_to_action", "campaign"]
