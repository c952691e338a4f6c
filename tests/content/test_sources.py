"""What a source must hold, where it links, and how citations in the text become links."""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError

from articles.content.rendering import render_markdown
from articles.content.sources import (
    back_links,
    citation_text,
    cited_numbers,
    clean_reference,
    doi_url,
    normalise_doi,
    normalise_pmid,
    pubmed_url,
    unknown_citations,
    unknown_citations_message,
    validate_doi,
    validate_pmid,
)
from tests.html_safety import script_vectors


@pytest.mark.parametrize(
    "doi",
    [
        "10.1038/nature14282",
        "10.1016/j.cell.2020.01.001",
        "10.1002/(SICI)1097-4636(199812)43:4<396::AID-JBM5>3.0.CO;2-Q",
        "10.1000.10/123456",
        "10.123456789/x",
    ],
)
def test_real_dois_are_accepted(doi):
    validate_doi(doi)


@pytest.mark.parametrize(
    "doi",
    ["nature14282", "10.12/abc", "10.1038/", "10.1038/has space", "11.1038/nature14282", "10.1038\nnature", "doi"],
)
def test_malformed_dois_are_refused_with_an_example(doi):
    with pytest.raises(ValidationError, match="for example 10.1038/nature14282"):
        validate_doi(doi)


@pytest.mark.parametrize(
    ("pasted", "doi"),
    [
        ("https://doi.org/10.1038/nature14282", "10.1038/nature14282"),
        ("http://dx.doi.org/10.1038/nature14282", "10.1038/nature14282"),
        (" doi: 10.1038/nature14282 ", "10.1038/nature14282"),
        ("DOI:10.1038/nature14282", "10.1038/nature14282"),
    ],
)
def test_pasted_doi_addresses_are_reduced_to_the_doi(pasted, doi):
    assert normalise_doi(pasted) == doi


@pytest.mark.parametrize("pmid", ["1", "25822788", "999999999"])
def test_pubmed_ids_are_digits(pmid):
    validate_pmid(pmid)


@pytest.mark.parametrize("pmid", ["0", "012345", "25822788a", "PMC4451200", "1234567890", "-1", "12 34"])
def test_anything_else_is_not_a_pubmed_id(pmid):
    with pytest.raises(ValidationError, match="number only"):
        validate_pmid(pmid)


@pytest.mark.parametrize(
    "pasted",
    ["PMID: 25822788", "pmid25822788", "https://pubmed.ncbi.nlm.nih.gov/25822788/", "25822788"],
)
def test_pasted_pubmed_ids_are_reduced_to_the_digits(pasted):
    assert normalise_pmid(pasted) == "25822788"


def test_dois_and_pubmed_ids_link_only_to_their_resolvers():
    assert doi_url("10.1038/nature14282") == "https://doi.org/10.1038/nature14282"
    assert pubmed_url("25822788") == "https://pubmed.ncbi.nlm.nih.gov/25822788/"
    # Escaped for the address: an old DOI's angle brackets and a crafted one cannot leave the resolver.
    assert doi_url("10.1002/x<396>y") == "https://doi.org/10.1002/x%3C396%3Ey"
    assert doi_url('10.1234/"onmouseover=alert(1)').startswith("https://doi.org/10.1234/%22")
    assert urlsplit(doi_url("10.1234/..//evil.example/x")).hostname == "doi.org"
    assert pubmed_url("javascript:alert(1)") == ""


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"title": "t"}, "url", "source_not_findable"),
        ({"title": "t", "url": "http://example.org/"}, "url", "source_needs_https"),
        ({"title": "t", "url": "javascript:alert(1)"}, "url", "invalid"),
        ({"title": "", "pmid": "1"}, "title", "required"),
        ({"title": "t", "doi": "x"}, "doi", "invalid_doi"),
    ],
)
def test_a_source_readers_could_not_find_is_refused(values, field, code):
    with pytest.raises(ValidationError) as raised:
        clean_reference(values)
    assert raised.value.error_dict[field][0].code == code


