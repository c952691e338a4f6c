"""``/healthz``: may this instance take traffic?

It checks what a page needs: the database answers a query, the cache gives back what was
just written to it, and media storage accepts (and deletes) a tiny file. The answer is JSON,
200 when all pass, 503 naming the failed check otherwise.

Exposure: the answer says only "ok" or "fail" per check, never versions, host names, paths or
exception text (those go to the log, under the request id). It is never cached and sets no
cookie.

Load balancers ask by IP address and over plain HTTP, so this middleware answers before
Django validates the Host header (``ALLOWED_HOSTS``) or redirects to HTTPS: it sits right after
the request id middleware, ahead of ``SecurityMiddleware`` and ``CommonMiddleware``. That is
safe because the answer depends on neither the host nor the scheme, and it builds no URL.
A storage check writes one tiny file per request; keep the probe interval to seconds, and put
the endpoint behind the proxy's access rules if it should not be reachable from outside.
"""

import json
import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed

PATH = "/healthz"
HEALTH_FOLDER = "health"
log = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def check_storage():
    name = default_storage.save(f"{HEALTH_FOLDER}/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        return default_storage.exists(name)
    finally:
        default_storage.delete(name)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def run_checks():
    results = {}
    for name, check in CHECKS.items():
        try:
            passed = check()
        except Exception:  # any failure means "fail"; its details go to the log only
            log.exception("health check %s failed", name)
            passed = False
        else:
            if not passed:
                log.error("health check %s gave a wrong answer", name)
        results[name] = "ok" if passed else "fail"
    return results


def health_response(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    body = {"status": "ok" if healthy else "fail", "checks": checks}
    response = HttpResponse(json.dumps(body), content_type="application/json", status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response.log_quietly = healthy
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return health_response(request)
        return self.get_response(request)
