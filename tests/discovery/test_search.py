"""Site search on whichever database the suite runs on (SQLite FTS5 or PostgreSQL)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.discovery import search
from articles.discovery.search import parse_query, search_articles
from articles.models import Article, ArticleStatus
from tests import editing
from tests.factories import ArticleFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("articles:search")


def found_titles(query):
    return [article.title for article in search_articles(query).articles]


def test_a_title_match_outranks_a_body_match():
    ArticleFactory(title="Notes from the lab", body="We study lymphocytes in the tumour.")
    ArticleFactory(title="What lymphocytes do")
    assert found_titles("lymphocytes") == ["What lymphocytes do", "Notes from the lab"]


def test_a_standfirst_match_outranks_a_body_match():
    ArticleFactory(title="Body match", body="Macrophages gather near tumours.")
    ArticleFactory(title="Standfirst match", standfirst="Macrophages and the spread of cancer.")
    assert found_titles("macrophages") == ["Standfirst match", "Body match"]


def test_equal_matches_come_newest_first():
    now = timezone.now()
    ArticleFactory(title="Older chemotherapy piece", published_at=now - timedelta(days=9))
    ArticleFactory(title="Newer chemotherapy piece", published_at=now - timedelta(days=2))
    assert found_titles("chemotherapy") == ["Newer chemotherapy piece", "Older chemotherapy piece"]


def test_plural_words_find_singular_forms():
    ArticleFactory(title="How a cell decides to divide")
    assert found_titles("cells") == ["How a cell decides to divide"]


def test_every_word_must_match():
    ArticleFactory(title="Immune responses")
    ArticleFactory(title="Immune cells in the tumour")
    assert found_titles("immune tumour") == ["Immune cells in the tumour"]


def test_a_quoted_phrase_matches_words_side_by_side_only():
    ArticleFactory(title="Breast cancer that has spread", body="Secondary breast cancer is our focus.")
    ArticleFactory(title="Secondary effects", body="Effects of breast surgery and of cancer drugs.")
    assert found_titles('"secondary breast cancer"') == ["Breast cancer that has spread"]


def test_author_names_are_searchable():
    ArticleFactory(title="A piece by Okonkwo", authors=[AuthorFactory(name="Adaeze Okonkwo")])
    assert found_titles("okonkwo") == ["A piece by Okonkwo"]


def test_topic_names_are_searchable():
    ArticleFactory(title="Tagged piece", topics=[TopicFactory(name="Radiotherapy")])
    assert found_titles("radiotherapy") == ["Tagged piece"]


@pytest.mark.parametrize("hidden", [{"draft": True}, {"scheduled": True}])
def test_unpublished_articles_are_never_found(hidden):
    ArticleFactory(title="Tamoxifen resistance", **hidden)
    assert found_titles("tamoxifen") == []


def test_a_scheduled_article_is_found_once_its_time_comes(time_machine):
    ArticleFactory(title="Tamoxifen resistance", scheduled=True)
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert found_titles("tamoxifen") == ["Tamoxifen resistance"]


def test_a_scheduled_article_is_neither_shown_nor_counted_before_its_time(client):
    ArticleFactory(title="Tamoxifen resistance")
    ArticleFactory(title="Tamoxifen resistance, part two", scheduled=True)
    html = client.get(SEARCH_URL, {"q": "tamoxifen"}).content.decode()
    assert "1 article found" in html
    assert "part two" not in html


def test_when_more_headings_match_than_are_ranked_the_newest_of_them_are_ranked(monkeypatch):
    # Three heading matches, the oldest the most relevant; a window of two ranks the newest two.
    now = timezone.now()
    strongest = {"standfirst": "Neutrophils, neutrophils and more neutrophils.", "body": "Neutrophils."}
    ArticleFactory(title="Neutrophils", published_at=now - timedelta(days=3), **strongest)
    ArticleFactory(title="Neutrophils today", standfirst="Neutrophils again.", published_at=now - timedelta(days=2))
    ArticleFactory(title="Neutrophils in brief", published_at=now - timedelta(days=1))
    assert found_titles("neutrophils") == ["Neutrophils", "Neutrophils today", "Neutrophils in brief"]
    monkeypatch.setattr(search, "RANKING_WINDOW", 2)
    monkeypatch.setattr(search, "MAX_RESULTS", 2)
    results = search_articles("neutrophils").articles
    assert [article.title for article in results] == ["Neutrophils today", "Neutrophils in brief"]
    assert results.total == 3  # the page still says how many match


def test_a_published_draft_is_found():
    article = ArticleFactory(title="Tamoxifen resistance", draft=True)
    editing.publish(article)
    assert found_titles("tamoxifen") == ["Tamoxifen resistance"]


def test_an_unpublished_article_is_no_longer_found():
    article = ArticleFactory(title="Tamoxifen resistance")
    editing.unpublish(article)
    assert found_titles("tamoxifen") == []


def test_an_edited_title_is_found_by_its_new_words():
    article = ArticleFactory(title="Placeholder headline")
    editing.edit(article, title="Hormone therapy explained")
    assert found_titles("hormone") == ["Hormone therapy explained"]


def test_an_edited_title_is_not_found_by_its_old_words():
    article = ArticleFactory(title="Placeholder headline")
    editing.edit(article, title="Hormone therapy explained")
    assert found_titles("placeholder") == []


def test_a_deleted_article_leaves_the_index():
    article = ArticleFactory(title="Tamoxifen resistance")
    pk = article.pk
    editing.delete_article(article)
    assert [a.pk for a in search_articles("tamoxifen").articles if a.pk == pk] == []


def test_a_renamed_author_is_found_by_the_new_name():
    author = AuthorFactory(name="Jo Bloggs")
    ArticleFactory(title="Signals between cells", authors=[author])
    editing.save(author, name="Jo Featherstonehaugh")
    assert found_titles("featherstonehaugh") == ["Signals between cells"]


def test_a_renamed_author_is_not_found_by_the_old_name():
    author = AuthorFactory(name="Jo Bloggs")
    ArticleFactory(title="Signals between cells", authors=[author])
    editing.save(author, name="Jo Featherstonehaugh")
    assert found_titles("bloggs") == []


def test_a_topic_added_later_is_searchable():
    article = ArticleFactory(title="Tagged later")
    editing.edit(article, topics=[TopicFactory(name="Genomics")])
    assert found_titles("genomics") == ["Tagged later"]


def test_a_renamed_topic_is_found_by_the_new_name():
    topic = TopicFactory(name="Genomics")
    ArticleFactory(title="Tagged piece", topics=[topic])
    editing.save(topic, name="Epigenetics")
    assert found_titles("epigenetics") == ["Tagged piece"]


def test_an_author_added_in_the_admin_is_searchable(admin_client):
    article = ArticleFactory(title="Co-written piece", authors=[AuthorFactory(name="First Writer")])
    second = AuthorFactory(name="Second Zebedee")
    editing.edit(article, authors=[*article.ordered_authors, second])
    assert found_titles("zebedee") == ["Co-written piece"]


def test_a_removed_author_is_no_longer_searchable():
    author = AuthorFactory(name="Leaving Quimby")
    first = AuthorFactory()
    article = ArticleFactory(title="Co-written piece", authors=[first, author])
    editing.edit(article, authors=[first])
    assert found_titles("quimby") == []


def test_the_excerpt_highlights_the_matching_words():
    ArticleFactory(body="Our lab found that neutrophils travel with tumour cells through the blood.")
    results = search_articles("neutrophils")
    page = results.with_excerpts(list(results.articles))
    assert "<mark>neutrophils</mark>" in page[0].search_excerpt


def test_the_excerpt_escapes_html_in_the_article_text():
    ArticleFactory(body="Neutrophils and the `<img src=x onerror=alert(1)>` tag.")
    results = search_articles("neutrophils")
    page = results.with_excerpts(list(results.articles))
    assert "<img" not in page[0].search_excerpt


def test_the_results_page_highlights_matches(client):
    ArticleFactory(body="Our lab found that neutrophils travel with tumour cells.")
    response = client.get(SEARCH_URL, {"q": "neutrophils"})
    assert "<mark>neutrophils</mark>" in response.content.decode()


def test_the_results_page_links_each_result(client):
    article = ArticleFactory(title="Neutrophils on the move")
    response = client.get(SEARCH_URL, {"q": "neutrophils"})
    assert f'href="{article.get_absolute_url()}"' in response.content.decode()


def test_the_results_page_says_how_many_were_found(client):
    ArticleFactory.create_batch(3, title="Neutrophils")
    response = client.get(SEARCH_URL, {"q": "neutrophils"})
    assert "3 articles found" in response.content.decode()


def test_results_are_paginated(client):
    ArticleFactory.create_batch(12, title="Neutrophils")
    response = client.get(SEARCH_URL, {"q": "neutrophils", "page": 2})
    assert len(response.context["articles"]) == 2


def test_the_next_page_link_keeps_the_query(client):
    ArticleFactory.create_batch(12, title="Neutrophils")
    response = client.get(SEARCH_URL, {"q": "neutrophils"})
    assert 'href="?q=neutrophils&amp;page=2"' in response.content.decode()


def test_a_search_with_no_results_suggests_what_to_do(client):
    ArticleFactory(topics=[TopicFactory(name="Immunology")])
    response = client.get(SEARCH_URL, {"q": "xylophone"})
    assert "Browse all articles" in response.content.decode()


def test_a_search_with_no_results_offers_the_topics(client):
    topic = TopicFactory(name="Immunology")
    ArticleFactory(topics=[topic])
    response = client.get(SEARCH_URL, {"q": "xylophone"})
    assert f'href="{topic.get_absolute_url()}"' in response.content.decode()


def test_the_empty_result_page_repeats_the_query_escaped(client):
    response = client.get(SEARCH_URL, {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in response.content.decode()


def test_search_results_are_kept_out_of_search_engines(client):
    response = client.get(SEARCH_URL, {"q": "cells"})
    assert response["X-Robots-Tag"] == "noindex"


def test_the_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    topic = TopicFactory()
    ArticleFactory.create_batch(10, title="Neutrophils", topics=[topic], authors=[AuthorFactory(), AuthorFactory()])
    # 7: the seventh reads the researchers' names, once until the next change (see test_search_researchers.py).
    with django_assert_max_num_queries(7):
        client.get(SEARCH_URL, {"q": "neutrophils"})


HOSTILE_QUERIES = [
    '"',
    '"""',
    '"unbalanced',
    "cells AND",
    "OR",
    "NOT cells",
    "cells NEAR/3 immune",
    "NEAR(cells immune)",
    "title:cells",
    "cell*",
    "^cells",
    "-cells",
    "cells -",
    "(cells",
    "cells)",
    "!!!???",
    "'; DROP TABLE articles_article; --",
    "\x00cells",
    "cells\x00immune",
    "\u202eslamina",
    "乳腺癌 治療",
    "🧬🔬",
    "Ünïcödé çéllš",
    "ﬁ ligature",
    "a" * 5000,
    "cells " * 2000,
    "&&||!:*",
    "<script>alert(1)</script>",
    "_",
    "___ ___",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_return_a_page(client, query):
    ArticleFactory(title="Immune cells")
    response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["-cells", "cells -", "(cells", "cells:", '"cells', "cells*", "^cells", "+cells+"])
