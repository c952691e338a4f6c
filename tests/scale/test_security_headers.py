"""Production response headers and cookie flags, read from a real gunicorn on production settings.

The MDN HTTP Observatory (benchmarks/observatory.py) scores the home page; these tests check
the same things on every kind of response and on the cookies signing in sets, which the
Observatory's visit to the home page never sees.
"""

from http.cookies import SimpleCookie

import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory
from tests.images import image_bytes
from tests.scale.browser import PASSWORD, Browser, admin_login, server_user

# serialized_rollback like every other test that commits: the next one starts from the migrated database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def header(pairs, name):
    values = [value for key, value in pairs if key.lower() == name.lower()]
    assert len(values) <= 1, values
    return values[0] if values else None


def set_cookies(pairs):
    cookies = {}
    for key, value in pairs:
        if key.lower() == "set-cookie":
            cookies.update(SimpleCookie(value))
    return cookies


@pytest.fixture
def site(start_server):
    author = AuthorFactory(photo=ContentFile(image_bytes(), name="face.png"), photo_alt="A smiling researcher")
    article = ArticleFactory(authors=[author])
    link = DonationLinkFactory()
    server = start_server()
    return {"server": server, "article": article, "author": author, "link": link}


def test_every_kind_of_response_refuses_cross_origin_use(site):
    browser = Browser(site["server"].url)
    paths = {
        "home": "/",
        "article": site["article"].get_absolute_url(),
        "media": site["author"].photo.url,
        "static": "/static/css/site.css",
        "robots": "/robots.txt",
        "feed": "/feeds/rss/",
        "not found": "/no-such-page/",
        "donate redirect": f"/donate/{site['link'].pk}/?from={site['article'].slug}",
        "admin login": "/admin/login/",
    }
    seen = {}
    for label, path in paths.items():
        status, pairs, _ = browser.get(path)
        seen[label] = (status, header(pairs, "Cross-Origin-Resource-Policy"), header(pairs, "X-Content-Type-Options"))
    assert seen == {
        "home": (200, "same-origin", "nosniff"),
        "article": (200, "same-origin", "nosniff"),
        "media": (200, "same-origin", "nosniff"),
        "static": (200, "same-origin", "nosniff"),
        "robots": (200, "same-origin", "nosniff"),
        "feed": (200, "same-origin", "nosniff"),
        "not found": (404, "same-origin", "nosniff"),
        "donate redirect": (302, "same-origin", "nosniff"),
        "admin login": (200, "same-origin", "nosniff"),
    }


def test_pages_carry_the_headers_the_observatory_grades(site):
    status, pairs, _ = Browser(site["server"].url).get("/")
    assert status == 200
    policy = header(pairs, "Content-Security-Policy")
    directives = set(policy.split("; "))
    assert {"default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'"} <= directives
    assert "unsafe" not in policy
    assert header(pairs, "Strict-Transport-Security").startswith("max-age=31536000")
    assert header(pairs, "Referrer-Policy") == "strict-origin-when-cross-origin"
    assert header(pairs, "Cross-Origin-Opener-Policy") == "same-origin"
    assert header(pairs, "X-Frame-Options") == "DENY"


def test_public_pages_set_no_cookies(site):
    browser = Browser(site["server"].url)
    for path in ("/", site["article"].get_absolute_url(), "/articles/", "/search/?q=immune"):
        status, pairs, _ = browser.get(path)
        assert status == 200, path
        assert set_cookies(pairs) == {}, path


def test_signing_in_sets_only_secure_samesite_cookies_and_a_script_proof_session(site, django_user_model):
    server_user(django_user_model, "cookie-editor", is_staff=True)
    browser = Browser(site["server"].url)
    status, login_page, _ = browser.get("/admin/login/")
    _, signed_in, _ = admin_login(browser, "cookie-editor", PASSWORD)
    cookies = {**set_cookies(login_page), **set_cookies(signed_in)}

    assert {"csrftoken", "sessionid"} <= set(cookies)
    for name, cookie in cookies.items():
        assert cookie["secure"] is True, name
        assert cookie["samesite"] == "Lax", name
    assert cookies["sessionid"]["httponly"] is True
    # The CSRF cookie stays readable by script on purpose: django-markdownx's editor reads it
    # to send the token with its preview and upload requests. It proves nothing on its own.
    assert cookies["csrftoken"]["httponly"] == ""
