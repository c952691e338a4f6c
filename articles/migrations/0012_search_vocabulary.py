"""The spelling vocabulary (articles.discovery.spelling), filled from the text the search index holds.

The filling counts words by the same rule as ``spelling.words_of`` (letters only, three to
thirty of them, lower case), copied here so this migration keeps working when the app changes.
"""

import re
from collections import Counter

from django.db import migrations, models

# The index table and its key column, for the database in use (see migration 0003).
INDEX_TABLES = {"sqlite": ("articles_search_fts", "rowid"), "postgresql": ("articles_search_entry", "article_id")}
TEXT_COLUMNS = "title, standfirst, body, authors, topics"
BATCH = 1000


def fill_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor not in INDEX_TABLES:
        return
    table, key = INDEX_TABLES[schema_editor.connection.vendor]
    counts, last = Counter(), -1
    with schema_editor.connection.cursor() as cursor:
        while True:  # in batches by key: the article text of a whole site may not fit in memory
            cursor.execute(
                f"SELECT {key}, {TEXT_COLUMNS} FROM {table} WHERE {key} > %s ORDER BY {key} LIMIT %s",  # noqa: S608 - constants
                [last, BATCH],
            )
            rows = cursor.fetchall()
            for row in rows:
                tokens = set(re.findall(r"\w+", " ".join(text or "" for text in row[1:]).lower()))
                counts.update(token for token in tokens if 3 <= len(token) <= 30 and token.isalpha())
            if len(rows) < BATCH:
                break
            last = rows[-1][0]
    SearchWord = apps.get_model("articles", "SearchWord")
    SearchWord.objects.bulk_create((SearchWord(word=word, documents=n) for word, n in counts.items()), batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_binned_article_is_not_published"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=30, primary_key=True, serialize=False)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(fill_vocabulary, migrations.RunPython.noop),
    ]
