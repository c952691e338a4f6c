"""Tables behind site search; one per database back end, created by migration 0003 (0008 adds the date).

Neither table is managed by Django: on SQLite the index is an FTS5 virtual table, on
PostgreSQL a plain table with a stored ``tsvector`` and a GIN index. Only the table for the
database in use exists, so only ``articles.discovery.search`` touches these models, and it picks the
one that matches ``connection.vendor``.

Both hold only articles whose status is published, scheduled ones included: ``articles.discovery.search``
leaves out those whose time has not come at query time, so a scheduled article appears in
results the moment its time comes, without re-indexing. Drafts, articles in review and
unpublished ones are removed from the index when they are saved.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from articles.models.articles import Article

SQLITE_INDEX_TABLE = "articles_search_fts"
POSTGRES_INDEX_TABLE = "articles_search_entry"


class FullTextMatch(models.Lookup):
    """``document__matches=...``: FTS5's MATCH on the table's hidden column of the same name."""

    lookup_name = "matches"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FtsDocumentField(models.TextField):
    """The FTS5 hidden column named after the table; it only exists to be matched against."""


FtsDocumentField.register_lookup(FullTextMatch)


class SearchText(models.Model):
    """The text of one article as the index holds it, column by column (see articles.discovery.search)."""

    title = models.TextField()
    standfirst = models.TextField()
    body = models.TextField()
    authors = models.TextField()
    topics = models.TextField()

    class Meta:
        abstract = True


class SqliteSearchEntry(SearchText):
    article = models.OneToOneField(
        Article,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="sqlite_search_entry",
    )
    document = FtsDocumentField(db_column=SQLITE_INDEX_TABLE)

    class Meta:
        managed = False
        db_table = SQLITE_INDEX_TABLE

    def __str__(self):
        return f"Search text of article {self.article_id}"


class PostgresSearchEntry(SearchText):
    article = models.OneToOneField(
        Article,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="postgres_search_entry",
    )
    document = SearchVectorField(null=True)
    # A copy of the article's date, so results are filtered and ordered without reading the
    # wide article rows (see articles.discovery.search).
    published_at = models.DateTimeField(null=True)
    # Everything but the body: small enough to rank thousands of matches quickly (see articles.discovery.search).
    heading = SearchVectorField(null=True)

    class Meta:
        managed = False
        db_table = POSTGRES_INDEX_TABLE

    def __str__(self):
        return f"Search text of article {self.article_id}"


class SearchWord(models.Model):
    """A word of the indexed text and how many indexed articles use it: the vocabulary that
    spelling suggestions come from (see ``articles.discovery.spelling``).

    Managed, and the same on both databases. Kept current by ``articles.discovery.search.reindex``
    (by the difference between an article's old and new words) and rebuilt with the index.
    """

    word = models.CharField(max_length=30, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word
