"""The staff sign-in steps and account pages; what each rule is and why is in the sibling modules."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from articles.accounts import throttling, two_factor


def staff_only(view):
    """For pages a signed-in staff member may need before two-factor sign-in is set up."""

    @wraps(view)
    @never_cache
    @csrf_protect
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect(f"{reverse('admin:login')}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped


class PasswordStepView(LoginView):
    """The admin's own login form; after a right password, the code step when one is needed."""

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.user_has_device(user):
            two_factor.start_pending(self.request, user, self.get_success_url())
            return redirect("admin:login_code")
        return super().form_valid(form)


def password_step(site, request, extra_context=None):
    """AdminSite.login with our view; the context is the one Django's admin builds."""
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(reverse("admin:index", current_app=site.name))
    context = {
        **site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=site.name)
    context.update(extra_context or {})
    request.current_app = site.name
    return PasswordStepView.as_view(
        extra_context=context,
        authentication_form=site.login_form or AdminAuthenticationForm,
        template_name=site.login_template or "admin/login.html",
    )(request)


def _safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return reverse("admin:index")


@never_cache
@csrf_protect
def code_step(request, site):
    pending = two_factor.pending_sign_in(request)
    if pending is None:
        messages.info(request, "Please start again with your username and password.")
        return redirect("admin:login")
    user, next_url = pending
    username = user.get_username()
    # Checked before any code is looked at, exactly as axes' backend does for passwords.
    if throttling.is_locked_out(request, username):
        return throttling.lockout_response(request, username)
    form = two_factor.CodeForm(user, data=request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        two_factor.end_pending(request)
        login(request, user, backend=user.backend)
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            left = two_factor.recovery_codes_left(user)
            messages.warning(
                request,
                f"You signed in with a recovery code; it will not work again. {left} left. "
                "If you have lost your phone, set up the app again under “Two-factor sign-in”.",
            )
        return redirect(_safe_next(request, next_url))
    if form.is_bound:
        throttling.record_failure(request, username, sender=code_step)
    context = {**site.each_context(request), "title": "Enter your code", "form": form, "username": username}
    return render(request, "accounts/code_step.html", context)


def two_factor_settings(request, site):
    """Set up the authenticator app (QR code, then a first code), or see that it is set up."""
    user = request.user
    context = {**site.each_context(request), "title": "Two-factor sign-in"}
    if two_factor.has_app_device(user) and user.is_verified():
        if request.method == "POST" and request.POST.get("action") == "new-recovery-codes":
            request.session["accounts_new_recovery_codes"] = two_factor.new_recovery_codes(user)
            return redirect("admin:recovery_codes")
        context["recovery_codes_left"] = two_factor.recovery_codes_left(user)
        return render(request, "accounts/two_factor_on.html", context)
    device = two_factor.unconfirmed_app_device(user)
    form = two_factor.ConfirmDeviceForm(device, data=request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        two_factor.confirm_app_device(device)
        otp_login(request, device)
        request.session["accounts_new_recovery_codes"] = two_factor.new_recovery_codes(user)
        return redirect("admin:recovery_codes")
    context.update(
        form=form,
        qr_code=two_factor.qr_code_svg(device),
        secret=two_factor.secret_for_typing(device),
        required=two_factor.must_use_two_factor(user),
    )
    return render(request, "accounts/two_factor_setup.html", context)


def recovery_codes(request, site):
    """Shows newly made recovery codes once; a reload shows that they were already shown."""
    codes = request.session.pop("accounts_new_recovery_codes", None)
    context = {**site.each_context(request), "title": "Your recovery codes", "codes": codes}
    return render(request, "accounts/recovery_codes.html", context)


def locked_sign_ins(request, site):
    if not request.user.is_superuser:
        raise PermissionDenied("Only superusers can unlock sign-ins.")
    if request.method == "POST":
        return _unlock(request)
    context = {
        **site.each_context(request),
        "title": "Locked sign-ins",
        "lockouts": throttling.current_lockouts(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff": throttling.cooloff(),
    }
    return render(request, "accounts/locked_sign_ins.html", context)


def _unlock(request):
    username = request.POST.get("username", "").strip()
    ip_address = request.POST.get("ip_address", "").strip()
    removed = throttling.unlock(username=username or None, ip_address=ip_address or None)
    what = f"the account “{username}”" if username else f"the address {ip_address}"
    if removed:
        messages.success(request, f"Unlocked {what}: they can sign in again now.")
    else:
        messages.info(request, f"{what[0].upper()}{what[1:]} was not locked any more.")
    return redirect("admin:locked_sign_ins")
