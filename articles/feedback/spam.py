"""Keeping robots and floods out of readers' feedback without cookies, sessions or a captcha.

The form is served on cached article pages, so it cannot carry a CSRF token (a token would
tie every cached copy to one visitor's cookie). What defends it instead:

* **Same site**: a browser says where a POST comes from (``Sec-Fetch-Site``, else ``Origin``,
  else ``Referer``); when it says another site, the answer is refused. Browsers that say
  nothing are let through, as privacy tools may strip the headers.
* **A honeypot**: a hidden box that people leave empty and robots fill (``forms.TRAP_FIELD``).
* **A rate limit per client**, counted in the cache under a salted hash of the client's
  address (found as the sign-in throttle finds it, so a proxy does not make everyone one
  client). The address itself is never stored, and the counter expires with its window.
* **Length limits** on every field (``forms.FeedbackForm``).
"""

import hashlib
import hmac
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from articles.accounts.throttling import client_ip

SAME_SITE = {"same-origin", "same-site", "none"}


def from_another_site(request):
    """True when the browser says the form was sent from a page of another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.lower() not in SAME_SITE
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value and value != "null":
            return not _is_this_site(value, request)
    return False


def _is_this_site(url, request):
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    return origin == f"{request.scheme}://{request.get_host()}".lower() or origin in {
        trusted.lower() for trusted in settings.CSRF_TRUSTED_ORIGINS
    }


def _counter_key(request):
    digest = hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()
    return f"feedback-sent:{digest[:32]}"


def over_the_limit(request):
    """Counts this answer against its client; True once the client has sent more than the limit in the window."""
    key, window = _counter_key(request), settings.FEEDBACK_RATE_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return False
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=window)
        return False
    return sent > settings.FEEDBACK_RATE_LIMIT
