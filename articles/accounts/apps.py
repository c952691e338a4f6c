from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Django's admin, with ``admin.site`` built from our site class (the documented way to replace it)."""

    default_site = "articles.accounts.site.StaffAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.auth.signals import user_logged_in

        from articles.accounts.sessions import on_signed_in

        user_logged_in.connect(on_signed_in, dispatch_uid="accounts-session-clock")
