"""Finds anything in an HTML page that a browser could run as script.

Used by the security tests on the HTML readers actually receive. It parses the page
(it does not sanitise anything) and lists every element, attribute or URL that could
execute code.
"""

import re
from html.parser import HTMLParser

from site_project.inline_css import stylesheet_text

EXECUTABLE_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "base",
    "form",
    "style",
    "link",
    "meta",
    "template",
    "portal",
    "noscript",
    "xml",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster", "background"}
DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|livescript)\s*:", re.IGNORECASE)
# The page's own head legitimately has meta and link elements (and JSON-LD data blocks anywhere).
HEAD_ONLY_ALLOWED = {"meta", "link"}
# The site's own stylesheet, inlined in the head and allowed by its hash in the CSP: exactly this
# block is not a finding; any other <style>, or this one outside the head, is.
SITE_STYLESHEET = f"<style>{stylesheet_text()}</style>"
# The header's own search box: a GET form to our search page. Content can never add one (nh3 drops forms).
SITE_SEARCH = "/search/"
# The article's own feedback form (articles/feedback/), posted to that article's feedback address.
SITE_FEEDBACK = re.compile(r"^/articles/[-\w]+/feedback/$")


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        attributes = dict(attrs)
        is_data_block = tag == "script" and attributes.get("type") == "application/ld+json"
        is_site_search = tag == "form" and (attributes.get("action"), attributes.get("method")) == (SITE_SEARCH, "get")
        is_site_feedback = (
            tag == "form"
            and attributes.get("method") == "post"
            and bool(SITE_FEEDBACK.match(attributes.get("action") or ""))
        )
        if (
            not (is_data_block or is_site_search or is_site_feedback)
            and tag in EXECUTABLE_ELEMENTS
            and not (self.in_head and tag in HEAD_ONLY_ALLOWED)
        ):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= event handler on <{tag}>")
            if name == "style":
                self.problems.append(f"style= attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value and DANGEROUS_SCHEME.match(_decode_whitespace(value)):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def _decode_whitespace(value):
    # Browsers ignore tabs, newlines and control characters inside a URL's scheme.
    return re.sub(r"[\x00-\x20]", "", value)


def script_vectors(html):
    """Every way ``html`` could run script, described; empty when it cannot."""
    position = html.find(SITE_STYLESHEET)
    if -1 < position < html.find("</head>"):
        html = html[:position] + html[position + len(SITE_STYLESHEET) :]
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.problems
