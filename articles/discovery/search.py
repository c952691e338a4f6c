"""Site search: one interface, ``search_articles(query)``, over two full-text back ends.

SQLite uses an FTS5 virtual table, PostgreSQL ``django.contrib.postgres.search`` over a
stored ``tsvector``; ``connection.vendor`` picks one. Both put title and standfirst above
authors and topics, and those above the body, and give results in the same two tiers
(``TwoTierRanking``): articles whose title, standfirst, authors or topics hold the whole
query first, best first, then those that match only in their body, newest first.
Results are paged by ``articles.discovery.listing.ArticlePages``: ids first, then the page's rows.

Safety decisions, stated once:

* Readers' queries never reach either query language raw. ``parse_query`` keeps only word
  characters, so quotes, operators (AND, NEAR, ``*``, ``:``, ``-``), NUL bytes and other
  punctuation cannot make a query invalid; quoted phrases survive as phrases. Input is cut
  to ``MAX_QUERY_CHARS`` and ``MAX_TERMS`` so a huge query cannot make a huge plan.
* The index holds published and scheduled articles only (``reindex`` drops an
  article when it leaves that state); the query leaves out those whose time has not come.
  The page's rows are then loaded by id and kept only if ``Article.is_public`` (the rule
  of ``published()``), so a draft, scheduled or unpublished article is never shown,
  whatever the index holds.
* Excerpts come back from the database with private-use marker characters around the
  matches; the text is HTML-escaped first and only then are the markers turned into
  ``<mark>``. The indexed text has those characters stripped, so content cannot fake them.

Keeping the index current: every change to content goes through the editorial write path
(``articles.editorial.changes``), which calls ``reindex()`` once per change, after it
commits, for the articles it touched (and keeps the spelling vocabulary of
``articles.discovery.spelling`` current by the words that changed). Text left by any other
``QuerySet.delete()`` is never shown (the rows shown come from the article table; only the
total may count it) and ``manage.py rebuild_search_index`` clears it. ``QuerySet.update()``
bypasses all of this: after one, run ``manage.py rebuild_search_index``.
"""

import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import partial

from django.db import connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.discovery import spelling
from articles.discovery.listing import CACHE_SECONDS, ArticlePages, cached_count, cached_listing, listings_changed
from articles.models import Article
from articles.models.search_index import PostgresSearchEntry, SqliteSearchEntry
from articles.public import page_cache

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Matches paged, at most: a reader narrows a search long before page 100, and deep pages of
# a common word are the slowest to rank. (All matches are still counted: on PostgreSQL a
# count stopped at this limit measured slower, as the planner then reads every row's text.)
MAX_RESULTS = 1000
RANKING_WINDOW = MAX_RESULTS  # heading matches ranked, at most: see TwoTierRanking
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

    def with_words_replaced(self, replacements):
        """The same query with some words (keyed in lower case) replaced, for spelling suggestions."""
        return ParsedQuery(tuple(tuple(replacements.get(w.lower(), w) for w in phrase) for phrase in self.phrases))

    def as_typed(self):
        """The query as a reader would type it: phrases of more than one word in quotes."""
        return " ".join(f'"{" ".join(words)}"' if len(words) > 1 else words[0] for words in self.phrases)

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


@dataclass
class SearchResults:
    """Ranked published articles, and excerpts for the ones shown."""

    query: ParsedQuery
    articles: ArticlePages

    def with_excerpts(self, page_articles):
        excerpts = _backend().excerpts(self.query, [a.pk for a in page_articles])
        for article in page_articles:
            article.search_excerpt = excerpts.get(article.pk, "")
        return page_articles


def search_articles(raw_query):
    """Published articles matching ``raw_query``, most relevant first; empty for an empty query."""
    query = parse_query(raw_query)
    if not query:
        return SearchResults(query, ArticlePages("search:nothing", lambda: 0, lambda start, stop: []))
    backend = _backend()
    pages = ArticlePages(
        _count_key(query), partial(backend.count, query), partial(backend.ranked_ids, query), limit=MAX_RESULTS
    )
    return SearchResults(query, pages)


