"""What the spelling vocabulary and the researchers group cost, on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/search_suggestions.py --backend sqlite --articles 2000
    .venv/bin/python benchmarks/search_suggestions.py --backend postgres --articles 2000

Generates articles as ``search_and_lists.py`` does (same word mix: a few common words, most
rare), in a database of its own (``/tmp/rv_suggest_bench.sqlite3`` or PostgreSQL
``rv_polish``), reused unless ``--fresh``. Prints medians in milliseconds: the
vocabulary's share of a full rebuild, of re-indexing one edited article, and a misspelt
search (suggestion included) through Django's test client.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_and_lists as bench  # noqa: E402 - the generator lives beside this script

bench.SQLITE_PATH = Path("/tmp/rv_suggest_bench.sqlite3")  # noqa: S108 - throwaway benchmark data
bench.POSTGRES_DB = "rv_polish"  # this helper's own database


def median_ms(action, repeats):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()

    bench.configure(args.backend)
    bench.prepare_database(args.backend, args.fresh)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from articles.discovery import search, spelling
    from articles.models import Article
    from articles.models.search_index import SearchWord

    call_command("migrate", verbosity=0)
    bench.generate(args.articles)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    started = time.perf_counter()
    search.rebuild_search_index()
    rebuild_ms = (time.perf_counter() - started) * 1000
    backend = search._backend()
    documents = {pk: search.document_for(a) for pk, a in Article.objects.published().in_bulk().items()}
    started = time.perf_counter()
    counts = {}
    for document in documents.values():
        for word in spelling.words_of(document):
            counts[word] = counts.get(word, 0) + 1
    counting_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    spelling.replace_vocabulary(counts)
    storing_ms = (time.perf_counter() - started) * 1000

    article = Article.objects.published().order_by("-published_at").first()
    ids = {article.pk}
    reindex_ms = median_ms(lambda: search.reindex(ids), args.repeats)
    vocabulary_part_ms = median_ms(
        lambda: (
            spelling.record_changes(search._stored_words(backend, ids), {article.pk: set()})
            or spelling.record_changes({}, search._stored_words(backend, ids))
        ),
        args.repeats,
    )

    client = Client()
    url = reverse("articles:search")
    client.get(url)

    def cold(query):
        def run():
            cache.clear()
            assert client.get(url, {"q": query}).status_code == 200

        return run

    print(f"\n{connection.vendor}: {Article.objects.count()} articles, {SearchWord.objects.count()} vocabulary words")
    print(f"full rebuild, vocabulary included          {rebuild_ms:9.0f} ms")
    print(f"  of which counting words in Python         {counting_ms:9.0f} ms")
    print(f"  of which storing the vocabulary           {storing_ms:9.0f} ms")
    print(f"re-index one article (median)               {reindex_ms:9.1f} ms")
    print(f"  vocabulary out and back in (median)       {vocabulary_part_ms:9.1f} ms (an edit does one of the two)")
    for query in ["imune", "imune cels", "tamoxifn resistanse", "xylophonic", "immune cells"]:
        suggested = search.did_you_mean(search.parse_query(query))
        shown = suggested.as_typed() if suggested else "-"
        print(f"search {query!r:24} cold cache {median_ms(cold(query), args.repeats):7.1f} ms  suggests {shown}")
    parsed = search.parse_query("imune cels")
    suggesting_ms = median_ms(lambda: search.did_you_mean(parsed), args.repeats)
    print(f"did_you_mean('imune cels') alone            {suggesting_ms:9.1f} ms")


if __name__ == "__main__":
    main()
