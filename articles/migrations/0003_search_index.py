"""The full-text index, built for the database in use: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both tables are unmanaged models (see ``articles/models/search_index.py``); the SQL here is
the only place their shape is written down.
"""

import html

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models
from django.utils.html import strip_tags

# No foreign key from the PostgreSQL table: Django's test flush truncates the article table
# and PostgreSQL refuses that while an unmanaged table references it. No delete trigger
# either: SQLite drops triggers whenever Django remakes the article table in a migration.
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE articles_search_fts USING fts5("
    "title, standfirst, body, authors, topics, tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS articles_search_fts"]
POSTGRES_CREATE = [
    "CREATE TABLE articles_search_entry ("
    " article_id bigint PRIMARY KEY, title text NOT NULL, standfirst text NOT NULL, body text NOT NULL,"
    " authors text NOT NULL, topics text NOT NULL, document tsvector, heading tsvector)",
    "CREATE INDEX articles_search_entry_document ON articles_search_entry USING gin (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS articles_search_entry"]
WEIGHTS = (("title", "A"), ("standfirst", "B"), ("authors", "C"), ("topics", "C"), ("body", "D"))


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
    _fill_index(apps, schema_editor)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP)


def _fill_index(apps, schema_editor):
    """Index articles that already exist; later changes go through articles.search."""
    Article = apps.get_model("articles", "Article")
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        for article in Article.objects.prefetch_related("topics", "article_authors__author"):
            authors = " ".join(
                f"{link.author.honorific} {link.author.name} {link.author.affiliation}"
                for link in article.article_authors.all()
            )
            row = [
                article.title,
                article.standfirst,
                html.unescape(strip_tags(article.body_html)),
                authors,
                " ".join(topic.name for topic in article.topics.all()),
            ]
            if vendor == "sqlite":
                cursor.execute(
                    "INSERT INTO articles_search_fts (rowid, title, standfirst, body, authors, topics)"
                    " VALUES (%s, %s, %s, %s, %s, %s)",
                    [article.pk, *row],
                )
            elif vendor == "postgresql":
                vector = " || ".join(f"setweight(to_tsvector('english', {column}), '{w}')" for column, w in WEIGHTS)
                heading = " || ".join(
                    f"setweight(to_tsvector('english', {column}), '{w}')" for column, w in WEIGHTS if column != "body"
                )
                cursor.execute(
                    "INSERT INTO articles_search_entry (article_id, title, standfirst, body, authors, topics)"
                    " VALUES (%s, %s, %s, %s, %s, %s)",
                    [article.pk, *row],
                )
                cursor.execute(
                    f"UPDATE articles_search_entry SET document = {vector}, heading = {heading}"  # noqa: S608
                    " WHERE article_id = %s",
                    [article.pk],
                )


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_editors_group")]

    operations = [
        migrations.CreateModel(
            name="PostgresSearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="postgres_search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("title", models.TextField()),
                ("standfirst", models.TextField()),
                ("body", models.TextField()),
                ("authors", models.TextField()),
                ("topics", models.TextField()),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("heading", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"db_table": "articles_search_entry", "managed": False},
        ),
        migrations.CreateModel(
            name="SqliteSearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="sqlite_search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("title", models.TextField()),
                ("standfirst", models.TextField()),
                ("body", models.TextField()),
                ("authors", models.TextField()),
                ("topics", models.TextField()),
                ("document", models.TextField(db_column="articles_search_fts")),
            ],
            options={"db_table": "articles_search_fts", "managed": False},
        ),
        migrations.RunPython(create_index, drop_index),
    ]
