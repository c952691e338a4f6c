"""Answers for refused requests that say why, instead of a bare "Bad Request (400)" or a 500."""

import logging

from django.db import DataError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.html import format_html
from django.views import defaults

from articles.content.upload_limits import UploadTooLarge

logger = logging.getLogger(__name__)


def bad_request(request, exception=None):
    """``handler400``: an oversized upload is a 413 with the limit in words; anything else is Django's 400."""
    if isinstance(exception, UploadTooLarge):
        message = str(exception)
        if request.headers.get("X-Requested-With") == "XMLHttpRequest":
            return JsonResponse({"error": message}, status=413)
        return HttpResponse(
            format_html("<!doctype html><title>Upload too large</title><h1>Upload too large</h1><p>{}</p>", message),
            status=413,
        )
    return defaults.bad_request(request, exception)


class OutOfRangeNumberMiddleware:
    """A number in an address too large for Python's C types or the database is a 400, not a 500.

    Django's integer path converter and the admin's filters take numbers of any length;
    ``?published_at__year=99999999999999999999`` or ``?pk__in=…`` then fail deep inside a
    query (``OverflowError``, or PostgreSQL's "out of range"). Forms and views validate
    their own numbers (e.g. the revision compare form); this is the net for the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        out_of_range = isinstance(exception, OverflowError) or (
            isinstance(exception, DataError) and "out of range" in str(exception)
        )
        if not out_of_range:
            return None
        logger.warning("Refused an out-of-range number in %s: %s", request.get_full_path(), exception)
        return HttpResponseBadRequest(
            "A number in this address is too large. Please check the link.", content_type="text/plain"
        )
