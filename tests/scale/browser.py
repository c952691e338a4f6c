"""A minimal HTTP client for real servers: raw Set-Cookie headers, cookies kept by hand.

Standard cookie jars refuse to send ``Secure`` cookies over plain http; the servers in these
tests speak http behind a pretend TLS proxy (``X-Forwarded-Proto: https``), as gunicorn does
behind the production proxy, so cookies are kept here and sent whatever their flags.
"""

import http.client
import re
from html import unescape
from html.parser import HTMLParser
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


class _FormReader(HTMLParser):
    """The fields a browser would submit from the form with ``form_id``, unchanged."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that follows <textarea>.
            name, value = self._textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None


def form_fields(html, form_id):
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields


def save_article_in_admin(browser, article_id, action="save", **changes):
    """Open the article's admin change form and press one of its buttons (``action``) with ``changes``.

    A live article's changes are saved as its working copy; ``publish_live_changes`` publishes them.
    """
    path = f"/admin/articles/article/{article_id}/change/"
    status, _, html = browser.get(path)
    assert status == 200, status
    fields = [(name, value) for name, value in form_fields(html, "article_form") if name not in changes]
    fields += list(changes.items()) + [("_action", action)]
    return browser.post(path, fields)


def confirm_in_admin(browser, path, **fields):
    """Press the confirmation button of an admin page (publish, unpublish, publish changes…)."""
    status, _, html = browser.get(path)
    assert status == 200, status
    return browser.post(path, {"csrfmiddlewaretoken": csrf_token(html), **fields})


def publish_live_changes(browser, article_id, **changes):
    """A Publisher's edit of a live article, published at once after the review page."""
    status, _, _ = save_article_in_admin(browser, article_id, "publish_changes", **changes)
    assert status == 302, status
    return confirm_in_admin(browser, f"/admin/articles/article/{article_id}/changes/", _action="publish")
