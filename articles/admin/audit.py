"""The audit log in the admin: read-only for Publishers and superusers, writable by nobody."""

from django.contrib import admin

from articles.editorial.workflow import can_publish
from articles.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_repr", "from_state", "to_state", "detail"]
    list_filter = ["action", "content_type", "actor_name"]
    search_fields = ["object_repr", "actor_name", "detail"]
    date_hierarchy = "at"
    list_display_links = None
    actions = None

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff and can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    # Append-only: not even a superuser may add, change or delete an entry through the site.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
