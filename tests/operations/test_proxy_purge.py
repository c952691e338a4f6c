"""Bans sent to the caching proxies: what is sent, and that a proxy that is down harms nobody."""

import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.operations.proxy_purge import purge_tags


class FakeProxy(ThreadingHTTPServer):
    """Records the bans it is sent and answers each with ``status``."""

    def __init__(self, status=200):
        self.bans, self.status = [], status
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_BAN(self):  # noqa: N802 - the HTTP method's name
                outer.bans.append((self.path, self.headers["X-Purge-Tags"]))
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def proxy():
    server = FakeProxy()
    yield server
    server.shutdown()
    server.server_close()


def test_nothing_is_sent_when_no_proxy_is_configured(settings, proxy):
    settings.PROXY_PURGE_URLS = []
    assert purge_tags(["article:1"]) == 0
    assert proxy.bans == []


def test_every_proxy_gets_one_ban_with_each_tag_once(settings, proxy):
    other = FakeProxy()
    settings.PROXY_PURGE_URLS = [proxy.url, other.url]
    assert purge_tags(["lists", "article:12", "topic:3", "lists"]) == 2
    assert proxy.bans == [("/", "article:12 lists topic:3")]
    assert other.bans == proxy.bans
    other.shutdown()
    other.server_close()


def test_a_tag_the_proxy_would_refuse_is_left_out_not_the_whole_ban(settings, proxy, caplog):
    settings.PROXY_PURGE_URLS = [proxy.url]
    purge_tags(["article:1", ".*", "lists"])
    assert proxy.bans == [("/", "article:1 lists")]
    assert "'.*'" in caplog.text


def test_a_long_list_of_tags_goes_in_several_bans_each_under_the_header_limit(settings, proxy):
    settings.PROXY_PURGE_URLS = [proxy.url]
    tags = [f"article:{number}" for number in range(2000)]
    purge_tags(tags)
    assert len(proxy.bans) > 1
    assert all(len(header) <= 4000 for _, header in proxy.bans)
    assert sorted(tag for _, header in proxy.bans for tag in header.split()) == sorted(tags)


def test_a_proxy_that_is_down_or_refuses_is_logged_and_the_others_still_get_the_ban(settings, proxy, caplog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    refusing = FakeProxy(status=403)
    settings.PROXY_PURGE_URLS = [closed, refusing.url, proxy.url]
    with caplog.at_level(logging.WARNING, logger="articles.operations.proxy_purge"):
        assert purge_tags(["article:7"]) == 1
    assert proxy.bans == [("/", "article:7")]
    assert closed in caplog.text
    assert refusing.url in caplog.text
    refusing.shutdown()
    refusing.server_close()


def test_a_proxy_that_hangs_costs_at_most_the_timeout(settings):
    listener = socket.socket()  # accepts the connection, never answers
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    settings.PROXY_PURGE_URLS = [f"http://127.0.0.1:{listener.getsockname()[1]}/"]
    settings.PROXY_PURGE_TIMEOUT = 0.2
    try:
        assert purge_tags(["lists"]) == 0
    finally:
        listener.close()


def test_a_malformed_address_in_the_setting_is_logged_not_raised(settings, caplog):
    settings.PROXY_PURGE_URLS = ["varnish.internal:6081"]  # no scheme
    assert purge_tags(["lists"]) == 0
    assert "varnish.internal:6081" in caplog.text
