"""Guessing passwords: after a few wrong tries the sign-in is paused, cheaply, and a superuser can lift it."""

from contextlib import contextmanager
from unittest import mock

import pytest
from axes.signals import user_locked_out
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.test import RequestFactory
from django.urls import reverse

from articles.accounts.throttling import client_ip
from tests.accounts.helpers import is_signed_in, post_password
from tests.html_safety import SITE_STYLESHEET

pytestmark = pytest.mark.django_db


def guess_wrong(client, user, times, **extra):
    return [post_password(client, user, "wrong-guess", **extra) for _ in range(times)]


def test_wrong_passwords_are_answered_normally_until_the_limit(client, editor_user, settings):
    responses = guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT - 1)
    assert [r.status_code for r in responses] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "Please enter the correct username and password" in responses[-1].content.decode()


def test_after_the_limit_even_the_right_password_is_refused(client, editor_user, settings):
    last = guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)[-1]
    assert last.status_code == 429
    right = post_password(client, editor_user)
    assert right.status_code == 429
    assert not is_signed_in(client)


def test_lockout_page_says_what_happened_for_how_long_and_whom_to_ask(client, editor_user, settings):
    settings.STAFF_SUPPORT_CONTACT = "web-team@example.org"
    page = guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)[-1].content.decode()
    assert "Sign-in is paused for a while" in page
    assert (
        f"There were {settings.AXES_FAILURE_LIMIT} unsuccessful attempts to sign in as “editor”, so signing in "
        "is paused for now for this account, and from this connection."
    ) in page
    assert "In <strong>15 minutes</strong>" in page
    assert '<a href="mailto:web-team@example.org">web-team@example.org</a>' in page
    assert "“Locked sign-ins”" in page


def test_lockout_page_names_the_administrators_when_no_contact_is_set(client, editor_user, settings):
    page = guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)[-1].content.decode()
    assert "Ask one of the site's administrators (a superuser) to unlock your account" in page


def test_lockout_page_runs_no_inline_script_or_style(client, editor_user, settings):
    response = guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)[-1]
    page = response.content.decode()
    assert "<script" not in page
    assert "style=" not in page
    assert "<style" not in page.replace(SITE_STYLESHEET, "")  # the one block the policy allows by its hash
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_locked_out_guess_costs_no_password_hashing(client, editor_user, settings):
    verify = MD5PasswordHasher.verify
    with mock.patch.object(MD5PasswordHasher, "verify", autospec=True, side_effect=verify) as hashed:
        guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)
        assert hashed.call_count == settings.AXES_FAILURE_LIMIT
        assert post_password(client, editor_user, "another-guess").status_code == 429
        assert post_password(client, editor_user).status_code == 429
        assert hashed.call_count == settings.AXES_FAILURE_LIMIT


def test_many_usernames_from_one_address_lock_that_address(client, editor_user, django_user_model, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": f"guess{number}", "password": "wrong-guess"})
    assert post_password(client, editor_user).status_code == 429


def test_one_account_guessed_from_many_addresses_is_locked(client, editor_user, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, editor_user, "wrong-guess", REMOTE_ADDR=f"198.51.100.{number + 1}")
    assert post_password(client, editor_user, REMOTE_ADDR="203.0.113.50").status_code == 429


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(client, editor_user, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": f"guess{number}", "password": "wrong-guess"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}",
        )
    assert post_password(client, editor_user, HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_behind_a_trusted_proxy_each_reader_is_counted_separately(client, editor_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": f"guess{number}", "password": "wrong-guess"},
            # The attacker's own header comes first; the proxy appends the address it saw.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}, 203.0.113.66",
        )
    assert post_password(client, editor_user, HTTP_X_FORWARDED_FOR="203.0.113.66").status_code == 429
    assert post_password(client, editor_user, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


@pytest.mark.parametrize(
    ("proxy_count", "remote_addr", "forwarded_for", "expected"),
    [
        (0, "127.0.0.1", "192.0.2.1", "127.0.0.1"),  # Default: the header is not believed.
        (1, "127.0.0.1", "192.0.2.1", "192.0.2.1"),
        (1, "127.0.0.1", "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # A forged first entry is ignored.
        (2, "127.0.0.1", "6.6.6.6, 192.0.2.1, 10.0.0.5", "192.0.2.1"),
        (1, "198.51.100.9", "192.0.2.1", "198.51.100.9"),  # Not from the proxy: header ignored.
        (1, "127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_client_address_is_read_from_the_proxy_only_as_configured(
    settings, proxy_count, remote_addr, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxy_count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)
    assert client_ip(request) == expected


def test_superuser_sees_the_locked_account_and_unlocks_it(client, editor_user, admin_client, settings):
    guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)
    page = admin_client.get(reverse("admin:locked_sign_ins")).content.decode()
    assert '<th scope="row">editor</th>' in page
    assert '<th scope="row">127.0.0.1</th>' in page

    response = admin_client.post(reverse("admin:locked_sign_ins"), {"username": "editor"}, follow=True)
    assert "Unlocked the account “editor”" in response.content.decode()
    admin_client.post(reverse("admin:locked_sign_ins"), {"ip_address": "127.0.0.1"})
    assert "No account is locked." in admin_client.get(reverse("admin:locked_sign_ins")).content.decode()
    assert post_password(client, editor_user).status_code == 302
    assert is_signed_in(client)


def test_only_superusers_may_unlock(client, editor_user, publisher_client, settings):
    guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)
    assert publisher_client.get(reverse("admin:locked_sign_ins")).status_code == 403
    assert publisher_client.post(reverse("admin:locked_sign_ins"), {"username": "editor"}).status_code == 403
    assert post_password(client, editor_user).status_code == 429


@contextmanager
def recording(signal):
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    signal.connect(receiver, weak=False)
    try:
        yield received
    finally:
        signal.disconnect(receiver)


def test_sign_in_signals_still_fire_for_the_audit_log(client, editor_user, settings):
    with (
        recording(user_login_failed) as failed,
        recording(user_locked_out) as locked,
        recording(user_logged_in) as logged_in,
    ):
        post_password(client, editor_user)
        client.post("/admin/logout/")
        guess_wrong(client, editor_user, settings.AXES_FAILURE_LIMIT)
    assert [kw["user"].username for kw in logged_in] == ["editor"]
    assert [kw["credentials"]["username"] for kw in failed] == ["editor"] * settings.AXES_FAILURE_LIMIT
    assert [(kw["username"], kw["ip_address"]) for kw in locked] == [("editor", "127.0.0.1")]
