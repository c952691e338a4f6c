"""Editors add an article's sources in its form; mistakes are named beside the field before anything is saved."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.admin.test_admin import ADD_ARTICLE, article_form
from tests.conftest import make_staff
from tests.editorial.forms import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

NATURE = {"title": "IL-17-producing γδ T cells and neutrophils conspire to promote breast cancer metastasis"}


def sources_form(*sources, prefix="references"):
    """The Sources inline's fields for ``sources`` (dicts of field values), as new rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(sources)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, source in enumerate(sources):
        for name in ("number", "title", "authors", "publisher", "year", "doi", "pmid", "url"):
            data[f"{prefix}-{index}-{name}"] = str(source.get(name, ""))
    return data


def add_article(client, body, *sources):
    author = AuthorFactory()
    return client.post(ADD_ARTICLE, {**article_form(author, body=body), **sources_form(*sources)})


def field_errors(response, index, name):
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "references")
    return formset.formset.forms[index].errors.get(name, [])


def test_an_article_is_saved_with_its_sources_in_number_order(editor_client):
    response = add_article(
        editor_client,
        "Neutrophils help spread [@1], as a later study confirmed [@2].",
        {"number": 2, "title": "A later study", "pmid": "PMID: 31234567"},
        {**NATURE, "doi": "https://doi.org/10.1038/nature14282", "year": 2015, "publisher": "Nature"},
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    article = Article.objects.get()
    sources = list(article.references.all())
    assert [(s.number, s.title) for s in sources] == [(1, NATURE["title"]), (2, "A later study")]
    assert sources[0].doi == "10.1038/nature14282"  # the pasted resolver address is tidied away
    assert sources[1].pmid == "31234567"
    assert 'href="#source-1"' in article.body_html
    assert 'href="#source-2"' in article.body_html


@pytest.mark.parametrize(
    ("source", "field", "message"),
    [
        ({"title": "x", "doi": "10.12/short-prefix"}, "doi", "A DOI starts with 10."),
        ({"title": "x", "doi": "nature14282"}, "doi", "A DOI starts with 10."),
        ({"title": "x", "doi": "10.1038/has space"}, "doi", "without spaces"),
        ({"title": "x", "pmid": "PM12345"}, "pmid", "A PubMed ID is a number only"),
        ({"title": "x", "pmid": "0123"}, "pmid", "A PubMed ID is a number only"),
        ({"title": "x"}, "url", "Give readers a way to find this source"),
        ({"title": "x", "url": "http://example.org/report"}, "url", "must start with https://"),
        ({"title": "x", "url": "javascript:alert(1)"}, "url", "Enter a valid URL"),
        ({"doi": "10.1038/nature14282"}, "title", "Every source needs its title."),
    ],
)
def test_each_mistake_in_a_source_is_named_at_its_field(editor_client, source, field, message):
    response = add_article(editor_client, "Text.", {"number": 1, "title": "", **source})
    assert response.status_code == 200
    assert any(message in error for error in field_errors(response, 0, field)), field_errors(response, 0, field)
    assert not Article.objects.exists()


def test_an_address_typed_without_https_is_taken_as_https(editor_client):
    response = add_article(
        editor_client, "Text [@1].", {"title": "NICE guideline", "url": "www.nice.org.uk/guidance/ng101"}
    )
    assert response.status_code == 302
    assert Article.objects.get().references.get().url == "https://www.nice.org.uk/guidance/ng101"


def test_an_http_address_is_fine_beside_a_doi(editor_client):
    response = add_article(
        editor_client, "Text [@1].", {**NATURE, "doi": "10.1038/nature14282", "url": "http://old.example.org/paper"}
    )
    assert response.status_code == 302


def test_a_citation_of_a_missing_source_is_refused_naming_the_number(editor_client):
    response = add_article(editor_client, "Known [@1] and unknown [@3].", {**NATURE, "doi": "10.1038/nature14282"})
    assert response.status_code == 200
    body_errors = response.context["adminform"].form.errors["body"]
    assert any("[@3]" in error and "only 1 source" in error for error in body_errors), body_errors
    assert "[@3]" in response.content.decode()
    assert not Article.objects.exists()


def test_a_citation_without_any_sources_is_refused(editor_client):
    response = add_article(editor_client, "A claim [@1].")
    assert response.status_code == 200
    assert "no sources yet" in " ".join(response.context["adminform"].form.errors["body"])


def test_citations_in_code_are_not_citations(editor_client):
    response = add_article(editor_client, "Write `[@7]` to cite source 7.")
    assert response.status_code == 302


def test_numbers_must_run_without_gaps_or_repeats(editor_client):
    gap = add_article(
        editor_client, "Text.", {"number": 1, "title": "a", "pmid": "1"}, {"number": 3, "title": "b", "pmid": "2"}
    )
    assert "no source has the number 2" in gap.content.decode()
    repeat = add_article(
        editor_client, "Text.", {"number": 1, "title": "a", "pmid": "1"}, {"number": 1, "title": "b", "pmid": "2"}
    )
    assert "Two sources have the same number (1)" in repeat.content.decode()
    assert not Article.objects.exists()


def test_a_source_without_a_number_goes_after_the_others(editor_client):
    response = add_article(
        editor_client, "Text.", {"title": "second", "pmid": "2"}, {"number": 1, "title": "first", "pmid": "1"}
    )
    assert response.status_code == 302
    assert list(Article.objects.get().references.values_list("title", flat=True)) == ["first", "second"]


def test_a_form_without_the_sources_rows_keeps_the_sources(editor_client):
    article = ArticleFactory(draft=True, body="Cited [@1].", references=[{**NATURE, "pmid": "25822788"}])
    data = form_data(editor_client, change_url(article))
    for name in [name for name in data if name.startswith("references-")]:
        del data[name]
    data.update({"title": "A new headline", "_action": "save"})
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "A new headline"
    assert list(article.references.values_list("pmid", flat=True)) == ["25822788"]


def test_the_change_form_of_a_live_article_edits_the_working_copys_sources(editor_client, django_user_model):
    live = ArticleFactory(body="Cited [@1].", references=[{**NATURE, "pmid": "25822788"}])
    data = form_data(editor_client, change_url(live))
    assert data["references-0-title"] == NATURE["title"]
    data.update(
        {
            "body": "Cited [@1] and [@2].",
            "references-1-title": "A newer trial",
            "references-1-doi": "10.1016/j.cell.2020.01.001",
            "_action": "save",
        }
    )
    assert editor_client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.references.count() == 1  # readers keep the live sources
    copy = live.working_copy
    assert [source["title"] for source in copy.content["references"]] == [NATURE["title"], "A newer trial"]

    # Opened again, the form shows the working copy's two sources, and saving unchanged keeps both.
    again = form_data(editor_client, change_url(live))
    assert again["references-1-title"] == "A newer trial"
    again["_action"] = "save"
    assert editor_client.post(change_url(live), again).status_code == 302
    live.refresh_from_db()
    assert len(live.working_copy.content["references"]) == 2

    publisher = Client()
    publisher.force_login(make_staff(django_user_model, "pub", "Publishers"))
    preview = publisher.get(reverse("admin:articles_article_preview", args=[live.pk])).content.decode()
    assert "A newer trial" in preview
    assert 'href="#source-2"' in preview
    review = publisher.get(reverse("admin:articles_article_changes", args=[live.pk])).content.decode()
    assert "2. A newer trial. doi:10.1016/j.cell.2020.01.001" in review  # the comparison shows the sources
    response = publisher.post(reverse("admin:articles_article_changes", args=[live.pk]), {"_action": "publish"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert list(live.references.values_list("number", "title")) == [(1, NATURE["title"]), (2, "A newer trial")]


def test_two_editors_changing_the_sources_at_once_are_not_silently_merged(editor_client, django_user_model):
    article = ArticleFactory(draft=True, body="Text.", references=[{**NATURE, "pmid": "25822788"}])
    colleague = Client()
    colleague.force_login(make_staff(django_user_model, "colleague", "Editors"))
    mine = form_data(editor_client, change_url(article))
    theirs = form_data(colleague, change_url(article))
    theirs.update({"references-0-title": "Their title", "_action": "save"})
    assert colleague.post(change_url(article), theirs).status_code == 302
    mine.update({"references-0-title": "My title", "_action": "save"})
    response = editor_client.post(change_url(article), mine)
    assert response.status_code == 200
    assert "Their title" in response.content.decode()
    assert list(Article.objects.get().references.values_list("title", flat=True)) == ["Their title"]


def test_a_colleagues_change_to_the_sources_does_not_stop_my_change_to_the_headline(editor_client, django_user_model):
    article = ArticleFactory(draft=True, body="Text [@1].", references=[{**NATURE, "pmid": "25822788"}])
    colleague = Client()
    colleague.force_login(make_staff(django_user_model, "colleague", "Editors"))
    mine = form_data(editor_client, change_url(article))
    theirs = form_data(colleague, change_url(article))
    theirs.update({"references-0-title": "Their title", "_action": "save"})
    assert colleague.post(change_url(article), theirs).status_code == 302
    mine.update({"title": "My headline", "_action": "save"})
    assert editor_client.post(change_url(article), mine).status_code == 302
    article.refresh_from_db()
    assert article.title == "My headline"
    assert list(article.references.values_list("title", flat=True)) == ["Their title"]


def test_a_source_is_removed_with_its_box_without_javascript(editor_client):
    article = ArticleFactory(
        draft=True, body="Text [@1].", references=[{**NATURE, "pmid": "25822788"}, {"title": "Old", "doi": "x"}]
    )
    data = form_data(editor_client, change_url(article))
    assert 'name="references-1-remove"' in editor_client.get(change_url(article)).content.decode()
    data.update({"references-1-remove": "on", "_action": "save"})  # its bad DOI does not matter once removed
    assert editor_client.post(change_url(article), data).status_code == 302
    assert list(article.references.values_list("title", flat=True)) == [NATURE["title"]]
