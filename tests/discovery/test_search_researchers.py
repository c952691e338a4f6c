"""Search finds researchers by name, in a "Researchers" group above the articles."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.discovery.researchers import researchers_named
from articles.discovery.search import parse_query
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("articles:search")


def search(client, query, **params):
    return client.get(SEARCH_URL, {"q": query, **params}).content.decode()


def researchers_shown(html):
    group = re.search(r'<section class="search-researchers".*?</section>', html, re.S)
    return re.findall(r'class="author-summary__name"><a href="[^"]+">([^<]+)</a>', group.group(0)) if group else []


@pytest.fixture
def coffelt():
    author = AuthorFactory(honorific="Dr", name="Seth Coffelt", slug="seth-coffelt")
    ArticleFactory(title="Neutrophils and spread", authors=[author])
    return author


def test_a_surname_finds_the_researcher_above_the_articles(client, coffelt):
    html = search(client, "coffelt")
    assert researchers_shown(html) == ["Dr Seth Coffelt"]
    assert f'<a href="{coffelt.get_absolute_url()}">Dr Seth Coffelt</a>' in html
    assert html.index('<h2 id="researchers-heading">Researchers</h2>') < html.index("Neutrophils and spread")


def test_the_researcher_naming_most_words_wins(client, coffelt):
    ArticleFactory(authors=[AuthorFactory(name="Seth Jones")])
    assert researchers_shown(search(client, "Seth Coffelt")) == ["Dr Seth Coffelt"]
    assert researchers_shown(search(client, "seth")) == ["Dr Seth Coffelt", "Dr Seth Jones"]


def test_names_match_without_case_or_accents(client):
    ArticleFactory(authors=[AuthorFactory(honorific="", name="Zoë Ó Briain")])
    assert researchers_shown(search(client, "ZOE")) == ["Zoë Ó Briain"]
    assert researchers_shown(search(client, "briain")) == ["Zoë Ó Briain"]


def test_part_of_a_name_is_not_a_match(client, coffelt):
    """ "cof" or "and" inside a longer name would fill the group with strangers."""
    assert researchers_shown(search(client, "cof")) == []


def test_a_subject_search_shows_no_researchers_group(client, coffelt):
    html = search(client, "neutrophils")
    assert "Researchers</h2>" not in html
    assert "Neutrophils and spread" in html


def test_a_researcher_without_a_published_article_is_not_shown(client):
    ArticleFactory(authors=[AuthorFactory(name="Hidden Person")], draft=True)
    assert researchers_shown(search(client, "hidden")) == []


def test_the_group_shows_on_the_first_page_only(client, coffelt):
    ArticleFactory.create_batch(11, authors=[coffelt])
    assert researchers_shown(search(client, "coffelt")) == ["Dr Seth Coffelt"]
    assert researchers_shown(search(client, "coffelt", page=2)) == []


def test_at_most_five_researchers_are_shown(client):
    for n in range(7):
        ArticleFactory(authors=[AuthorFactory(name=f"Alex Smith{n} Taylor")])
    assert len(researchers_shown(search(client, "taylor"))) == 5


def test_a_new_researcher_is_found_at_once(client, coffelt):
    search(client, "raman")
    ArticleFactory(authors=[AuthorFactory(honorific="", name="Priya Raman")])
    assert researchers_shown(search(client, "raman")) == ["Priya Raman"]


def test_names_are_read_once_until_the_next_change(client, coffelt, django_assert_num_queries):
    search(client, "coffelt")
    with django_assert_num_queries(0):
        assert researchers_named(parse_query("someone else")) == []
    with django_assert_num_queries(1):
        assert [a.name for a in researchers_named(parse_query("coffelt"))] == ["Seth Coffelt"]


def test_the_researchers_group_query_count_does_not_grow(client):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            search(client, "smith")
        return len(captured)

    ArticleFactory(authors=[AuthorFactory(name="Sam Smith")])
    few = queries()
    for n in range(20):
        ArticleFactory(authors=[AuthorFactory(name=f"Smith Number{n}"), AuthorFactory()])
    assert queries() == few
