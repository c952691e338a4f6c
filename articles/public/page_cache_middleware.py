"""Serving readers' pages from the page cache, with the HTTP caching headers that go with them.

Which requests may be answered from the cache: GET or HEAD, without a session or messages
cookie (staff and anyone just told something by a form get their own page), outside the
admin, the editor, share-link previews, media and the donation counter. Which responses are
stored (``articles.public.page_cache`` has the tags and the invalidation):

- the view declared what its page shows (``page_cache.shows``): only readers' views do;
- status 200, not streamed, no ``Set-Cookie``, no CSRF token used, no ``private``,
  ``no-store`` or ``no-cache`` (previews send never-cache headers), no ``Vary`` other than
  ``Accept-Encoding`` and ``Cookie``.

A stored page is sent with a weak ``ETag`` (a hash of the page) and ``Last-Modified`` (when it
was rendered), answered ``304 Not Modified`` when the browser already has it, and with
``Cache-Control: public, max-age, s-maxage, stale-while-revalidate`` capped so that no browser
or shared cache keeps it past the next scheduled publication or campaign change. Everything
else a request with a session cookie gets is ``private, no-store`` unless the view said more.
Every stored page carries ``Cache-Tag`` (its tags, space-separated) so a caching proxy can
drop pages by tag when the write path purges them (``articles.operations.proxy_purge``).

Compression and BREACH: only pages this middleware stores are compressed (gzip, or brotli
when the browser accepts it), and a page is stored only if it set no cookie and used no CSRF
token, so nothing secret is ever compressed beside text an attacker can reflect into the
page (the search query). Staff pages, forms with a token and everything else go out as the
view made them. A reader form on a cached page (the feedback form) posts without a CSRF
token (``csrf_exempt``) precisely so that the page stays public, cacheable and compressed.
The variants are compressed once, when the page is stored, never on a hit.
"""

import gzip
import hashlib
import time

import brotli
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from articles.public import page_cache

NEVER_SERVED_FROM_CACHE = ("/admin/", "/editor/", "/preview/", "/donate/", settings.MEDIA_URL)
# Set again for every answer (or left out on purpose): never copied from the stored response.
HEADERS_NOT_STORED = {
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "vary",
    "set-cookie",
    "cache-tag",
}
COMPRESSIBLE = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json")
MIN_COMPRESS_BYTES = 512
BROTLI_QUALITY = 5  # measured on 25 KB of text: 3 ms, and as small as 6 to 9 (4 to 50 ms); 11 took 150 ms


def _may_use_cache(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_ENABLED
        and not page_cache.is_personal(request)
        and not request.path.startswith(NEVER_SERVED_FROM_CACHE)
    )


def _storable(request, response):
    if getattr(request, "page_tags", None) is None:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    cache_control = {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= {"accept-encoding", "cookie"}


def _entry_of(response):
    body = response.content
    content_type = response.get("Content-Type", "")
    entry = {
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.items() if name.lower() not in HEADERS_NOT_STORED],
        "body": body,
        "etag": f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
        "created": time.time(),
        "br": None,
        "gzip": None,
    }
    if len(body) >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE):
        entry["br"] = brotli.compress(body, quality=BROTLI_QUALITY)
        entry["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
    return entry


def _accepted_encodings(request):
    accepted = set()
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        name, _, params = part.partition(";")
        if params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name.strip())
    return accepted


def cache_control(entry, now=None):
    """Public lifetimes for browsers and shared caches, never past the next scheduled change."""
    browser, shared = settings.PAGE_BROWSER_MAX_AGE, settings.PAGE_SHARED_MAX_AGE
    stale = settings.PAGE_STALE_WHILE_REVALIDATE
    if entry["next_change"] is not None:
        left = max(0, int(entry["next_change"] - (now or time.time())))
        browser, shared = min(browser, left), min(shared, left)
        stale = min(stale, left - shared)
    return f"public, max-age={browser}, s-maxage={shared}, stale-while-revalidate={stale}"


def respond_from(entry, request):
    """The stored page as an answer to ``request``: 304, or the body in the best encoding accepted."""
    headers = {
        "ETag": entry["etag"],
        "Last-Modified": http_date(entry["created"]),
        "Cache-Control": cache_control(entry),
        "Cache-Tag": " ".join(sorted(entry["tags"])),
    }
    body, encoding = entry["body"], None
    accepted = _accepted_encodings(request)
    if entry["br"] is not None and "br" in accepted:
        body, encoding = entry["br"], "br"
    elif entry["gzip"] is not None and "gzip" in accepted:
        body, encoding = entry["gzip"], "gzip"
    response = HttpResponse(body if request.method != "HEAD" else b"", status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    for name, value in headers.items():
        response[name] = value
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    if entry["gzip"] is not None:
        patch_vary_headers(response, ("Accept-Encoding",))
    return get_conditional_response(request, etag=entry["etag"], last_modified=int(entry["created"]), response=response)


class PageCacheMiddleware:
    """Answer readers from the page cache; store what readers' views declared cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            response = self.get_response(request)
            if page_cache.is_personal(request) and "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-store"
            return response
        key = page_cache.page_key(request)
        entry, generation = page_cache.lookup(key)
        if entry is not None:
            return respond_from(entry, request)
        # Before rendering: if a scheduled moment has just passed, the lists cached by time are
        # started afresh first, so this page is rendered from the new state.
        next_change = page_cache.next_change_at()
        request.page_tags = None
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        entry = page_cache.store(key, _entry_of(response), request.page_tags, generation, next_change)
        if entry is None:
            return response
        return respond_from(entry, request)
