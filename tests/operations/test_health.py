"""/healthz: what a load balancer and an operator see."""

import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from articles.operations import health

pytestmark = pytest.mark.django_db

# What must never appear in the answer: versions, hosts, paths, exception text.
SENSITIVE = ["Django", "Python", "PostgreSQL", "SQLite", "redis", "127.0.0.1", "/tmp", "Traceback", "Error"]


def test_healthy_site_answers_ok_for_each_check(client, media_root):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}
    assert not list((media_root / health.HEALTH_FOLDER).iterdir())  # the probe file is gone again


def test_answer_is_never_cached_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.parametrize("failing", ["database", "cache", "storage"])
def test_a_failing_check_answers_503_naming_it_and_nothing_else(client, monkeypatch, failing):
    secret = "connection to 10.1.2.3 failed: password authentication for /srv/secret Django 5.2"

    def broken():
        raise RuntimeError(secret)

    monkeypatch.setitem(health.CHECKS, failing, broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"][failing] == "fail"
    assert [name for name, result in body["checks"].items() if result == "fail"] == [failing]
    text = response.content.decode()
    for word in [*SENSITIVE, "10.1.2.3", "password", "secret"]:
        assert word not in text


def test_a_cache_that_loses_what_was_written_fails(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fail"


def test_storage_that_refuses_writes_fails(client, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(default_storage, "save", full_disk)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"] == "fail"


def test_load_balancer_probe_by_ip_over_http_is_answered(client, settings):
    """Probes come with the instance's IP as Host and over plain HTTP; pages stay protected."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["voices.example.org"]
    assert client.get("/healthz", HTTP_HOST="10.0.3.17:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.3.17:8000").status_code == 400
    assert client.get("/", HTTP_HOST="voices.example.org").status_code == 301


def test_only_reading_methods_are_allowed(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
