"""An article's sources: what a reference must hold, where it links, and which ones the text cites.

An editor types each reference (no DOI metadata is fetched over the network: the editor's
words are what readers see). A reference must be findable: by a DOI (``10.1038/…``), a PubMed
ID (digits), or else an ``https`` web address. DOIs and PubMed IDs link to their resolvers
only, so a reference cannot smuggle a link to anywhere else through those two fields.

Citations are written ``[@3]`` in the Markdown and become links to source 3 when the text
is rendered (``articles.content.rendering``); here the rendered HTML is read back to tell
which numbers a text cites, so code blocks and escaped text never count as citations.
"""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# Crossref's advice for modern DOIs: "10.", a registrant code of 4-9 digits, "/", a suffix.
# The suffix may hold almost any printable character (old ones even "<" and ">"), so it is
# checked only for spaces and control characters; it is escaped wherever it is shown or linked.
_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/[^\s\x00-\x1f\x7f]+$")
_DOI_PASTED_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
# PubMed IDs are whole numbers (about 40 million so far); 9 digits leaves room.
_PMID = re.compile(r"^[1-9]\d{0,8}$")
_PMID_PASTED_PREFIX = re.compile(
    r"^(?:pmid:?\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/)", re.IGNORECASE
)

DOI_RESOLVER = "https://doi.org/"
PUBMED_RESOLVER = "https://pubmed.ncbi.nlm.nih.gov/"

# The fields of one reference, in the order an editor fills them in and content stores them.
REFERENCE_FIELDS = ("title", "authors", "publisher", "year", "doi", "pmid", "url")

_https_only = URLValidator(schemes=["https"])
_http_or_https = URLValidator(schemes=["http", "https"])


def normalise_doi(value):
    """A DOI as typed or pasted (``https://doi.org/10.…``, ``doi:10.…``) reduced to the bare ``10.…``."""
    value = (value or "").strip()
    return _DOI_PASTED_PREFIX.sub("", value).strip()


def normalise_pmid(value):
    """A PubMed ID as typed or pasted (``PMID: 123``, a PubMed address) reduced to its digits."""
    value = _PMID_PASTED_PREFIX.sub("", (value or "").strip()).strip()
    return value.rstrip("/")


def validate_doi(value):
    if value and not _DOI.match(value):
        raise ValidationError(
            "A DOI starts with 10., then the publisher's number, a slash and the item's code, "
            "for example 10.1038/nature14282. Copy it from the paper's page, without spaces.",
            code="invalid_doi",
        )


def validate_pmid(value):
    if value and not _PMID.match(value):
        raise ValidationError(
            "A PubMed ID is a number only, for example 25822788. You find it under the abstract on PubMed.",
            code="invalid_pmid",
        )


def validate_reference_url(value):
    if value:
        _http_or_https(value)


def doi_url(doi):
    return f"{DOI_RESOLVER}{quote(doi, safe='/:;()._-')}" if doi else ""


def pubmed_url(pmid):
    return f"{PUBMED_RESOLVER}{pmid}/" if pmid and _PMID.match(pmid) else ""


def findability_errors(doi, pmid, url):
    """Field errors when a reference cannot be found by readers: no DOI, no PubMed ID, no https address."""
    if doi or pmid:
        return {}
    if not url:
        return {
            "url": ValidationError(
                "Give readers a way to find this source: a DOI, a PubMed ID, or else its web address (https://…).",
                code="source_not_findable",
            )
        }
    try:
        _https_only(url)
    except ValidationError:
        return {
            "url": ValidationError(
                "Without a DOI or PubMed ID the web address must start with https:// so readers reach the "
                "real page safely. Check whether the site has an https address, or add the DOI.",
                code="source_needs_https",
            )
        }
    return {}


def clean_reference(values):
    """One reference as a dict of ``REFERENCE_FIELDS``, checked; raises ``ValidationError`` by field."""
    errors = {}
    for name, validator in (("doi", validate_doi), ("pmid", validate_pmid), ("url", validate_reference_url)):
        try:
            validator(values.get(name) or "")
        except ValidationError as error:
            errors[name] = error
    if not (values.get("title") or "").strip():
        errors["title"] = ValidationError("Every source needs its title.", code="required")
    if not errors:
        errors.update(findability_errors(values.get("doi"), values.get("pmid"), values.get("url")))
    if errors:
        raise ValidationError(errors)


# --- Citations in the text ---------------------------------------------------------------------

# Exactly the markup ``render_markdown`` makes for a citation, as the sanitiser writes it out. A
# regular expression rather than an HTML parser: the public page reads these on every view, and
# on long articles a parser took over 100 times longer (benchmarks/citations.py).
_CITATION = re.compile(r'<sup class="citation" id="cite-([0-9]{1,4})-([0-9]{1,4})">')


def citations_in_html(html):
    """(source number, occurrence) for every citation in HTML from ``render_markdown``, in reading order."""
    return [(int(number), int(occurrence)) for number, occurrence in _CITATION.findall(str(html or ""))]


def back_links(html):
    """For each cited source number, the ids of its citations in the text (the Sources list links back)."""
    links = {}
    for number, occurrence in citations_in_html(html):
        links.setdefault(number, []).append(f"cite-{number}-{occurrence}")
    return links


def cited_numbers(text):
    """The source numbers a Markdown text cites, sorted (rendered as the preview would, without a list)."""
    from articles.content.rendering import render_markdown

    return cited_numbers_in_html(render_markdown(text))


def cited_numbers_in_html(html):
    """The source numbers cited in HTML from ``render_markdown(text)`` (rendered without a source count)."""
    return sorted({number for number, _ in citations_in_html(html)})


def unknown_citations(text, source_count):
    """Numbers cited in ``text`` that have no entry among ``source_count`` sources."""
    return [number for number in cited_numbers(text) if not 1 <= number <= source_count]


def unknown_citations_in_html(html, source_count):
    """As ``unknown_citations``, for text already rendered (the publish checks render it once for all)."""
    return [number for number in cited_numbers_in_html(html) if not 1 <= number <= source_count]


NO_SOURCES_MESSAGE = (
    "This article lists no sources. Readers trust health information that says where it comes from: "
    "add the studies or guidance it draws on under Sources, and cite them in the text as [@1]."
)


def unknown_citations_message(numbers, source_count):
    cited = ", ".join(f"[@{number}]" for number in numbers)
    noun = "source" if len(numbers) == 1 else "sources"
    have = "no sources yet" if source_count == 0 else f"only {source_count} source{'s' if source_count > 1 else ''}"
    return (
        f"The text cites {noun} {cited}, but the article has {have}. "
        "Add the missing source under Sources, or correct the number in the text."
    )


def citation_text(source):
    """One source as a line of text (authors, year, title, journal, DOI, PMID, address); ``source`` is a dict."""
    parts = [
        source.get("authors"),
        f"({source['year']})" if source.get("year") else None,
        source.get("title"),
        source.get("publisher"),
        f"doi:{source['doi']}" if source.get("doi") else None,
        f"PMID {source['pmid']}" if source.get("pmid") else None,
        source.get("url"),
    ]
    return ". ".join(str(part).strip().rstrip(".") for part in parts if part)
