"""Signing in the way a person does: the admin's login form, then a real code from the device's key."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-password-1"  # The one tests/conftest.py gives every staff user.
LOGIN_URL = "/admin/login/?next=/admin/"


def code_for(device):
    """The 6-digit code an authenticator app would show now for this device."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def add_app(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def add_recovery_codes(user, codes=("abcd2345", "efgh6723")):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return list(codes)


def post_password(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": user.username, "password": password}, **extra)


def post_code(client, code, **extra):
    return client.post(reverse("admin:login_code"), {"otp_token": code}, **extra)


def is_signed_in(client):
    return client.get("/admin/").status_code == 200
