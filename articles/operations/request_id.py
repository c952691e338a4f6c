"""A request id on every log line, and security events on the ``security`` logger.

The id comes from the proxy's ``X-Request-ID`` header when it is a short run of safe
characters, so one id follows a request from the load balancer into our logs; anything else
(too long, spaces, quotes, control characters that could forge a log line) is ignored and a
fresh id is made. The response carries the id back so a reader's "something went wrong" can be
matched with its log lines.

Security events are logged at WARNING on the logger named ``security``: every 403 answer
(a refused permission check, whether a view returned it or raised ``PermissionDenied``),
refused uploads (``articles.admin.editor``) and login lockouts (django-axes; see README).
They record who and where, never what was submitted.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

import pythonjsonlogger.core
import pythonjsonlogger.json

HEADER = "X-Request-ID"
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
NO_REQUEST = "-"

current_request_id = ContextVar("request_id", default=NO_REQUEST)
access_log = logging.getLogger("access")
security_log = logging.getLogger("security")


class RequestIdFilter(logging.Filter):
    """Stamp each record with the id of the request being handled ("-" outside a request).

    Django logs 4xx and 5xx answers (``django.request``) after the middleware has returned,
    with the request attached to the record: the id is then read from the request.
    """

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current_request_id.get()
        return True


class JsonFormatter(pythonjsonlogger.json.JsonFormatter):
    """One JSON object per line: time, level, logger, message, request id and any ``extra``.

    Django attaches the request object to some records; its text holds the query string (a
    reader's search words), so it is left out, as is the server's internal socket field.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*pythonjsonlogger.core.RESERVED_ATTRS, "request", "server_time"])
        super().__init__(*args, **kwargs)


def incoming_id(request):
    candidate = request.headers.get(HEADER, "")
    return candidate if SAFE_ID.fullmatch(candidate) else uuid.uuid4().hex


def who(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestIdMiddleware:
    """Outermost middleware: everything logged below it, and the access line, carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id = incoming_id(request)
        token = current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            fields = {
                "method": request.method,
                "path": request.path,  # never the query string: search terms are readers' words
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            }
            if response.status_code == 403:
                security_log.warning("permission refused", extra={**fields, "user_id": who(request)})
            # A load balancer asks for /healthz every few seconds: those lines only at DEBUG.
            level = logging.DEBUG if getattr(response, "log_quietly", False) else logging.INFO
            access_log.log(level, "%s %s %s", request.method, request.path, response.status_code, extra=fields)
            return response
        finally:
            current_request_id.reset(token)
