from django.contrib import admin

from ..models import DonationLink
from .protection import DefaultLinkProtectionMixin
from .revisions import HistoryAdmin


@admin.register(DonationLink)
class DonationLinkAdmin(DefaultLinkProtectionMixin, HistoryAdmin):
    list_display = ["name", "call_to_action", "campaign", "is_default", "is_active"]
    list_filter = ["is_default", "is_active"]
    search_fields = ["name", "call_to_action", "campaign"]
