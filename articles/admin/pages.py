"""The site's own pages (footer links) in the admin: Publishers edit, other staff with access read.

A saved page is live at once, so the write path (``changes.save_object``) refuses anyone but a
Publisher and writes an audit entry. The set of pages is fixed (``FOOTER_PAGES``): none is added
or deleted here, so the footer's links always lead somewhere.
"""

from django.contrib import admin

from articles.admin.base import BoundedMarkdownForm, EditorAdmin
from articles.editorial import changes
from articles.editorial.workflow import can_publish
from articles.models import SitePage


class SitePageForm(BoundedMarkdownForm):
    class Meta:
        model = SitePage
        fields = ["title", "body"]


@admin.register(SitePage)
class SitePageAdmin(EditorAdmin):
    form = SitePageForm
    list_display = ["title", "slug", "updated_at"]
    readonly_fields = ["slug", "updated_at"]
    fields = ["title", "slug", "body", "updated_at"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """Nothing here: saved in ``save_related``, through the write path."""

    def save_related(self, request, form, formsets, change):
        changes.save_object(request.user, form.instance, form.save_m2m)
