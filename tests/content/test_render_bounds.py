"""Rendering is bounded: no Markdown takes more than about a second (of CPU) or raises.

The attacker's inputs: a few thousand ``[`` (seconds each), a 20 KB live-preview body that
kept a worker busy for 30 s, a deeply nested list (``RecursionError``, a 500 on preview and
save). Each is shown here to come back quickly as readable text; a hypothesis fuzz test
looks for more. Figures are in ``benchmarks/render_bounds.py``.

The bound is on CPU time (the converting child's plus this process's), not wall time: on a
machine shared with other jobs a second of work can take many seconds of wall time, and a
wall-clock assertion would fail good code. A generous wall-clock limit still catches a hang.
"""

import time

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.content.rendering import (
    MARKDOWN_MAX_CHARS,
    last_conversion_cpu_seconds,
    markdown_problem,
    render_markdown,
    validate_markdown,
    validate_markdown_size,
)
from tests.html_safety import script_vectors

# CPU seconds per input: the child's budget is 0.8 s, then sanitising the result here.
CPU_SECONDS = 1.0
HANG_SECONDS = 30

PATHOLOGICAL = {
    "brackets": "[" * 5_000,
    "image brackets": "![" * 10_000,
    "empty links": "[](" * 9_000,
    "footnote openers": "[^" * 14_000,
    "unclosed tags": "<a " * 9_000,
    "inline tags": "a <b " * 5_000,
    "autolinks": "<http://" * 3_500,
    "cdata": "<![CDATA[" * 3_000,
    "emphasis": "*_" * 14_000,
    "nested list": "- " * 14_000 + "item",
    "nested ordered list": "1. " * 9_000 + "item",
    "indented list": "".join("    " * depth + "- item\n" for depth in range(150)),
    "nested quotes": ">" * 25_000 + " deep",
    "20 KB preview": "[a" * 10_000,
}


def _timed(text):
    """The HTML, and the CPU seconds it cost here and in the converting child."""
    wall, cpu = time.perf_counter(), time.thread_time()
    html = render_markdown(text)
    assert time.perf_counter() - wall < HANG_SECONDS
    return html, time.thread_time() - cpu + last_conversion_cpu_seconds()


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_markdown_renders_quickly_as_text(name):
    text = PATHOLOGICAL[name][:MARKDOWN_MAX_CHARS]
    html, seconds = _timed(text)
    assert seconds < CPU_SECONDS
    assert script_vectors(html) == []


def test_text_too_complex_to_format_is_shown_as_escaped_paragraphs():
    html = str(render_markdown("<b>" + "[^" * 14_000))
    assert html.startswith("<p>&lt;b&gt;[^[^")


def test_ordinary_article_is_still_formatted():
    text = "## Findings\n\nImmune cells **change** how tumours grow.\n\n- one\n- two\n" * 300
    html = str(render_markdown(text))
    assert '<h2 id="section-findings">Findings</h2>' in html
    assert markdown_problem(text) is None


@pytest.mark.parametrize("name", ["brackets", "nested list", "footnote openers"])
def test_editor_is_told_why_complex_text_cannot_be_saved(name):
    with pytest.raises(ValidationError, match="too complex to format"):
        validate_markdown(PATHOLOGICAL[name])


def test_size_limit_names_the_limit():
    with pytest.raises(ValidationError, match=f"the limit is {MARKDOWN_MAX_CHARS:,}"):
        validate_markdown_size("a" * (MARKDOWN_MAX_CHARS + 1))
    validate_markdown_size("a" * MARKDOWN_MAX_CHARS)


def test_text_over_the_limit_is_not_converted_but_still_shown():
    text = "word " * (MARKDOWN_MAX_CHARS // 5 + 1)
    html, seconds = _timed(text)
    assert seconds < CPU_SECONDS
    assert html.startswith("<p>word word")


MARKDOWN_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "![", "[^", "*", "_", "`", "<", ">", "&", "#", "-", "1.", "|", "\\", "\n", "  ", "    ",
     "<a ", "<div>", "</div>", "<!--", "-->", "http://", ":", "~~~", "```", "a", " ", "\t", "=", "+", "!"]
)  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_PIECES, min_size=1, max_size=40).map("".join), st.integers(min_value=1, max_value=1_500))
def test_fuzz_any_markdown_renders_within_the_bound(unit, repeats):
    text = (unit * repeats)[:MARKDOWN_MAX_CHARS]
    html, seconds = _timed(text)
    assert seconds < CPU_SECONDS, f"{seconds:.2f}s for {text[:80]!r}… ({len(text)} characters)"
    assert script_vectors(html) == []


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=3_000))
def test_fuzz_arbitrary_text_never_raises(text):
    html, seconds = _timed(text)
    assert seconds < CPU_SECONDS
    assert markdown_problem(text) is None or html.startswith("<p>")


def test_formatting_still_works_after_a_conversion_that_broke_off():
    render_markdown(">" * 25_000 + " deep")  # the converter's recursion limit
    assert str(render_markdown("**bold** and [a link](https://breastcancernow.org/)")).startswith(
        "<p><strong>bold</strong> and <a"
    )
