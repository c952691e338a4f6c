"""Readers see an article's sources at its foot, linked from the citations and back; nothing in them can run."""

import json
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.editorial import changes
from articles.models import Article
from tests.editing import edit
from tests.editorial.forms import press
from tests.factories import ArticleFactory
from tests.html_safety import script_vectors

pytestmark = pytest.mark.django_db

COFFELT = {
    "title": "IL-17-producing γδ T cells and neutrophils conspire to promote breast cancer metastasis",
    "authors": "Coffelt SB, Kersten K, Doornebal CW, et al.",
    "publisher": "Nature",
    "year": 2015,
    "doi": "10.1038/nature14282",
    "pmid": "25822788",
}
NICE = {
    "title": "Early and locally advanced breast cancer: diagnosis and management",
    "url": "https://www.nice.org.uk/guidance/ng101",
}


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def sources_section(html):
    return re.search(r'<section class="sources".*?</section>', html, re.S).group(0)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = [json.loads(block) for block in blocks]
    return [item for block in data for item in (block if isinstance(block, list) else [block])]


def test_the_sources_are_an_ordered_list_linked_from_the_citations_and_back(client):
    article = ArticleFactory(
        body="Neutrophils help spread [@1]. Guidance says so [@2]. Again [@1].", references=[COFFELT, NICE]
    )
    html = page(client, article)
    section = sources_section(html)
    assert '<h2 id="sources-heading">Sources</h2>' in section
    assert '<ol class="sources__list">' in section
    assert '<li id="source-1">' in section
    assert '<li id="source-2">' in section
    assert "Coffelt SB, Kersten K, Doornebal CW, et al. (2015). <cite>IL-17-producing" in section
    assert '<a href="https://doi.org/10.1038/nature14282">doi:10.1038/nature14282</a>' in section
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/25822788/">PubMed 25822788</a>' in section
    assert '<a href="https://www.nice.org.uk/guidance/ng101">Web page (www.nice.org.uk)</a>' in section
    # The text's citations link down to the list, and the list links back to each of them.
    assert html.count('href="#source-1"') == 2
    assert 'id="cite-1-1"' in html
    assert 'id="cite-1-2"' in html
    assert '<a href="#cite-1-1" aria-label="Back to citation 1 of 2 of source 1">1</a>' in section
    assert '<a href="#cite-1-2" aria-label="Back to citation 2 of 2 of source 1">2</a>' in section
    assert (
        '<a class="sources__back" href="#cite-2-1" aria-label="Back to text where source 2 is cited">Back to text</a>'
        in section
    )
    assert len(re.findall(r'id="(source-\d+|cite-\d+-\d+)"', html)) == len(
        set(re.findall(r'id="(source-\d+|cite-\d+-\d+)"', html))
    )


def test_an_article_without_sources_has_no_sources_section(client):
    assert 'class="sources"' not in page(client, ArticleFactory())


def test_the_structured_data_cites_the_sources(client):
    article = ArticleFactory(body="Cited [@1] [@2].", references=[COFFELT, NICE])
    news = next(block for block in json_ld(page(client, article)) if block.get("@type") == "NewsArticle")
    first, second = news["citation"]
    assert first["name"] == COFFELT["title"]
    assert first["datePublished"] == "2015"
    assert first["url"] == "https://doi.org/10.1038/nature14282"
    assert first["sameAs"] == ["https://pubmed.ncbi.nlm.nih.gov/25822788/"]
    assert {"@type": "PropertyValue", "propertyID": "PMID", "value": "25822788"} in first["identifier"]
    assert second == {"@type": "CreativeWork", "name": NICE["title"], "url": NICE["url"]}


def test_the_article_page_reads_its_sources_in_one_query(client, django_assert_max_num_queries):
    article = ArticleFactory(body="Cited [@1].", references=[COFFELT] * 20)
    from tests.public.test_queries import DETAIL_LIMIT

    with django_assert_max_num_queries(DETAIL_LIMIT):
        page(client, article)


