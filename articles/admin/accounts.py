"""Staff accounts: Django's user admin, with every change of role written to the audit log."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from articles.editorial import changes

User = get_user_model()


def role_of(user):
    """A staff account's role in words: its flags and groups (and any permissions given directly)."""
    if user.pk is None:
        return ""
    parts = []
    if user.is_superuser:
        parts.append("superuser")
    parts.append("staff" if user.is_staff else "not staff")
    if not user.is_active:
        parts.append("inactive")
    parts += sorted(user.groups.values_list("name", flat=True))
    direct = user.user_permissions.count()
    if direct:
        parts.append(f"{direct} direct permission{'s' if direct != 1 else ''}")
    return ", ".join(parts)


admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    def save_related(self, request, form, formsets, change):
        fresh = User.objects.filter(pk=form.instance.pk).first() if change else None
        before = getattr(request, "_role_before", "") if change else ""
        super().save_related(request, form, formsets, change)
        after = role_of(fresh or form.instance)
        changes.record_role_change(request.user, form.instance, before or "new account", after)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "POST":
            existing = User.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
            request._role_before = role_of(existing) if existing else ""
        return super().changeform_view(request, object_id, form_url, extra_context)