def test_punctuation_around_a_word_is_ignored(query):
    ArticleFactory(title="Immune cells")
    assert found_titles(query) == ["Immune cells"]


def test_not_is_searched_for_as_a_word_not_an_operator():
    ArticleFactory(title="Not immune cells")
    assert found_titles("NOT cells") == ["Not immune cells"]


def test_xss_payloads_as_queries_come_back_escaped(client, xss_payloads):
    ArticleFactory(title="Immune cells", body="alert script onerror img svg")
    for payload in xss_payloads[::60]:
        response = client.get(SEARCH_URL, {"q": payload})
        body = response.content.decode()
        main = body[body.index("<main") :]
        assert "<script" not in main.lower(), payload


def test_an_empty_query_asks_for_words(client):
    response = client.get(SEARCH_URL, {"q": "   "})
    assert "Type a word or two" in response.content.decode()


def test_parse_query_limits_the_number_of_words():
    assert sum(len(words) for words in parse_query("cells " * 100).phrases) == 12


def test_the_header_has_a_labelled_search_form(client):
    body = client.get(reverse("articles:home")).content.decode()
    assert '<label class="visually-hidden" for="site-search-q">Search articles</label>' in body


def test_the_header_search_form_submits_to_search(client):
    body = client.get(reverse("articles:home")).content.decode()
    assert f'action="{SEARCH_URL}" method="get" role="search"' in body


