"""The shipped Varnish configuration (deploy/varnish/) against a stand-in backend.

The backend answers with the headers the site promises (``Cache-Control``, ``Cache-Tag``) and
counts what reaches it, so each rule of the VCL is shown on its own: what is shared between
readers, what never is, how long, and who may ban what. The real site behind Varnish is in
test_caching_proxy.py.
"""

import http.client
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=30"


class Backend(ThreadingHTTPServer):
    """Serves ``pages[path] = headers``; each body says how many times the path was asked for."""

    daemon_threads = True

    def __init__(self):
        self.pages, self.seen = {}, Counter()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                path = self.path.split("?")[0]
                outer.seen[path] += 1
                body = f"{path} #{outer.seen[path]}".encode()
                self.send_response(200)
                for name, value in outer.pages.get(path, {"Cache-Control": PUBLIC}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = answer  # noqa: N815 - the HTTP methods' names

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def backend():
    server = Backend()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(backend, start_varnish):
    return start_varnish(backend.port)


def fetch(proxy, path, method="GET", headers=None, source="127.0.0.1", port=None):
    """(status, headers, body) from Varnish's public listener (or ``port``), sent from ``source``."""
    connection = http.client.HTTPConnection("127.0.0.1", port or proxy.port, timeout=10, source_address=(source, 0))
    try:
        connection.request(method, path, body=b"x=1" if method == "POST" else None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def ban(proxy, tags, source="127.0.0.1", port=None):
    """Sent to the purge listener, as the site does."""
    return fetch(
        proxy, "/", method="BAN", headers={"X-Purge-Tags": tags}, source=source, port=port or proxy.purge_port
    )[0]


def test_a_public_page_is_served_to_the_next_reader_from_the_cache(proxy, backend):
    backend.pages["/articles/a/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "article:1 lists"}
    first = fetch(proxy, "/articles/a/")
    second = fetch(proxy, "/articles/a/")
    assert first[2] == second[2] == "/articles/a/ #1"
    assert backend.seen["/articles/a/"] == 1
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("MISS", "HIT")


@pytest.mark.parametrize(
    ("shared", "path"),
    [
        ("/articles/", "/articles/?fbclid=IwAR3x_abc"),
        ("/articles/", "/articles/?utm_source=newsletter&utm_medium=email"),
        ("/articles/?page=2", "/articles/?utm_source=x&page=2&gclid=abc"),
        ("/articles/?page=2", "/articles/?page=2&fbclid=abc"),
    ],
)
def test_readers_arriving_from_a_post_or_newsletter_share_the_plain_pages_copy(proxy, backend, shared, path):
    fetch(proxy, shared)
    status, headers, body = fetch(proxy, path)
    assert (body, headers["X-Cache"]) == ("/articles/ #1", "HIT")


def test_parameters_that_change_the_page_are_kept(proxy, backend):
    fetch(proxy, "/search/?q=cells")
    assert fetch(proxy, "/search/?q=tumour&utm_source=x")[2] == "/search/ #2"


def test_readers_never_see_the_cache_tags(proxy, backend):
    backend.pages["/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "lists home"}
    for _ in range(2):
        assert "Cache-Tag" not in fetch(proxy, "/")[1]


@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=abc", "theme=dark; sessionid=abc", "messages=abc"])
def test_a_request_with_a_django_cookie_is_never_answered_from_the_cache_nor_stored(proxy, backend, cookie):
    fetch(proxy, "/articles/")
    assert fetch(proxy, "/articles/", headers={"Cookie": cookie})[2] == "/articles/ #2"
    assert fetch(proxy, "/articles/", headers={"Cookie": cookie})[2] == "/articles/ #3"
    assert fetch(proxy, "/articles/")[2] == "/articles/ #1"


def test_other_cookies_do_not_stop_readers_sharing_one_copy(proxy, backend):
    fetch(proxy, "/articles/")
    status, headers, body = fetch(proxy, "/articles/", headers={"Cookie": "_ga=GA1.1.123; theme=dark"})
    assert (body, headers["X-Cache"]) == ("/articles/ #1", "HIT")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/article/1/change/",
        "/preview/signed-token/",
        "/editor/markdownify/",
        "/donate/3/",
        "/healthz",
    ],
)
def test_staff_previews_donate_and_health_paths_always_reach_django(proxy, backend, path):
    backend.pages[path] = {"Cache-Control": PUBLIC}  # even if Django wrongly said public
    fetch(proxy, path)
    fetch(proxy, path)
    assert backend.seen[path] == 2


def test_a_post_always_reaches_django(proxy, backend):
    fetch(proxy, "/search/", method="POST")
    fetch(proxy, "/search/", method="POST")
    assert backend.seen["/search/"] == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": PUBLIC, "Set-Cookie": "csrftoken=secret; Path=/"},
        {"Cache-Control": "private, no-store"},
        {"Cache-Control": "max-age=60"},  # not marked public
        {"Cache-Control": "public"},  # no lifetime
        {},  # Django said nothing: passed, never guessed
    ],
    ids=["sets-a-cookie", "private", "not-public", "no-lifetime", "no-cache-control"],
)
def test_an_answer_not_marked_public_with_a_lifetime_is_never_stored(proxy, backend, headers):
    backend.pages["/page/"] = headers
    fetch(proxy, "/page/")
    status, _, body = fetch(proxy, "/page/")
    assert body == "/page/ #2"


