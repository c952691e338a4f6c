"""The public stylesheet, sent inside each page's ``<head>`` instead of as a separate request.

Why: on a phone a ``<link rel="stylesheet">`` in the head blocks the first paint until one more
round trip has fetched it (Lighthouse estimated 50–140 ms on simulated slow 4G). The whole file is
small (about 8 KB, 2.6 KB compressed), so it is inlined in full rather than split into a
"critical" part: there is nothing left to load later, no flash of unstyled content, and no
script is needed (a non-blocking stylesheet needs an ``onload`` handler, which the CSP forbids).

The CSP stays strict: ``style-src`` allows ``'self'`` plus the SHA-256 hash of exactly this text
(``csp_hash()``, added in settings), so only this one block may run; an injected ``<style>``
or ``style=""`` attribute is still refused. The template tag and the hash read the same bytes,
once per process, so they cannot disagree; after changing ``static/css/site.css`` or ``prose.css`` restart the
servers (a deploy does).
"""

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css"
# The site's layout, then the article typography (prose.css, which the admin's preview links too).
STYLESHEETS = (CSS / "site.css", CSS / "prose.css")


@lru_cache(maxsize=1)
def stylesheet_text():
    """The stylesheets without their comments (they are for us, not for every page's bytes)."""
    source = "".join(path.read_text(encoding="utf-8") for path in STYLESHEETS)
    text = re.sub(r"/\*.*?\*/\n?", "", source, flags=re.S)
    if "</" in text:  # would end the <style> element early
        raise ValueError("static/css/site.css and prose.css must not contain '</' to be inlined")
    return text


def csp_hash():
    digest = hashlib.sha256(stylesheet_text().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
