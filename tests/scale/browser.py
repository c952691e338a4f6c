"""A minimal HTTP client for real servers: raw Set-Cookie headers, cookies kept by hand.

Standard cookie jars refuse to send ``Secure`` cookies over plain http; the servers in these
tests speak http behind a pretend TLS proxy (``X-Forwarded-Proto: https``), as gunicorn does
behind the production proxy, so cookies are kept here and sent whatever their flags.
"""

import http.client
import re
from html import unescape
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class Browser:
    user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.cookies = {}

    def request(self, method, path, data=None, headers=None):
        """Returns (status, headers as a list of pairs, body text). Redirects are not followed."""
        parts = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        sent = {
            "Host": parts.netloc,
            "User-Agent": self.user_agent,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{parts.netloc}",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            pairs = response.getheaders()
        finally:
            connection.close()
        for name, value in pairs:
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(morsel.key, None)
                    else:
                        self.cookies[morsel.key] = morsel.value
        return response.status, pairs, text

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


def csrf_token(html):
    return unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))


def admin_login(browser, username, password):
    """Sign in through the admin's login form, as a person would. Returns the POST's answer.

    The one place the tests log in over HTTP: when sign-in gains steps (lockout, second
    factor), only this function changes.
    """
    status, _, html = browser.get("/admin/login/?next=/admin/")
    assert status == 200, status
    answer = browser.post(
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": csrf_token(html), "username": username, "password": password, "next": "/admin/"},
    )
    assert answer[0] == 302, f"login refused: {answer[0]} {answer[2][:500]}"
    return answer


PASSWORD = "a-long-password-1"


def server_user(django_user_model, username, **fields):
    """A user who can sign in to a production server: the test suite's fast MD5 hasher is not
    among production's hashers, so the password is hashed with production's default."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password

    user = django_user_model.objects.create(username=username, email=f"{username}@example.org", **fields)
    user.password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
    user.save(update_fields=["password"])
    return user