def test_the_search_page_names_its_two_search_landmarks_apart(client):
    """Screen readers list landmarks by name: two unnamed "search" regions cannot be told apart."""
    body = client.get(SEARCH_URL + "?q=cells").content.decode()
    names = []
    for form in re.findall(r"<form [^>]*role=\"search\"[^>]*>", body):
        label = re.search(r'aria-label="([^"]+)"', form)
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', form)
        if labelled_by:
            label = re.search(rf'id="{labelled_by.group(1)}"[^>]*>([^<]+)<', body)
        names.append(label.group(1) if label else None)
    assert names == ["Site search", "Search articles, researchers and topics"]


def test_rebuilding_the_index_keeps_results():
    from articles.discovery.search import rebuild_search_index

    ArticleFactory(title="Neutrophils on the move")
    rebuild_search_index()
    assert found_titles("neutrophils") == ["Neutrophils on the move"]


def test_search_uses_the_published_queryset_only():
    ArticleFactory(title="Neutrophils", draft=True)
    assert Article.objects.filter(title="Neutrophils").count() == 1 and found_titles("neutrophils") == []


def test_the_rebuild_command_indexes_bulk_updates():
    from django.core.management import call_command

    article = ArticleFactory(title="Placeholder headline")
    Article.objects.filter(pk=article.pk).update(title="Lymphoedema after surgery")
    call_command("rebuild_search_index", stdout=StringIO())
    assert found_titles("lymphoedema") == ["Lymphoedema after surgery"]


