"""The admin site, with the staff sign-in steps in it.

Django builds ``admin.site`` from this class (see apps.py), so every ModelAdmin registered
anywhere keeps working; what changes is the sign-in (password, then a code when the person
has or needs two-factor sign-in) and a few pages of our own: setting up two-factor sign-in,
recovery codes, and the superusers' list of locked sign-ins.
"""

from django.contrib import admin
from django.urls import path

from articles.accounts import views
from articles.accounts.two_factor import needs_code


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request):
        # The gate middleware already holds such a session on the set-up page; this keeps
        # every admin page closed to it even if the middleware were left out.
        user = request.user
        if not super().has_permission(request):
            return False
        is_verified = getattr(user, "is_verified", None)  # Set by django-otp's middleware.
        return (is_verified is not None and is_verified()) or not needs_code(user)

    def login(self, request, extra_context=None):
        return views.password_step(self, request, extra_context)

    def get_urls(self):
        ours = [
            path("login/code/", views.code_step, {"site": self}, name="login_code"),
            path("two-factor/", views.staff_only(views.two_factor_settings), {"site": self}, name="two_factor"),
            path(
                "two-factor/recovery-codes/",
                views.staff_only(views.recovery_codes),
                {"site": self},
                name="recovery_codes",
            ),
            path("locked-sign-ins/", self.admin_view(views.locked_sign_ins), {"site": self}, name="locked_sign_ins"),
        ]
        return ours + super().get_urls()
