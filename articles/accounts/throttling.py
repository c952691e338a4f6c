"""Failed sign-ins are counted and, past a limit, refused for a while (django-axes).

Without this, the admin login answered unlimited password guesses, and each wrong guess cost
about half a second of a worker's CPU in password hashing, so guessing was also a cheap way to
tie up the whole site. django-axes' backend sits first in AUTHENTICATION_BACKENDS: a sign-in
that is locked out is refused *before* any password is hashed. The second step (the code from
an authenticator app) counts its failures in the same place, so a stolen password does not
buy unlimited code guesses.

Counting needs the real client address. Behind a proxy every request comes from the proxy,
so everybody would share one counter; but believing X-Forwarded-For from anyone would let an
attacker pick a fresh address for every guess. So the header is read only when the request
comes from a configured proxy (TRUSTED_PROXIES), and only the entries the trusted proxies
wrote themselves (the last TRUSTED_PROXY_COUNT). The default trusts no header at all.
"""

import ipaddress
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.utils import timezone
from ipware.ip import get_client_ip


def _from_trusted_proxy(remote_addr):
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The address failed sign-ins are counted against (AXES_CLIENT_IP_CALLABLE)."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1 or not _from_trusted_proxy(remote_addr):
        return remote_addr
    # The proxy nearest us wrote the last entry; with N trusted proxies the client is the
    # N-th entry from the right. Anything further left was sent by the client and is ignored.
    forwarded, _ = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=count - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return forwarded or remote_addr


def is_locked_out(request, username):
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def lockout_response(request, username):
    return get_lockout_response(request, credentials={"username": username})


def record_failure(request, username, sender):
    """Counts a failed step after the password (a wrong code) like a wrong password.

    Sent as Django's own ``user_login_failed`` so the audit log sees it too; when it reaches the
    limit, axes marks the request and its middleware answers with the lockout page.
    """
    user_login_failed.send(sender=sender, credentials={"username": username}, request=request)


def cooloff():
    return settings.AXES_COOLOFF_TIME or timedelta(0)


def current_lockouts():
    """Accounts and addresses refused sign-in right now, for the superusers' unlock page."""
    since = timezone.now() - cooloff()
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)

    def locked_by(field):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last_attempt")
        )
        return [
            {"value": row[field], "failures": row["failures"], "until": row["last_attempt"] + cooloff()} for row in rows
        ]

    return {"accounts": locked_by("username"), "addresses": locked_by("ip_address")}


def unlock(*, username=None, ip_address=None):
    """Forgets the failed sign-ins of one account or one address; returns how many records went."""
    if username:
        return reset(username=username)
    if ip_address:
        return reset(ip=ip_address)
    return 0
