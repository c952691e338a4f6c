"""Faster listings and search at 100,000 articles.

* The listing index gains ``-id`` so it matches ``Article.Meta.ordering`` exactly: a page's
  ids, even far down the list, then come from the index without a sort.
* The featured-article index is created again after it, for SQLite's planner (see below).
* The search index keeps only articles whose status is published (scheduled ones included),
  so search no longer checks every match against the wide article table.
* PostgreSQL's table gains a copy of the publication date, to filter and order by, and a
  GIN index on the heading vector; bodies and the body vector are stored out of line, so
  ranking thousands of matches reads small rows. Run ``manage.py rebuild_search_index``
  once after migrating to move existing rows to that layout (the results are right
  without it, only slower).
"""

from django.db import migrations, models

POSTGRES_FORWARDS = [
    "ALTER TABLE articles_search_entry ADD COLUMN published_at timestamptz",
    "ALTER TABLE articles_search_entry ALTER COLUMN body SET STORAGE EXTERNAL",
    "ALTER TABLE articles_search_entry ALTER COLUMN document SET STORAGE EXTERNAL",
    "ALTER TABLE articles_search_entry ALTER COLUMN heading SET STORAGE MAIN",
    "CREATE INDEX articles_search_entry_heading ON articles_search_entry USING gin (heading)",
    "DELETE FROM articles_search_entry e WHERE NOT EXISTS ("
    " SELECT 1 FROM articles_article a WHERE a.id = e.article_id AND a.status = 'published')",
    "UPDATE articles_search_entry e SET published_at = a.published_at"
    " FROM articles_article a WHERE a.id = e.article_id",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS articles_search_entry_heading",
    "ALTER TABLE articles_search_entry DROP COLUMN IF EXISTS published_at",
]
SQLITE_FORWARDS = [
    "DELETE FROM articles_search_fts WHERE rowid NOT IN (SELECT id FROM articles_article WHERE status = 'published')",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARDS)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARDS)


def backwards(apps, schema_editor):
    # The rows left out stay out: the older code never showed them to readers either.
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_featured_article_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_public_listing",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-published_at", "-id"], name="article_listing_order"),
        ),
        # Created again, after the listing index: without ANALYZE statistics SQLite picks the
        # most recently created of two equally good indexes, and the home page's featured
        # query must take this one (the listing index would walk every article to find none).
        migrations.RemoveIndex(
            model_name="article",
            name="article_featured",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("featured", True)),
                fields=["status", "-published_at", "-id"],
                name="article_featured",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
