"""Staff sessions end after a spell of inactivity and after a fixed lifetime.

Django's default session lasts two weeks whatever happens, so a laptop left signed in at a
conference or a session cookie copied once stayed useful for a fortnight. Staff sessions now
end after STAFF_SESSION_IDLE_TIMEOUT without a request (default 2 hours) and, however busy,
STAFF_SESSION_MAX_AGE after signing in (default 12 hours; the cookie itself expires then too).
The person is sent to the sign-in page with a message saying why.

Readers have no session, and this never creates one: it looks only at requests that already
carry a session cookie.

The clock starts in a ``user_logged_in`` receiver (connected in apps.py), so every way of
signing in starts it: the admin's two steps, ``force_login`` in tests, any later login view.
The same receiver notes whether the person has two-factor devices (see two_factor.has_device),
so an ordinary staff request costs no extra query.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN_AT = "accounts_last_seen_at"
# Writing the session on every request would cost a database write per page; a minute's
# precision is plenty for a timeout counted in hours.
LAST_SEEN_PRECISION_SECONDS = 60


def mark_signed_in(request):
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def on_signed_in(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: start the session's clock, refresh the device flag."""
    if request is not None and hasattr(request, "session"):
        mark_signed_in(request)
    from articles.accounts.two_factor import remember_devices

    remember_devices(user)


def describe_duration(delta):
    """A whole number of hours or minutes in words: '2 hours', '15 minutes'."""
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def expiry_reason(session, now):
    """Why this session has run out, in words for the person, or None while it is still good."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        return None
    if now - signed_in_at > settings.STAFF_SESSION_MAX_AGE.total_seconds():
        return (
            f"For safety, sign-ins last at most {describe_duration(settings.STAFF_SESSION_MAX_AGE)}. "
            "Please sign in again to carry on."
        )
    if now - last_seen_at > settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds():
        idle = describe_duration(settings.STAFF_SESSION_IDLE_TIMEOUT)
        return f"You were signed out because nothing happened for {idle}. Please sign in again to carry on."
    return None


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            response = self._enforce(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _enforce(self, request):
        session = request.session
        now = time.time()
        if SIGNED_IN_AT not in session:
            # A session from before these limits (or made by force_login): count from now.
            mark_signed_in(request)
            return None
        reason = expiry_reason(session, now)
        if reason is None:
            if now - session[LAST_SEEN_AT] >= LAST_SEEN_PRECISION_SECONDS:
                session[LAST_SEEN_AT] = now
            return None
        logout(request)
        if not request.path.startswith(reverse("admin:index")):
            return None  # A reader's page: carry on, signed out.
        messages.warning(request, reason)
        return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.get_full_path()})}")
