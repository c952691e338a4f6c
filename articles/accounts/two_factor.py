"""Two-factor sign-in for staff (django-otp): a code from an authenticator app after the password.

Who must use it: Publishers (``articles.publish_article``) and superusers, when
``settings.REQUIRE_2FA`` is on (production, unless explicitly turned off). Anybody else who
has set it up is asked for a code too: a device, once added, is always used.

The session is signed in only after *both* steps. Between them it holds a short-lived
"pending" record (which user passed the password, when), never an authenticated user, so a
stolen password alone reaches no staff page: not the admin, not the editor's endpoints, not
the draft previews. ``user_logged_in`` therefore fires once, for a complete sign-in.

A person who must use two-factor sign-in but has not set it up yet is signed in after the
password and then held on the set-up page (TwoFactorGateMiddleware) until a first code from
the new device is accepted; elsewhere on the site they are treated as a reader. The same gate
catches sessions that began before the rule applied to them (an Editor made a Publisher, or
sessions from before this was deployed).

Recovery codes are django-otp static tokens: each works once, for someone who has lost the
phone with the app. They are shown once, when made.
"""

import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PUBLISH_PERMISSION = "articles.publish_article"
PENDING_KEY = "accounts_pending_sign_in"
PENDING_LIFETIME_SECONDS = 5 * 60
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def must_use_two_factor(user):
    if not settings.REQUIRE_2FA or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or user.has_perm(PUBLISH_PERMISSION)


def needs_code(user):
    """Whether signing in takes a code: the rule says so, or the person has set it up."""
    return must_use_two_factor(user) or has_device(user)


def _device_cache_key(user):
    return f"accounts:has-device:{user.pk}"


def has_device(user):
    """Whether the person has set up two-factor sign-in, as last seen (cached).

    Asked on every staff request, so it is kept in the cache rather than queried each time.
    It is refreshed at every sign-in and whenever our pages add a device; where it could be
    stale (a superuser deleted a device) the slow paths below ask the database.
    """
    has = cache.get(_device_cache_key(user))
    if has is None:
        has = remember_devices(user)
    return has


def remember_devices(user):
    has = user_has_device(user)
    cache.set(_device_cache_key(user), has, int(settings.STAFF_SESSION_MAX_AGE.total_seconds()))
    return has


# --- Between the password and the code --------------------------------------------------


def start_pending(request, user, next_url):
    # A new session key, so a key planted before sign-in is worth nothing afterwards.
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "since": time.time(),
        "next": next_url,
    }


def pending_sign_in(request):
    """The user who passed the password step in this session a few minutes ago, or None."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_LIFETIME_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True, is_staff=True).first()
    if user is None:
        return None
    user.backend = pending["backend"]
    return user, pending["next"]


def end_pending(request):
    request.session.pop(PENDING_KEY, None)


# --- Forms ---------------------------------------------------------------------------------


class CodeForm(OTPAuthenticationFormMixin, forms.Form):
    """One box for either the app's 6-digit code or a recovery code; the form tells them apart.

    django-otp verifies the code against the one device it belongs to, with its own throttling
    (each device waits longer after every wrong code).
    """

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the 6-digit code from your authenticator app, or a recovery code.",
        "invalid_token": "That code is not right. Check the app shows Research Voices and try the newest code.",
        "device_required": "There is no authenticator app or recovery code for this account.",
    }
    otp_token = forms.CharField(
        label="Code",
        max_length=16,
        required=False,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split()).lower()

    def _chosen_device(self, user):
        token = self.cleaned_data.get("otp_token", "")
        # App codes are 6 digits; recovery codes are 8 letters and digits (django-otp's base32).
        model = TOTPDevice if len(token) == 6 and token.isdigit() else StaticDevice
        return model.objects.devices_for_user(user).select_for_update().first()

    def clean(self):
        super().clean()
        self.clean_otp(self.user)
        return self.cleaned_data

    @property
    def device(self):
        return getattr(self.user, "otp_device", None)


class ConfirmDeviceForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from the app",
        max_length=6,
        help_text="After scanning, the app shows a 6-digit code for Research Voices. Type it here.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            # django-otp makes each wrong code wait longer before the next is looked at.
            raise forms.ValidationError("Several codes were wrong. Wait a minute, then type the newest code.")
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code does not match. Make sure you scanned this page's code, then type the newest code."
            )
        return token


# --- Devices ----------------------------------------------------------------------------------


def unconfirmed_app_device(user):
    """The app device being set up (kept until confirmed, so reloading shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def confirm_app_device(device):
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    remember_devices(device.user)


def new_recovery_codes(user):
    """Replaces the person's recovery codes with new ones and returns them (to show once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_app_device(user):
    return TOTPDevice.objects.devices_for_user(user).exists()


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code, drawn on the server.

    segno writes only paths and attributes from its own parameters (no text from the
    address), so the markup is safe to insert, and it needs no script or inline style.
    """
    import segno

    code = segno.make(device.config_url, error="m")
    return mark_safe(  # noqa: S308 - segno's own SVG markup, see docstring.
        code.svg_inline(scale=5, border=4, light="#fff", dark="#000", svgclass="qr-code", title="QR code to scan")
    )


def secret_for_typing(device):
    """The key in base32 groups of four, for apps that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- The gate ---------------------------------------------------------------------------------

OPEN_URL_NAMES = ("admin:two_factor", "admin:recovery_codes", "admin:jsi18n")


class TwoFactorGateMiddleware:
    """Holds a signed-in person who must use two-factor sign-in until it is set up and used.

    - Has a device but this session never passed the code step: signed out, asked to sign in.
    - Must use it but has no device yet: only the set-up page (and sign-out) in the admin.
    Outside the admin both are treated as anonymous readers: no draft previews, no editor endpoints.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not needs_code(user):
            return None
        if not request.path.startswith(reverse("admin:index")):
            request.user = AnonymousUser()
            return None
        if request.path == reverse("admin:logout"):
            return None
        if remember_devices(user):
            auth_logout(request)
            messages.info(request, "Please sign in again with your password and a code from your app.")
            return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.path})}")
        if request.path in {reverse(name) for name in OPEN_URL_NAMES}:
            return None
        return redirect("admin:two_factor")
