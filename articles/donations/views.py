"""The donate button's endpoint: count the click, then send the reader on.

Privacy by construction: the view reads no session and sets no cookie, and what it
stores is one increment of a daily count per (link, article) — never the reader's IP
address or user agent. The user agent is only looked at, to leave obvious crawlers
out of the figures; it is not kept.

The redirect target is the link's stored address, checked again against the allowed
donation hosts, so this URL can never be used to send people anywhere else.

Only a reader's own click is counted. Browsers say what a request is for in the
fetch-metadata headers: an ``<img src="/donate/1/">`` on any page (ours or another site's)
arrives with ``Sec-Fetch-Dest: image``, ``Sec-Fetch-Mode: no-cors``; a click on the button
is a top-level navigation (``navigate`` / ``document``). When the headers are present,
anything else is not counted. Every request is still redirected to the donation page, and
the redirect never depends on the count being written: a locked or failing database is
logged and the reader goes on to donate.
"""

import logging
import re

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.donations.hosts import campaign_url, validate_donation_url
from articles.models import Article, DonationClickCount, DonationLink

logger = logging.getLogger(__name__)

# Automated clients that announce themselves; a reader's browser never says these words.
CRAWLER_USER_AGENT = re.compile(
    r"bot[/;)_-]|\bbot\b|crawl|spider|slurp|facebookexternalhit|embedly|preview|"
    r"python-requests|python-urllib|curl/|wget/|httpclient|okhttp|go-http-client|headless",
    re.IGNORECASE,
)
ARTICLE_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_countable(request):
    """A real reader's click: a GET, a top-level navigation, not a prefetch, not from a crawler."""
    if request.method != "GET":
        return False
    if any("prefetch" in request.META.get(header, "").lower() for header in PREFETCH_HEADERS):
        return False
    mode, destination = request.headers.get("Sec-Fetch-Mode"), request.headers.get("Sec-Fetch-Dest")
    if (mode is not None and mode != "navigate") or (destination is not None and destination != "document"):
        return False  # An image, script, fetch or frame embedding the URL, not a click.
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return bool(user_agent) and not CRAWLER_USER_AGENT.search(user_agent)


def article_clicked_from(slug):
    """The published article named by ``?from=``, or None for anything else."""
    if not ARTICLE_SLUG.fullmatch(slug):
        return None  # Also keeps odd input (NUL bytes, huge strings) away from the database.
    return Article.objects.published().filter(slug=slug).only("pk", "slug").first()


@never_cache  # Every click must reach us to be counted; browsers and proxies must not replay it.
@require_safe
def donate(request, link_id):
    link = get_object_or_404(DonationLink, pk=link_id)
    try:
        validate_donation_url(link.url)
    except ValidationError:
        logger.error("Donation link %s points outside DONATION_ALLOWED_HOSTS; not redirecting.", link.pk)
        raise Http404("This donation link is not available.") from None
    article = article_clicked_from(request.GET.get("from", ""))
    if is_countable(request):
        try:
            DonationClickCount.objects.record(link.pk, article.pk if article else None)
        except DatabaseError:
            logger.exception("Could not count a click on donation link %s; the reader was sent on anyway.", link.pk)
    response = HttpResponseRedirect(campaign_url(link.url, link.campaign, article.slug if article else ""))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