def test_a_ban_drops_the_pages_carrying_any_of_its_tags_and_only_those(proxy, backend):
    backend.pages["/articles/one/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "article:1 topic:3"}
    backend.pages["/articles/twelve/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "article:12"}
    backend.pages["/articles/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "lists"}
    backend.pages["/authors/x/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "author:5"}
    for path in backend.pages:
        fetch(proxy, path)

    assert ban(proxy, "article:1 lists") == 200

    assert fetch(proxy, "/articles/one/")[2] == "/articles/one/ #2"
    assert fetch(proxy, "/articles/")[2] == "/articles/ #2"
    assert fetch(proxy, "/articles/twelve/")[2] == "/articles/twelve/ #1"  # article:1 is not article:12
    assert fetch(proxy, "/authors/x/")[2] == "/authors/x/ #1"


def test_only_the_purgers_acl_may_ban(proxy, backend):
    backend.pages["/articles/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "lists"}
    fetch(proxy, "/articles/")
    assert ban(proxy, "lists", source="127.0.0.2") == 403  # a loopback address outside the ACL
    assert fetch(proxy, "/articles/")[2] == "/articles/ #1"


@pytest.mark.parametrize("method", ["BAN", "PURGE"])
def test_a_ban_on_the_readers_listener_is_refused_even_from_localhost(proxy, backend, method):
    # A TLS terminator on the same machine forwards every reader's request from 127.0.0.1.
    backend.pages["/articles/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "lists"}
    fetch(proxy, "/articles/")
    assert fetch(proxy, "/", method=method, headers={"X-Purge-Tags": "lists"})[0] == 403
    assert fetch(proxy, "/articles/")[2] == "/articles/ #1"


@pytest.mark.parametrize("tags", [".*", "lists|.*", "", "a  b", "article:1)|(x"])
def test_a_ban_that_is_not_a_list_of_tags_is_refused(proxy, backend, tags):
    backend.pages["/articles/"] = {"Cache-Control": PUBLIC, "Cache-Tag": "lists"}
    fetch(proxy, "/articles/")
    assert ban(proxy, tags) == 400
    assert fetch(proxy, "/articles/")[2] == "/articles/ #1"


def test_a_reader_cannot_smuggle_tags_into_a_normal_request(proxy, backend):
    fetch(proxy, "/articles/", headers={"X-Purge-Tags": "lists"})
    assert fetch(proxy, "/articles/")[2] == "/articles/ #1"


def test_a_page_is_kept_no_longer_than_its_s_maxage(proxy, backend):
    backend.pages["/soon/"] = {"Cache-Control": "public, max-age=0, s-maxage=1"}
    fetch(proxy, "/soon/")
    assert fetch(proxy, "/soon/")[2] == "/soon/ #1"
    time.sleep(1.5)
    assert fetch(proxy, "/soon/")[2] == "/soon/ #2"


def test_a_stale_page_is_served_once_while_a_fresh_copy_is_fetched(proxy, backend):
    backend.pages["/stale/"] = {"Cache-Control": "public, max-age=0, s-maxage=1, stale-while-revalidate=60"}
    fetch(proxy, "/stale/")
    time.sleep(1.5)
    assert fetch(proxy, "/stale/")[2] == "/stale/ #1"  # stale, and a background fetch starts
    deadline = time.monotonic() + 5
    while backend.seen["/stale/"] < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # the fresh copy is being stored
    assert fetch(proxy, "/stale/")[2] == "/stale/ #2"
