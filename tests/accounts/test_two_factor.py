"""Two-factor sign-in: a Publisher's password alone opens nothing; a real code from the app does."""

import re
from base64 import b32encode

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import (
    add_app,
    add_recovery_codes,
    code_for,
    is_signed_in,
    post_code,
    post_password,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_factor_required(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def publisher_with_app(publisher_user):
    return publisher_user, add_app(publisher_user)


def test_after_the_password_the_code_is_asked_for_and_nothing_is_open_yet(client, publisher_with_app):
    publisher, _ = publisher_with_app
    response = post_password(client, publisher)
    assert response.status_code == 302
    assert response.url == reverse("admin:login_code")
    page = client.get(response.url).content.decode()
    assert "Enter your code" in page
    assert not is_signed_in(client)
    assert client.post("/editor/markdownify/", {"content": "**draft**"}).status_code != 200


def test_the_right_code_from_the_app_signs_in(client, publisher_with_app, two_factor_required):
    publisher, device = publisher_with_app
    post_password(client, publisher)
    response = post_code(client, code_for(device))
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert is_signed_in(client)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_a_wrong_code_is_refused_with_the_reason(client, publisher_with_app, two_factor_required):
    publisher, device = publisher_with_app
    post_password(client, publisher)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = post_code(client, wrong)
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert not is_signed_in(client)


def test_a_recovery_code_works_once(client, publisher_with_app, two_factor_required):
    publisher, _ = publisher_with_app
    first, _second = add_recovery_codes(publisher)
    post_password(client, publisher)
    response = post_code(client, first.upper(), follow=True)
    assert "You signed in with a recovery code; it will not work again. 1 left." in response.content.decode()
    assert is_signed_in(client)

    client.post(reverse("admin:logout"))
    post_password(client, publisher)
    assert "That code is not right." in post_code(client, first).content.decode()
    assert not is_signed_in(client)


def test_wrong_codes_lock_the_sign_in_like_wrong_passwords(client, publisher_with_app, two_factor_required, settings):
    publisher, device = publisher_with_app
    post_password(client, publisher)
    statuses = [post_code(client, "000000").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert post_code(client, code_for(device)).status_code == 429
    assert "Sign-in is paused for a while" in post_password(client, publisher).content.decode()
    assert not is_signed_in(client)


def test_the_code_step_cannot_be_reached_without_the_password(client, publisher_with_app):
    response = post_code(client, code_for(publisher_with_app[1]))
    assert response.status_code == 302
    assert response.url == reverse("admin:login")
    assert not is_signed_in(client)


def test_the_code_step_expires_after_a_few_minutes(client, publisher_with_app):
    publisher, device = publisher_with_app
    with time_machine.travel("2026-03-02 10:00:00 +0000", tick=False) as traveller:
        post_password(client, publisher)
        traveller.shift(6 * 60)
        response = post_code(client, code_for(device))
    assert response.url == reverse("admin:login")
    assert not is_signed_in(client)


def test_a_publisher_without_the_app_is_held_on_the_set_up_page(client, publisher_user, two_factor_required):
    post_password(client, publisher_user)
    for path in ["/admin/", reverse("admin:articles_article_changelist"), reverse("admin:articles_article_add")]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("admin:two_factor")
    assert client.post("/editor/markdownify/", {"content": "**draft**"}).status_code != 200
    page = client.get(reverse("admin:two_factor")).content.decode()
    assert "Because you can publish articles, you need to set up two-factor sign-in" in page


def test_setting_up_the_app_shows_a_qr_code_and_the_key_then_recovery_codes_once(
    client, publisher_user, two_factor_required
):
    post_password(client, publisher_user)
    page = client.get(reverse("admin:two_factor")).content.decode()
    assert re.search(r'<svg [^>]*class="qr-code"', page)
    device = TOTPDevice.objects.get(user=publisher_user, confirmed=False)
    secret = re.search(r'<code class="two-factor-setup__secret" id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()

    with time_machine.travel("2026-03-02 10:00:00 +0000", tick=False) as traveller:
        refused = client.post(reverse("admin:two_factor"), {"otp_token": "123"})
        assert "That code does not match." in refused.content.decode()
        assert client.get("/admin/").status_code == 302
        traveller.shift(5)  # django-otp makes the next try wait a second after a wrong code.
        response = client.post(reverse("admin:two_factor"), {"otp_token": code_for(device)}, follow=True)
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
        assert len(codes) == 10
        stored = StaticToken.objects.filter(device__user=publisher_user).values_list("token", flat=True)
        assert set(codes) == set(stored)
        assert is_signed_in(client)
        again = client.get(reverse("admin:recovery_codes")).content.decode()
        assert not any(code in again for code in codes)
        assert "Recovery codes are shown only once" in again


def test_after_setting_up_the_next_sign_in_asks_for_the_code(client, publisher_user, two_factor_required):
    post_password(client, publisher_user)
    client.get(reverse("admin:two_factor"))
    device = TOTPDevice.objects.get(user=publisher_user)
    client.post(reverse("admin:two_factor"), {"otp_token": code_for(device)})
    client.post(reverse("admin:logout"))
    assert post_password(client, publisher_user).url == reverse("admin:login_code")


def test_superusers_must_use_two_factor_sign_in_too(client, django_user_model, two_factor_required):
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    post_password(client, chief)
    assert client.get("/admin/").url == reverse("admin:two_factor")


def test_editors_sign_in_with_a_password_alone(client, editor_user, two_factor_required):
    post_password(client, editor_user)
    assert is_signed_in(client)


def test_when_not_required_publishers_sign_in_with_a_password_alone(client, publisher_user):
    post_password(client, publisher_user)
    assert is_signed_in(client)


def test_a_session_that_skipped_the_code_is_signed_out(client, publisher_with_app):
    publisher, _ = publisher_with_app
    client.force_login(publisher)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "Please sign in again with your password and a code from your app." in response.content.decode()
    assert not is_signed_in(client)


def test_signed_in_staff_can_make_new_recovery_codes_which_replace_the_old(client, publisher_with_app):
    publisher, device = publisher_with_app
    old = add_recovery_codes(publisher)
    post_password(client, publisher)
    post_code(client, code_for(device))
    response = client.post(reverse("admin:two_factor"), {"action": "new-recovery-codes"}, follow=True)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_new_pages_run_no_inline_script_or_style(client, publisher_user, two_factor_required):
    post_password(client, publisher_user)
    for name in ["admin:two_factor", "admin:recovery_codes"]:
        page = client.get(reverse(name)).content.decode()
        assert "style=" not in page, name
        assert "<script>" not in page, name


def test_setting_up_the_app_signs_out_sessions_that_began_before(client, editor_user):
    from django.test import Client

    older = Client()
    post_password(older, editor_user)
    assert is_signed_in(older)

    post_password(client, editor_user)
    client.get(reverse("admin:two_factor"))
    device = TOTPDevice.objects.get(user=editor_user)
    client.post(reverse("admin:two_factor"), {"otp_token": code_for(device)})

    assert is_signed_in(client)
    assert not is_signed_in(older)
