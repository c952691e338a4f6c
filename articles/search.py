"""Site search: one interface, ``search_articles(query)``, over two full-text back ends.

SQLite uses an FTS5 virtual table, PostgreSQL ``django.contrib.postgres.search`` over a
stored ``tsvector``; ``connection.vendor`` picks one. Both weigh title and standfirst above
authors and topics, and those above the body, and break ties newest first.

Safety decisions, stated once:

* Readers' queries never reach either query language raw. ``parse_query`` keeps only word
  characters, so quotes, operators (AND, NEAR, ``*``, ``:``, ``-``), NUL bytes and other
  punctuation cannot make a query invalid; quoted phrases survive as phrases. Input is cut
  to ``MAX_QUERY_CHARS`` and ``MAX_TERMS`` so a huge query cannot make a huge plan.
* Results are ``Article.objects.published()`` joined to the index, so a draft, scheduled
  or unpublished article is never found, whatever the index holds.
* Excerpts come back from the database with private-use marker characters around the
  matches; the text is HTML-escaped first and only then are the markers turned into
  ``<mark>``. The indexed text has those characters stripped, so content cannot fake them.

Keeping the index current: ``update_search_index(article)`` is called explicitly from
``Article.save()``, ``ArticleAuthor.save()/delete()``, ``Author.save()``, ``Topic.save()``,
the article admin's ``save_related()`` (authors and topics are saved after the article)
and, for topics set in code, the ``m2m_changed`` hook in ``articles.search_hooks``.
``remove_from_search_index`` runs from ``Article.delete()`` and the admin's bulk delete.
Text left by any other ``QuerySet.delete()`` is never shown (results are checked against
the article table) and ``manage.py rebuild_search_index`` clears it.
``QuerySet.update()`` bypasses all of this: after one, run ``manage.py rebuild_search_index``.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.expressions import RawSQL
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .models import Article
from .models.search_index import PostgresSearchEntry, SqliteSearchEntry

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
EXCERPT_WORDS = 30
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKERS = re.compile(f"[{MARK_START}{MARK_END}]")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\w+)')
_WORD = re.compile(r"\w+")
POSTGRES_CONFIG = "english"
SQLITE_COLUMNS = ("title", "standfirst", "body", "authors", "topics")
# A is the heaviest; SqliteBackend.bm25 weighs the columns in the same order.
POSTGRES_WEIGHTS = {"title": "A", "standfirst": "B", "authors": "C", "topics": "C", "body": "D"}


@dataclass(frozen=True)
class ParsedQuery:
    """What a reader asked for: phrases (tuples of words) that must all appear."""

    phrases: tuple

    def __bool__(self):
        return bool(self.phrases)

    def as_quoted_phrases(self):
        """Every phrase in double quotes: both FTS5 and PostgreSQL's websearch syntax then
        read words such as AND, OR, NOT or NEAR as words to find, never as operators."""
        return " ".join('"' + " ".join(words) + '"' for words in self.phrases)


def parse_query(raw):
    text = (raw or "")[:MAX_QUERY_CHARS]
    phrases, terms = [], 0
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase_text, word = match.groups()
        words = _WORD.findall(phrase_text) if phrase_text is not None else [word]
        words = [w for w in words if w.replace("_", "")][: MAX_TERMS - terms]
        if words:
            phrases.append(tuple(words))
            terms += len(words)
        if terms >= MAX_TERMS:
            break
    return ParsedQuery(tuple(phrases))


class RankedArticles:
    """Published articles in rank order, sliced like a queryset (so ``Paginator`` can page it).

    The ranking runs on the index table with publication checked per match by
    ``Exists(Article.objects.published())``: started from the article table instead,
    SQLite's planner runs one full-text query per published article.
    """

    def __init__(self, ranked_ids):
        self.ranked_ids = ranked_ids

    def count(self):
        return self.ranked_ids.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        ids = list(self.ranked_ids[index]) if isinstance(index, slice) else [self.ranked_ids[index]]
        found = Article.objects.published().for_listing().in_bulk(ids)
        articles = [found[pk] for pk in ids if pk in found]
        return articles if isinstance(index, slice) else articles[0]

    def __iter__(self):
        return iter(self[:])


@dataclass
class SearchResults:
    """Ranked published articles, and excerpts for the ones shown."""

    query: ParsedQuery
    articles: RankedArticles

    def with_excerpts(self, page_articles):
        excerpts = _backend().excerpts(self.query, [a.pk for a in page_articles])
        for article in page_articles:
            article.search_excerpt = excerpts.get(article.pk, "")
        return page_articles


def search_articles(raw_query):
    """Published articles matching ``raw_query``, most relevant first; empty for an empty query."""
    query = parse_query(raw_query)
    backend = _backend()
    if not query:
        return SearchResults(query, RankedArticles(backend.model.objects.none().values_list("article_id", flat=True)))
    public = Exists(Article.objects.published().filter(pk=OuterRef("article_id")))
    return SearchResults(query, RankedArticles(backend.ranked_ids(query, public)))


def document_for(article, prefetched=False):
    """The text the index holds for an article, in the columns the back ends weigh.

    Normally reads the byline and topics afresh, because a cached prefetch (the admin's
    ``for_listing()``) may predate the inline formsets just saved; a rebuild passes
    ``prefetched=True`` after prefetching them itself.
    """
    links = article.article_authors.all() if prefetched else article.article_authors.select_related("author")
    authors = " ".join(f"{link.author.display_name} {link.author.affiliation}" for link in links)
    topics = article.topics.all() if prefetched else article.topics.only("name")
    fields = {
        "title": article.title,
        "standfirst": article.standfirst,
        "body": html.unescape(strip_tags(article.body_html)),
        "authors": authors,
        "topics": " ".join(topic.name for topic in topics),
    }
    return {name: _MARKERS.sub("", value) for name, value in fields.items()}


def update_search_index(article):
    _backend().store_many({article.pk: document_for(article)})


def update_search_index_for(articles):
    for article in articles:
        update_search_index(article)


def remove_from_search_index(article_pk):
    _backend().remove(article_pk)


@transaction.atomic  # one transaction: SQLite would otherwise sync the disk after every row
def rebuild_search_index(batch_size=2000):
    """Index every article again: after ``QuerySet.update()``, bulk loads or a change of rules."""
    backend = _backend()
    backend.clear()
    articles = Article.objects.prefetch_related("topics", "article_authors__author").order_by("pk")
    batch = {}
    for article in articles.iterator(chunk_size=batch_size):
        batch[article.pk] = document_for(article, prefetched=True)
        if len(batch) >= batch_size:
            backend.store_many(batch)
            batch = {}
    if batch:
        backend.store_many(batch)


def highlighted(text):
    """HTML-escape ``text``, then turn the back end's markers into ``<mark>``."""
    safe = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own <mark> tags added.


