"""Staff sessions end after inactivity and after a fixed lifetime; readers still get no cookie."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.accounts.helpers import is_signed_in, post_password
from tests.test_deployment import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

START = "2026-03-02 09:00:00 +0000"


def test_two_idle_hours_sign_staff_out_with_the_reason(client, editor_user):
    with time_machine.travel(START, tick=False) as traveller:
        post_password(client, editor_user)
        assert is_signed_in(client)
        traveller.shift(timedelta(hours=2, minutes=1))
        response = client.get(reverse("admin:articles_article_changelist"))
        assert response.status_code == 302
        assert response.url == "/admin/login/?next=%2Fadmin%2Farticles%2Farticle%2F"
        page = client.get(response.url).content.decode()
        assert "You were signed out because nothing happened for 2 hours." in page
        assert not is_signed_in(client)


def test_activity_keeps_the_session_going(client, editor_user):
    with time_machine.travel(START, tick=False) as traveller:
        post_password(client, editor_user)
        for _ in range(5):
            traveller.shift(timedelta(minutes=90))
            assert is_signed_in(client)


def test_even_a_busy_session_ends_after_twelve_hours(client, editor_user, settings):
    settings.STAFF_SESSION_MAX_AGE = timedelta(hours=4)  # Below the cookie's own 12-hour life.
    with time_machine.travel(START, tick=False) as traveller:
        post_password(client, editor_user)
        for _ in range(7):
            traveller.shift(timedelta(minutes=30))
            assert is_signed_in(client)
        traveller.shift(timedelta(minutes=31))
        page = client.get("/admin/", follow=True).content.decode()
        assert "For safety, sign-ins last at most 4 hours." in page
        assert not is_signed_in(client)


def test_idle_limit_is_configurable(client, editor_user, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=20)
    with time_machine.travel(START, tick=False) as traveller:
        post_password(client, editor_user)
        traveller.shift(timedelta(minutes=21))
        assert "nothing happened for 20 minutes" in client.get("/admin/", follow=True).content.decode()


def test_an_expired_staff_session_reads_public_pages_as_a_reader(client, editor_user):
    with time_machine.travel(START, tick=False) as traveller:
        post_password(client, editor_user)
        traveller.shift(timedelta(hours=3))
        assert client.get(reverse("articles:home")).status_code == 200
        assert not is_signed_in(client)


def test_readers_get_no_cookie(client):
    for path in [reverse("articles:home"), reverse("articles:article_list"), "/no-such-page/"]:
        response = client.get(path)
        assert response.cookies == {}, path


def test_session_cookie_lasts_no_longer_than_the_session(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60


SHOW_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({'2fa': s.REQUIRE_2FA, "
    "'secure': s.SESSION_COOKIE_SECURE, 'httponly': s.SESSION_COOKIE_HTTPONLY, 'samesite': s.SESSION_COOKIE_SAMESITE, "
    "'proxies': s.TRUSTED_PROXY_COUNT}))"
)


def production_settings(**env):
    result = run_manage("shell", "-c", SHOW_SETTINGS, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_requires_two_factor_and_keeps_the_cookie_locked_down():
    assert production_settings() == {
        "2fa": True,
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
        "proxies": 0,
    }


def test_two_factor_can_be_turned_off_explicitly_and_is_off_in_development():
    assert production_settings(DJANGO_REQUIRE_2FA="false")["2fa"] is False
    assert production_settings(DJANGO_DEBUG="true")["2fa"] is False