def test_readers_keep_the_live_sources_until_the_changes_are_published(client, editor_client):
    article = ArticleFactory(body="Cited [@1].", references=[COFFELT])
    content = changes.ArticleContent.current(article)
    content.values["references"] = [COFFELT, NICE]
    content.values["body"] = "Cited [@1] and [@2]."
    changes.save_article(None, article, content)
    assert "nice.org.uk" not in page(client, article)
    preview = editor_client.get(reverse("admin:articles_article_preview", args=[article.pk])).content.decode()
    assert "nice.org.uk" in sources_section(preview)
    changes.publish_changes(None, Article.objects.get(pk=article.pk))
    assert "nice.org.uk" in sources_section(page(client, article))


def test_restoring_a_revision_brings_back_its_sources(editor_client):
    article = ArticleFactory(draft=True, body="Cited [@1].", references=[COFFELT])
    first = Version.objects.get_for_object(article).get()
    edit(article, references=[NICE])
    assert list(article.references.values_list("title", flat=True)) == [NICE["title"]]
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    edit_base = editor_client.get(url).context["edit_base"]
    assert editor_client.post(url, {"edit_base": edit_base}).status_code == 302
    assert list(article.references.values_list("title", "doi")) == [(COFFELT["title"], COFFELT["doi"])]


def test_a_recovered_article_comes_back_with_its_sources(publisher_client):
    article = ArticleFactory(draft=True, body="Cited [@1].", references=[COFFELT])
    changes.move_to_bin(None, article)
    changes.purge_bin(older_than_days=0)
    version = Version.objects.get_deleted(Article).get(object_id=str(article.pk))
    url = reverse("admin:articles_article_recover", args=[version.pk])
    assert publisher_client.post(url).status_code == 302
    recovered = Article.objects.get(pk=article.pk)
    assert list(recovered.references.values_list("pmid", flat=True)) == [COFFELT["pmid"]]
    assert 'href="#source-1"' in recovered.body_html


def test_the_history_compares_the_sources(editor_client):
    article = ArticleFactory(draft=True, body="Text.", references=[COFFELT])
    assert press(editor_client, article, **{"references-0-title": "A corrected title"}).status_code == 302
    older, newer = Version.objects.get_for_object(article).order_by("pk")[:2]
    url = reverse("admin:articles_article_compare", args=[article.pk])
    html = editor_client.get(url, {"older": older.pk, "newer": newer.pk}).content.decode()
    assert "Sources" in html
    assert "A corrected title" in html


# --- Hostile text in every field of a source ----------------------------------------------------


def hostile_sources(payloads):
    """One source per payload, the payload in every text field (as stored by a command or a restore:
    unchecked, so the page's own escaping and link rules are what is tested)."""
    return [
        {
            "title": payload[:500],
            "authors": payload[:500],
            "publisher": payload[:300],
            "doi": f"10.1234/{payload}"[:250],
            "pmid": payload[:9],
            "url": payload[:500],
        }
        for payload in payloads
    ]


def test_the_whole_xss_corpus_in_every_field_of_a_source_reaches_readers_inert(client, xss_payloads):
    body = "\n\n".join(f"Claim [@{number}]." for number in range(1, 40))
    article = ArticleFactory(body=body, references=hostile_sources(xss_payloads))
    html = page(client, article)
    assert script_vectors(html) == []
    assert html.count('<li id="source-') == len(xss_payloads)


@pytest.mark.parametrize(
    "payload",
    [
        '"><script>alert(1)</script>',
        "' onmouseover='alert(1)",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "</script><script>alert(1)</script>",
        'https://evil.example/" onclick="alert(1)',
    ],
)
def test_a_hostile_address_never_becomes_a_link_that_runs_script(client, payload):
    article = ArticleFactory(body="[@1]", references=[{"title": payload, "url": payload, "doi": f"10.1234/{payload}"}])
    html = page(client, article)
    assert script_vectors(html) == []
    section = sources_section(html)
    hrefs = re.findall(r'href="([^"]*)"', section)
    assert all(href.startswith(("https://doi.org/", "https://", "http://", "#cite-")) for href in hrefs), hrefs