class SqliteBackend:
    model = SqliteSearchEntry
    table = SqliteSearchEntry._meta.db_table
    # bm25 with a weight per column, in SQLITE_COLUMNS order; lower is more relevant.
    # (Named explicitly: FTS5's configurable ``rank`` column measured about twice as slow.)
    bm25 = f"bm25({table}, 10.0, 6.0, 1.0, 4.0, 4.0)"

    def ranked_ids(self, query, public):
        return (
            SqliteSearchEntry.objects.filter(public, document__matches=query.as_quoted_phrases())
            .annotate(relevance=RawSQL(self.bm25, []))  # noqa: S611 - a constant, no user input
            .order_by("relevance", "-article__published_at", "-article_id")
            .values_list("article_id", flat=True)
        )

    def excerpts(self, query, pks):
        if not pks:
            return {}
        placeholders = ", ".join(["%s"] * len(pks))
        sql = (
            f"SELECT rowid, snippet({self.table}, 2, %s, %s, %s, %s) FROM {self.table} "  # noqa: S608 - constants
            f"WHERE {self.table} MATCH %s AND rowid IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, "…", EXCERPT_WORDS // 2, query.as_quoted_phrases(), *pks])
            return {pk: highlighted(snippet) for pk, snippet in cursor.fetchall()}

    def store_many(self, documents):
        columns = ", ".join(SQLITE_COLUMNS)
        placeholders = ", ".join(["%s"] * (len(SQLITE_COLUMNS) + 1))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {self.table} WHERE rowid = %s",  # noqa: S608 - constant
                [[pk] for pk in documents],
            )
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, {columns}) VALUES ({placeholders})",  # noqa: S608 - constants
                [[pk, *(document[column] for column in SQLITE_COLUMNS)] for pk, document in documents.items()],
            )

    def remove(self, pk):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [pk])  # noqa: S608 - constant

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608 - constant


class PostgresBackend:
    model = PostgresSearchEntry

    def _search_query(self, query):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(query.as_quoted_phrases(), search_type="websearch", config=POSTGRES_CONFIG)

    def ranked_ids(self, query, public):
        """Matched on the whole text, ranked on the heading vector (title, standfirst, authors,
        topics): ``ts_rank`` over whole bodies read every matching row's large vector and took
        seconds for a common word at 100,000 articles. Body-only matches rank below heading
        matches, newest first."""
        from django.contrib.postgres.search import SearchRank

        search_query = self._search_query(query)
        return (
            PostgresSearchEntry.objects.filter(public, document=search_query)
            .annotate(search_rank=SearchRank(F("heading"), search_query))
            .order_by("-search_rank", "-article__published_at", "-article_id")
            .values_list("article_id", flat=True)
        )

    def excerpts(self, query, pks):
        from django.contrib.postgres.search import SearchHeadline

        rows = PostgresSearchEntry.objects.filter(pk__in=pks).annotate(
            excerpt=SearchHeadline(
                "body",
                self._search_query(query),
                config=POSTGRES_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=EXCERPT_WORDS,
                min_words=EXCERPT_WORDS // 2,
            )
        )
        return {pk: highlighted(excerpt) for pk, excerpt in rows.values_list("pk", "excerpt")}

    def store_many(self, documents):

        PostgresSearchEntry.objects.filter(pk__in=list(documents)).delete()
        PostgresSearchEntry.objects.bulk_create(
            PostgresSearchEntry(article_id=pk, **document) for pk, document in documents.items()
        )
        PostgresSearchEntry.objects.filter(pk__in=list(documents)).update(
            document=_weighted_vector(POSTGRES_WEIGHTS),
            heading=_weighted_vector({column: w for column, w in POSTGRES_WEIGHTS.items() if column != "body"}),
        )

    def remove(self, pk):
        PostgresSearchEntry.objects.filter(pk=pk).delete()

    def clear(self):
        PostgresSearchEntry.objects.all().delete()


def _weighted_vector(weights):
    from django.contrib.postgres.search import SearchVector

    parts = [SearchVector(column, weight=weight, config=POSTGRES_CONFIG) for column, weight in weights.items()]
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def _backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