def index_holds(pk):
    from articles.discovery.search import _backend

    return _backend().model.objects.filter(pk=pk).values_list("pk", flat=True).exists()


def test_an_article_deleted_in_bulk_is_never_found():
    ArticleFactory(title="Tamoxifen resistance")
    Article.objects.all().delete()
    assert found_titles("tamoxifen") == []


def test_an_article_deleted_one_by_one_leaves_the_index():
    article = ArticleFactory(title="Tamoxifen resistance")
    pk = article.pk
    editing.delete_article(article)
    assert not index_holds(pk)


def test_a_published_article_is_in_the_index():
    article = ArticleFactory()
    assert index_holds(article.pk)


def test_a_scheduled_article_waits_in_the_index():
    article = ArticleFactory(scheduled=True)
    assert index_holds(article.pk)


@pytest.mark.parametrize("status", [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED])
def test_an_article_readers_cannot_see_is_not_indexed(status):
    article = ArticleFactory(draft=True)
    editing.set_status(editing.publish(article), status)
    assert not index_holds(article.pk)


def test_unpublishing_takes_an_article_out_of_the_index():
    article = ArticleFactory()
    editing.unpublish(article)
    assert not index_holds(article.pk)


def test_the_rebuild_leaves_drafts_out():
    from articles.discovery.search import rebuild_search_index

    draft = ArticleFactory(draft=True)
    rebuild_search_index()
    assert not index_holds(draft.pk)


def test_the_result_count_changes_as_soon_as_an_article_is_published(client):
    ArticleFactory(title="Neutrophils at work")
    draft = ArticleFactory(title="Neutrophils at rest", draft=True)
    assert "1 article found" in client.get(SEARCH_URL, {"q": "neutrophils"}).content.decode()
    editing.publish(draft)
    assert "2 articles found" in client.get(SEARCH_URL, {"q": "neutrophils"}).content.decode()


def test_the_result_count_changes_as_soon_as_an_article_is_unpublished(client):
    ArticleFactory(title="Neutrophils at work")
    article = ArticleFactory(title="Neutrophils at rest")
    assert "2 articles found" in client.get(SEARCH_URL, {"q": "neutrophils"}).content.decode()
    editing.unpublish(article)
    assert "1 article found" in client.get(SEARCH_URL, {"q": "neutrophils"}).content.decode()


def test_pages_of_results_show_every_match_once_in_rank_order():
    in_titles = ArticleFactory.create_batch(12, title="Macrophages", body="Cells.")
    in_bodies = ArticleFactory.create_batch(13, title="Cells", body="Macrophages.")
    results = search_articles("macrophages").articles
    pages = [results[start : start + 10] for start in (0, 10, 20)]
    shown = [article.pk for page in pages for article in page]
    assert sorted(shown[:12]) == sorted(a.pk for a in in_titles)
    assert sorted(shown[12:]) == sorted(a.pk for a in in_bodies)


def test_body_only_matches_come_newest_first_however_often_they_say_the_word():
    now = timezone.now()
    ArticleFactory(title="Older", body="Fibroblasts, fibroblasts, fibroblasts.", published_at=now - timedelta(days=5))
    ArticleFactory(title="Newer", body="Fibroblasts.", published_at=now - timedelta(days=1))
    assert found_titles("fibroblasts") == ["Newer", "Older"]


def test_a_heading_match_comes_above_a_newer_body_match():
    now = timezone.now()
    ArticleFactory(title="Fibroblasts explained", published_at=now - timedelta(days=30))
    ArticleFactory(title="Newer notes", body="Fibroblasts.", published_at=now - timedelta(days=1))
    assert found_titles("fibroblasts") == ["Fibroblasts explained", "Newer notes"]


def test_a_very_common_word_lists_the_best_matches_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr("articles.discovery.search.MAX_RESULTS", 15)
    ArticleFactory.create_batch(8, title="Tumour biology")
    ArticleFactory.create_batch(12, title="Notes", body="Tumour cells.")
    body = client.get(SEARCH_URL, {"q": "tumour"}).content.decode()
    assert "20 articles found for “tumour”; the best 15 are listed" in body
    assert "Page 1 of 2" in body
    last = client.get(SEARCH_URL, {"q": "tumour", "page": 2}).content.decode()
    assert last.count('class="search-result"') == 5
    assert "Page 2 of 2" in last


def test_a_search_with_fewer_matches_than_the_limit_gives_the_exact_count(client, monkeypatch):
    monkeypatch.setattr("articles.discovery.search.MAX_RESULTS", 15)
    ArticleFactory.create_batch(15, title="Tumour biology")
    body = client.get(SEARCH_URL, {"q": "tumour"}).content.decode()
    assert "15 articles found for “tumour”" in body
    assert "the best" not in body