@pytest.mark.parametrize(
    "values",
    [
        {"title": "t", "doi": "10.1038/nature14282"},
        {"title": "t", "pmid": "25822788"},
        {"title": "t", "url": "https://www.nice.org.uk/guidance/ng101"},
        {"title": "t", "pmid": "25822788", "url": "http://old.example.org/"},
    ],
)
def test_a_doi_a_pubmed_id_or_an_https_address_is_enough(values):
    clean_reference(values)


def test_citation_text_reads_like_a_reference_list():
    source = {
        "authors": "Coffelt SB, Kersten K, Doornebal CW, et al.",
        "year": 2015,
        "title": "IL-17-producing γδ T cells and neutrophils conspire to promote breast cancer metastasis.",
        "publisher": "Nature",
        "doi": "10.1038/nature14282",
        "pmid": "25822788",
    }
    assert citation_text(source) == (
        "Coffelt SB, Kersten K, Doornebal CW, et al. (2015). IL-17-producing γδ T cells and neutrophils conspire "
        "to promote breast cancer metastasis. Nature. doi:10.1038/nature14282. PMID 25822788"
    )


# --- Citations in the text ----------------------------------------------------------------------


def test_a_citation_links_to_its_source_and_can_be_linked_back_to():
    html = render_markdown("Neutrophils help [@1]. Again [@1], and [@2].", source_count=2)
    assert (
        '<sup class="citation" id="cite-1-1"><a href="#source-1" title="Source 1" rel="noopener noreferrer">'
        "[1]</a></sup>"
    ) in html
    assert 'id="cite-1-2"' in html
    assert 'id="cite-2-1"' in html
    assert back_links(html) == {1: ["cite-1-1", "cite-1-2"], 2: ["cite-2-1"]}


def test_a_citation_of_a_source_the_article_lacks_stays_as_typed():
    html = render_markdown("Known [@1], unknown [@4].", source_count=1)
    assert 'href="#source-1"' in html
    assert "[@4]" in html
    assert "source-4" not in html


def test_without_a_source_count_every_citation_links_as_in_the_live_preview():
    html = render_markdown("One [@1] and nine [@9].")
    assert 'href="#source-9"' in html


def test_code_and_escaped_brackets_are_not_citations():
    text = "Type `[@1]` to cite, or \\[@2] to show it.\n\n    [@3] in a code block"
    assert cited_numbers(text) == []
    assert "[@2]" in render_markdown(text)


def test_biographies_cite_nothing():
    assert "source-1" not in render_markdown("Author of [@1].", source_count=0)


def test_unknown_citations_are_named_in_the_editors_message():
    assert unknown_citations("a [@1] b [@3] c [@0] d [@2]", 2) == [0, 3]
    message = unknown_citations_message([3], 2)
    assert message.startswith("The text cites source [@3], but the article has only 2 sources.")
    assert "no sources yet" in unknown_citations_message([1, 2], 0)


def test_content_cannot_take_the_ids_of_the_sources_list_or_fake_other_ids():
    html = render_markdown(
        '<li id="source-1">x</li><h2 id="sources-heading">y</h2>'
        '<sup id="cite-1-1-x">z</sup><sup id="cite-a-1">w</sup><p id="cite-1-1" class="citation">v</p>'
    )
    assert "source-1" not in html
    assert "sources-heading" not in html
    assert "cite-1-1-x" not in html
    assert "cite-a-1" not in html
    assert "<p>v</p>" in html  # ids and classes only where the renderer itself puts them


def test_a_citation_cannot_be_turned_into_a_script_link():
    html = render_markdown("[@1](javascript:alert(1)) [[@1]](javascript:alert(1))", source_count=1)
    assert "href" in html
    assert script_vectors(html) == []
    assert 'href="javascript' not in html
