from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Django's admin, with ``admin.site`` built from our site class (the documented way to replace it)."""

    default_site = "articles.accounts.site.StaffAdminSite"