def did_you_mean(query):
    """A corrected ``ParsedQuery`` that finds articles, for a query that found none; or None."""
    backend = _backend()
    return spelling.suggest(query, lambda corrected: backend.all_matches(corrected).exists())


def _count_key(query, part="all"):
    digest = hashlib.sha256(query.as_quoted_phrases().lower().encode()).hexdigest()
    return f"search:{part}:{digest}"


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
        "published_at": article.published_at,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": html.unescape(strip_tags(article.body_html)),
        "authors": authors,
        "topics": " ".join(topic.name for topic in topics),
    }
    return {name: _MARKERS.sub("", value) if isinstance(value, str) else value for name, value in fields.items()}


def reindex(article_ids):
    """Store the text of each article readers may see now or once its time comes; drop the others.

    Called once per editorial change, after it commits (``articles.editorial.derived``).
    """
    article_ids = set(article_ids)
    articles = (
        Article.objects.published_or_scheduled()
        .filter(pk__in=article_ids)
        .prefetch_related("topics", "article_authors__author")
    )
    documents = {article.pk: document_for(article, prefetched=True) for article in articles}
    backend = _backend()
    old_words = _stored_words(backend, article_ids)
    if documents:
        backend.store_many(documents)
    for pk in article_ids - set(documents):
        backend.remove(pk)
    spelling.record_changes(old_words, {pk: spelling.words_of(document) for pk, document in documents.items()})


def _stored_words(backend, article_ids):
    """The vocabulary words of the text the index holds now for these articles."""
    rows = backend.model.objects.filter(pk__in=article_ids).values_list("pk", *SQLITE_COLUMNS)
    return {pk: spelling.words_of(dict(zip(SQLITE_COLUMNS, texts, strict=True))) for pk, *texts in rows}


def clear_search_index():
    """Empty the index (its tables are unmanaged: a test database flush leaves their rows)."""
    _backend().clear()
    spelling.clear_vocabulary()


@transaction.atomic  # one transaction: SQLite would otherwise sync the disk after every row
def rebuild_search_index(batch_size=2000, progress=None):
    """Index every published or scheduled article again: after ``QuerySet.update()``, bulk
    loads or a change of rules. ``progress(n)`` is told of each batch of ``n`` articles stored."""
    backend = _backend()
    backend.clear()
    articles = (
        Article.objects.published_or_scheduled().prefetch_related("topics", "article_authors__author").order_by("pk")
    )
    batch, vocabulary = {}, Counter()
    for article in articles.iterator(chunk_size=batch_size):
        batch[article.pk] = document_for(article, prefetched=True)
        vocabulary.update(spelling.words_of(batch[article.pk]))
        if len(batch) >= batch_size:
            backend.store_many(batch)
            if progress:
                progress(len(batch))
            batch = {}
    if batch:
        backend.store_many(batch)
        if progress:
            progress(len(batch))
    spelling.replace_vocabulary(vocabulary)
    listings_changed()


def highlighted(text):
    """HTML-escape ``text``, then turn the back end's markers into ``<mark>``."""
    safe = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own <mark> tags added.


