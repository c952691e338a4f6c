"""'Did you mean …?' for a search that found nothing, from the index's own words."""

import html as html_module
import importlib
import re
from itertools import islice, product
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.discovery.search import rebuild_search_index
from articles.models.search_index import SearchWord
from tests import editing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("articles:search")


def suggestion(client, query):
    html = client.get(SEARCH_URL, {"q": query}).content.decode()
    match = re.search(r'<p class="search-suggestion">Did you mean <a href="([^"]+)">([^<]+)</a>\?</p>', html)
    return (html_module.unescape(match.group(2)), match.group(1)) if match else None


def vocabulary():
    return dict(SearchWord.objects.values_list("word", "documents"))


@pytest.fixture
def immune():
    return ArticleFactory(title="Immune cells and tumours", body="Neutrophils help tumours spread.")


def test_a_misspelt_word_gets_the_indexed_spelling(client, immune):
    assert suggestion(client, "imune") == ("immune", f"{SEARCH_URL}?q=immune")


def test_following_the_suggestion_finds_the_article(client, immune):
    _, url = suggestion(client, "imune")
    assert "Immune cells and tumours" in client.get(url).content.decode()


def test_each_misspelt_word_is_corrected_and_the_rest_kept(client, immune):
    assert suggestion(client, "imune cels tumours")[0] == "immune cells tumours"


def test_a_phrase_stays_a_phrase(client, immune):
    assert suggestion(client, '"imune cells"') == ('"immune cells"', f"{SEARCH_URL}?q=%22immune%20cells%22")


def test_a_search_that_finds_articles_gets_no_suggestion(client, immune):
    assert suggestion(client, "immune") is None


def test_a_word_nothing_resembles_gets_no_suggestion(client, immune):
    assert suggestion(client, "xylophone") is None


def test_a_word_only_a_scheduled_article_uses_is_never_suggested(client, immune):
    ArticleFactory(title="Zebrafish embryos", scheduled=True)
    assert "zebrafish" in vocabulary()
    assert suggestion(client, "zebrafsh") is None


def test_a_word_only_a_draft_uses_is_not_in_the_vocabulary(immune):
    ArticleFactory(title="Axolotl limbs", draft=True)
    assert "axolotl" not in vocabulary()


def test_the_vocabulary_counts_articles_and_follows_edits(immune):
    other = ArticleFactory(title="More on neutrophils", body="Short.")
    assert vocabulary()["neutrophils"] == 2
    editing.edit(immune, body="Macrophages help tumours spread.")
    assert vocabulary()["neutrophils"] == 1
    assert vocabulary()["macrophages"] == 1
    editing.unpublish(other)
    assert "neutrophils" not in vocabulary()


def test_the_rebuild_counts_what_the_edits_counted(immune):
    ArticleFactory(title="Immune memory", body="Cells remember.")
    editing.edit(immune, body="Macrophages help.")
    counted_by_edits = vocabulary()
    rebuild_search_index()
    assert vocabulary() == counted_by_edits


def test_the_cost_does_not_grow_with_the_vocabulary(client, immune):
    """Four queries for a misspelt search that found nothing, however many words the site uses."""

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert suggestion(client, "imune")[0] == "immune"
        return len(captured)

    few = queries()
    letters = "abcdefghijklmnopqrstuvwxyz"
    more_words = ("iz" + "".join(tail) for tail in product(letters, repeat=4))
    SearchWord.objects.bulk_create(SearchWord(word=word, documents=1) for word in islice(more_words, 3000))
    assert queries() == few


@pytest.mark.parametrize("query", ['<script>alert("imune")</script>', "imune' OR 1=1 --", "imune\x00"])
def test_hostile_queries_give_a_plain_suggestion(client, immune, query):
    found = suggestion(client, query)
    assert found is None or "<" not in found[0]


def test_the_migration_fills_the_vocabulary_the_rebuild_would(immune):
    """Sites that existed before the vocabulary get it filled from their index when they migrate."""
    migration = importlib.import_module("articles.migrations.0012_search_vocabulary")
    ArticleFactory(title="Immune memory", body="Cells remember. HER2 and an extraordinarilylongwordthatgoesonandon.")
    rebuild_search_index()
    rebuilt = vocabulary()
    SearchWord.objects.all().delete()
    migration.fill_vocabulary(apps, SimpleNamespace(connection=connection))
    assert vocabulary() == rebuilt
    assert "her" not in rebuilt
