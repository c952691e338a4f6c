"""Real attack strings, rendered by our Markdown pipeline, then parsed by a real browser.

A sanitiser's output is only safe if the browser reads it the way the sanitiser meant
(mutation XSS lives in that gap). So every string in the shared XSS list goes through
``render_markdown()`` and Chromium's own HTML parser, in an inert document where nothing
runs or loads, and the resulting elements are inspected.
"""

import pytest

from articles.content.rendering import render_markdown

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Returns, for each HTML fragment, what in it could run script or pull in active content.
FIND_ACTIVE_CONTENT = """
(fragments) => {
  const inert = document.implementation.createHTMLDocument("");
  const activeTags = "script, iframe, frame, object, embed, style, link, meta, base, form, svg, math, template";
  const urlAttributes = ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "cite"];
  const safeSchemes = ["http:", "https:", "mailto:"];
  return fragments.map((html) => {
    inert.body.innerHTML = html;
    const problems = [...inert.body.querySelectorAll(activeTags)].map((element) => `<${element.localName}>`);
    for (const element of inert.body.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || name === "style") problems.push(`${element.localName}[${name}]`);
        if (urlAttributes.includes(name)) {
          const scheme = new URL(attribute.value, "https://example.org/").protocol;
          if (!safeSchemes.includes(scheme)) problems.push(`${element.localName}[${name}=${scheme}]`);
        }
      }
    }
    return problems;
  });
}
"""


def test_no_attack_string_becomes_active_markup_in_the_browser(page, xss_payloads):
    rendered = [render_markdown(payload) for payload in xss_payloads]
    page.goto("/")
    problems = page.evaluate(FIND_ACTIVE_CONTENT, rendered)
    dangerous = {payload: found for payload, found in zip(xss_payloads, problems, strict=True) if found}
    assert dangerous == {}


def test_the_check_recognises_active_markup(page):
    """Guards the test above: unsanitised HTML of the same kinds must be caught."""
    page.goto("/")
    problems = page.evaluate(
        FIND_ACTIVE_CONTENT,
        ['<img src=x onerror="alert(1)">', '<a href=" javascript:alert(1)">x</a>', "<svg><script>1</script></svg>"],
    )
    assert problems == [["img[onerror]"], ["a[href=javascript:]"], ["<svg>", "<script>"]]