class TwoTierRanking:
    """The order both back ends give results, and why.

    First the articles whose heading (title, standfirst, authors, topics) holds the whole
    query, best first by the back end's weighted rank; then those that match only with
    their body, newest first. Ranking every match, bodies included, costs one score per
    match: a common word matches a fifth of 100,000 articles, which took 50 ms on SQLite
    and seconds on PostgreSQL, where heading matches are a few percent and the body-only
    tier streams in date order. Each back end supplies ``all_matches``,
    ``heading_matches`` (ranked) and ``body_only_matches`` (newest first) as querysets of
    its index rows, readers' visibility already applied.

    When more than ``RANKING_WINDOW`` headings match, only the newest ``RANKING_WINDOW``
    of them are ranked (a date cut-off found by walking the matches newest first, which
    both indexes do without scoring). Readers never page past ``MAX_RESULTS`` anyway, and a
    word in that many headings ("cancer" is in nearly every one) tells the ranking almost
    nothing: FTS5's bm25 gives a word found in over half the rows next to no weight. Ranking
    all of them cost 85 ms for "cancer" at 100,000 articles on SQLite; the window, 6 ms.
    """

    def count(self, query):
        return self.all_matches(query).count()

    def ranked_ids(self, query, start, stop):
        heading = self.heading_matches(query)
        heading_total = cached_count(_count_key(query, "heading"), heading.count)
        if heading_total > RANKING_WINDOW:
            newest = heading.order_by("-article_id").values_list("article_id", flat=True)
            window_key = _count_key(query, "window")
            oldest_ranked = cached_listing(window_key, lambda: newest[RANKING_WINDOW - 1], CACHE_SECONDS)
            heading, heading_total = heading.filter(article_id__gte=oldest_ranked), RANKING_WINDOW
        ids = list(heading.values_list("article_id", flat=True)[start:stop]) if start < heading_total else []
        wanted = stop - start - len(ids)
        if wanted > 0:
            body_start = max(0, start - heading_total)
            body_only = self.body_only_matches(query).values_list("article_id", flat=True)
            ids += list(body_only[body_start : body_start + wanted])
        return ids


class SqliteBackend(TwoTierRanking):
    model = SqliteSearchEntry
    table = SqliteSearchEntry._meta.db_table
    # bm25 with a weight per column, in SQLITE_COLUMNS order; lower is more relevant.
    # (Named explicitly: FTS5's configurable ``rank`` column measured about twice as slow.)
    bm25 = f"bm25({table}, 10.0, 6.0, 1.0, 4.0, 4.0)"

    heading_columns = "{title standfirst authors topics}"

    def _matching(self, expression):
        # The index holds published and scheduled articles only. The scheduled ones are few
        # (usually none) and the page cache keeps their ids with the schedule: they are left
        # out by id, and not at all when there are none. (A subquery tested every match:
        # 9 ms for "cancer" at 100,000 articles.)
        matches = SqliteSearchEntry.objects.filter(document__matches=expression)
        scheduled = page_cache.scheduled_article_ids()
        return matches.exclude(article_id__in=scheduled) if scheduled else matches

    def all_matches(self, query):
        return self._matching(query.as_quoted_phrases())

    def heading_matches(self, query):
        """Ties (rare: bm25 scores differ with every text's length) go to the article added last."""
        in_heading = f"{self.heading_columns} : ({query.as_quoted_phrases()})"
        return (
            self._matching(in_heading)
            .annotate(relevance=RawSQL(self.bm25, []))  # noqa: S611 - a constant, no user input
            .order_by("relevance", "-article_id")
        )

    def body_only_matches(self, query):
        """Newest first by id, the order FTS5 streams rows in: articles are nearly always
        published in the order they were written, and reading each match's date would read
        its whole stored text."""
        phrases = query.as_quoted_phrases()
        return self._matching(f"({phrases}) NOT {self.heading_columns} : ({phrases})").order_by("-article_id")

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


class PostgresBackend(TwoTierRanking):
    model = PostgresSearchEntry

    def _search_query(self, query):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(query.as_quoted_phrases(), search_type="websearch", config=POSTGRES_CONFIG)

    def _visible(self):
        # The entry's own copy of the date: no join to the wide article rows.
        return PostgresSearchEntry.objects.filter(published_at__lte=timezone.now())

    def all_matches(self, query):
        return self._visible().filter(document=self._search_query(query))

    def heading_matches(self, query):
        from django.contrib.postgres.search import SearchRank

        search_query = self._search_query(query)
        return (
            self._visible()
            .filter(heading=search_query)
            .annotate(heading_rank=SearchRank(F("heading"), search_query))
            .order_by("-heading_rank", "-published_at", "-article_id")
        )

    def body_only_matches(self, query):
        search_query = self._search_query(query)
        return (
            self._visible()
            .filter(document=search_query)
            .exclude(heading=search_query)
            .order_by("-published_at", "-article_id")
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
