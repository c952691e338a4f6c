"""Tell the caching proxies in front of the site to drop pages that a change made stale.

After every change through the editorial write path the site calls ``purge_tags(tags)`` with
the tags of the pages that show the changed content (``article:12``, ``lists``, ``topic:3``…,
the same words the pages carry in their ``Cache-Tag`` header). Each endpoint listed in
``PROXY_PURGE_URLS`` (a Varnish purge listener) gets ``BAN /`` with the tags in ``X-Purge-Tags``; Varnish with
``deploy/varnish/research-voices.vcl`` then bans every cached object carrying one of them.

An editor's publish never fails or waits long because a proxy is down: every endpoint gets a
short timeout (``PROXY_PURGE_TIMEOUT`` seconds), all are asked at once, and a failure is
logged, not raised. What a proxy missed it drops by itself when the page's ``s-maxage`` ends.
With no endpoints configured (the default) nothing is sent.
"""

import logging
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

logger = logging.getLogger(__name__)

# The VCL refuses anything else; checking here keeps a bad tag from failing a whole ban.
TAG = re.compile(r"^[A-Za-z0-9_:-]+$")
# Varnish refuses request headers longer than 8 KB by default: long lists go in several bans.
MAX_HEADER_CHARS = 4000
# Straight to the proxy: an http_proxy variable in the environment must not divert bans.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def purge_tags(tags):
    """Ban ``tags`` on every configured proxy; returns how many proxies accepted every ban."""
    endpoints = list(getattr(settings, "PROXY_PURGE_URLS", []))
    wanted = sorted({tag for tag in tags if tag})
    if not endpoints or not wanted:
        return 0
    valid = [tag for tag in wanted if TAG.match(tag)]
    if len(valid) != len(wanted):
        logger.error("Cache tags a proxy cannot ban were left out: %s", sorted(set(wanted) - set(valid)))
    batches = list(_batches(valid))
    if not batches:
        return 0
    with ThreadPoolExecutor(max_workers=min(8, len(endpoints))) as pool:
        results = list(pool.map(lambda endpoint: _ban_all(endpoint, batches), endpoints))
    return sum(results)


def _batches(tags):
    batch = []
    for tag in tags:
        if batch and len(" ".join([*batch, tag])) > MAX_HEADER_CHARS:
            yield " ".join(batch)
            batch = []
        batch.append(tag)
    if batch:
        yield " ".join(batch)


def _ban_all(endpoint, batches):
    timeout = float(getattr(settings, "PROXY_PURGE_TIMEOUT", 2.0))
    for header in batches:
        request = urllib.request.Request(endpoint, method="BAN", headers={"X-Purge-Tags": header})  # noqa: S310
        try:
            with _opener.open(request, timeout=timeout) as response:
                response.read()
        # Refused, timed out, unreachable, an error status, or a malformed URL in the setting:
        # whatever it is, the editor's change is already committed and must not fail now.
        except Exception as error:  # noqa: BLE001
            logger.warning(
                "The caching proxy at %s did not take a ban (%s); its pages expire on their own.", endpoint, error
            )
            return False
    return True
