"""Production settings, security headers and the back ends the suite runs against."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tests.factories import ArticleFactory
from tests.images import image_bytes, upload

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k7Qm2vX9pL4sT8wZ1cR6yB3nH5jF0dG2aE9uI7oP4xV1mN8qS3tY6wK0lJ5hC2bD",
    "DJANGO_ALLOWED_HOSTS": "voices.example.org",
    "DJANGO_SETTINGS_MODULE": "site_project.settings",
}


def run_manage(*args, env):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env={**clean_env, **env}, capture_output=True, text=True
    )


def test_deploy_check_is_silent_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must" in result.stderr


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_admin_is_served_under_the_same_policy(admin_client):
    response = admin_client.get("/admin/articles/article/add/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_forbid_framing_and_sniffing(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_uploaded_media_is_served_as_an_image_that_cannot_run_script(client):
    article = ArticleFactory(hero_image=upload(image_bytes()), hero_alt="Cells")
    response = client.get(article.hero_image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_media_paths_cannot_escape_the_media_folder(client):
    assert client.get("/media/../site_project/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/site_project/settings.py").status_code == 404


def test_cache_round_trip_uses_the_configured_back_end():
    cache.set("research-voices-check", {"ok": True}, 30)
    assert cache.get("research-voices-check") == {"ok": True}
    if os.environ.get("REDIS_URL"):
        assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db
def test_admin_login_session_works_through_the_cache(client, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    response = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "a-long-password-1"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_suite_runs_on_the_database_it_was_given():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith("postgres") else "sqlite"
    assert connection.vendor == expected


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_run_uses_a_real_server():
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")
