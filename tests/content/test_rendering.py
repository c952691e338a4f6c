import pytest

from articles.content.rendering import image_problems, reading_minutes, render_markdown, sanitise_html
from tests.html_safety import script_vectors


def test_every_shared_xss_payload_is_neutralised_in_markdown(xss_payloads):
    unsafe = {}
    for payload in xss_payloads:
        problems = script_vectors(render_markdown(payload))
        if problems:
            unsafe[payload] = problems
    assert unsafe == {}
    assert len(xss_payloads) > 6000


@pytest.mark.parametrize(
    "markdown_text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](jav&#x09;ascript:alert(1))",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<svg onload="alert(1)"><circle r="1"/></svg>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<form action="https://evil.example"><button>Win</button></form>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<a href="vbscript:msgbox(1)">x</a>',
        "![x](javascript:alert(1))",
    ],
)
def test_known_attack_shapes_cannot_run(markdown_text):
    assert script_vectors(render_markdown(markdown_text)) == []


def test_markdown_structure_survives_sanitising():
    html = render_markdown("## Findings\n\nSome **bold** and *italic* text.\n\n- one\n- two\n\n> a quote")
    assert '<h2 id="section-findings">Findings</h2>' in html
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html


def test_top_level_heading_becomes_h2_so_the_headline_stays_the_only_h1():
    html = render_markdown("# Section\n\n<h1>Raw heading</h1>")
    assert "<h1" not in html
    assert '<h2 id="section-section">Section</h2>' in html


def test_links_keep_safe_urls_and_gain_rel():
    html = render_markdown("[Breast Cancer Now](https://breastcancernow.org/) and [mail](mailto:a@example.org)")
    assert '<a href="https://breastcancernow.org/" rel="noopener noreferrer">Breast Cancer Now</a>' in html
    assert 'href="mailto:a@example.org"' in html


def test_images_only_from_our_uploads_keep_their_source():
    html = render_markdown("![Cells](/media/uploads/cells.png) ![Tracker](https://tracker.example/pixel.gif)")
    assert '<img alt="Cells" decoding="async" loading="lazy" src="/media/uploads/cells.png">' in html
    assert "tracker.example" not in html


def test_tables_and_footnotes_render_without_inline_styles():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: A note.")
    assert "<table>" in html
    assert "style=" not in html
    assert 'class="footnote-ref"' in html
    assert 'id="fn-1"' in html


def test_content_cannot_take_over_the_pages_own_ids():
    html = render_markdown('<p id="main-content">x</p><h2 id="donation-heading">y</h2>')
    assert "main-content" not in html
    assert "donation-heading" not in html


def test_html_comments_are_dropped():
    assert "secret" not in render_markdown("Visible <!-- secret editor note -->")


def test_reading_time_counts_whole_minutes_and_is_at_least_one():
    assert reading_minutes("") == 1
    assert reading_minutes("word " * 230 * 5) == 5


def test_image_problems_name_images_without_descriptions():
    problems = image_problems("![](/media/uploads/a.png)\n\n![Lab bench](/media/uploads/b.png)")
    assert len(problems) == 1
    assert problems[0].startswith("Image 1 has no description")


def test_image_problems_catch_raw_html_images_and_foreign_sources():
    problems = image_problems('<img src="/media/uploads/a.png">\n\n![Chart](https://elsewhere.example/c.png)')
    assert problems[0].startswith("Image 1 has no description")
    assert problems[1].startswith("Image 2 is not one of our uploads")


RESPONSIVE_ATTACKS = [
    '<picture><source srcset="javascript:alert(1) 480w"><img src="/media/a.png" alt="a"></picture>',
    '<picture><source srcset="/media/a.png 480w, https://evil.example/x.png 800w"></picture>',
    '<source srcset="/media/a.png 480w,javascript:alert(1) 800w">',
    '<source srcset="//evil.example/p.png 1w">',
    '<source srcset="/media/../donate/1/ 1w">',
    '<source srcset="/media/%2e%2e/donate/1/ 1w">',
    '<source srcset="\\\\evil.example\\p.png 1w">',
    '<source srcset="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+ 1w">',
    '<source srcset="jav&#x09;ascript:alert(1) 1w">',
    '<source srcset="/media/a.png 1w" sizes="&quot; onerror=&quot;alert(1)">',
    '<source srcset="/media/a.png 1w" sizes="url(javascript:alert(1))">',
    '<source srcset="/media/a.png 1w" sizes="<script>alert(1)</script>">',
    '<source type="text/html" srcset="/media/a.png 1w">',
    '<img src="/media/a.png" alt="a" srcset="javascript:alert(1) 1w" sizes="x" onerror="alert(1)">',
    '<img src="/media/a.png" alt="a" loading="x onload=alert(1)" width="1 onerror=alert(1)">',
    '<video><source src="javascript:alert(1)"></video>',
    '<p srcset="/media/a.png 1w" sizes="100vw" loading="lazy">text</p>',
]


@pytest.mark.parametrize("markdown_text", RESPONSIVE_ATTACKS)
def test_responsive_image_attributes_cannot_carry_attacks(markdown_text):
    for html in (render_markdown(markdown_text), sanitise_html(markdown_text)):
        assert script_vectors(html) == []
        for foreign in ("evil.example", "javascript", "donate", "data:", "onerror", "text/html", "<p srcset"):
            assert foreign not in html


def test_responsive_attributes_from_our_uploads_are_kept_on_images_and_sources_only():
    html = sanitise_html(
        '<picture><source type="image/webp" srcset="/media/a/480w.webp 480w, /media/a/800w.webp 800w" '
        'sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)">'
        '<img src="/media/a.jpg" alt="Cells" srcset="/media/a/480w.jpg 480w" sizes="100vw" width="800" '
        'height="400" loading="lazy" decoding="async"></picture>'
    )
    assert (
        '<source type="image/webp" srcset="/media/a/480w.webp 480w, /media/a/800w.webp 800w" '
        'sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)">' in html
    )
    assert 'srcset="/media/a/480w.jpg 480w"' in html
    assert 'width="800" height="400" loading="lazy" decoding="async"' in html
