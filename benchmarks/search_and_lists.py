"""Search and list-page latency with 100,000 generated articles, on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/search_and_lists.py --backend sqlite
    .venv/bin/python benchmarks/search_and_lists.py --backend postgres

The data goes into a database of its own (``/tmp/rv_bench.sqlite3`` or the PostgreSQL
database ``rv_bench``), never the development or test database, and is reused on the next
run unless ``--fresh`` is given. Requests go through Django's test client, so the figures
are Django + database time without a network or a web server. Prints, for each request,
the median with an empty cache before every request, and the median and 95th percentile
with the cache warm (totals, list cards and related reading are cached until an editor
changes something; see ``articles.discovery.listing``).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/rv_bench.sqlite3")  # noqa: S108 - throwaway benchmark data, outside the repository
POSTGRES_DB = "rv_bench"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"

DOMAIN_WORDS = [
    "immune",
    "cells",
    "tumour",
    "breast",
    "cancer",
    "secondary",
    "metastasis",
    "neutrophils",
    "macrophages",
    "lymphocytes",
    "oestrogen",
    "receptor",
    "tamoxifen",
    "chemotherapy",
    "radiotherapy",
    "surgery",
    "genome",
    "mutation",
    "protein",
    "signal",
    "blood",
    "vessel",
    "bone",
    "liver",
    "lung",
    "brain",
    "dormant",
    "relapse",
    "screening",
    "mammogram",
    "trial",
    "patient",
    "drug",
    "resistance",
    "hormone",
    "therapy",
    "inflammation",
    "fibroblast",
    "stem",
    "gene",
    "expression",
    "biopsy",
    "imaging",
    "triple",
    "negative",
    "HER2",
    "BRCA",
    "inherited",
    "risk",
    "family",
    "prevention",
    "diet",
    "exercise",
    "survival",
    "quality",
]
FILLER_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "we",
    "our",
    "is",
    "for",
    "with",
    "how",
    "why",
    "when",
    "what",
    "this",
    "their",
    "can",
    "may",
    "which",
    "from",
    "study",
    "lab",
    "team",
    "found",
    "result",
    "early",
    "later",
    "new",
    "work",
    "year",
    "question",
    "answer",
    "data",
    "model",
    "test",
    "group",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "su",
    "ti",
    "ve",
    "zo",
    "ba",
    "de",
    "fi",
    "gu",
    "ho",
    "ja",
    "ku",
    "le",
    "mo",
    "ni",
    "pa",
    "qu",
    "ro",
    "sa",
    "te",
    "vu",
    "wi",
    "xa",
    "yo",
    "ze",
]


def configure(backend):
    if backend == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
    os.environ["DJANGO_DB_CONN_MAX_AGE"] = "600"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")
    sys.path.insert(0, str(ROOT))


def prepare_database(backend, fresh):
    if backend == "sqlite":
        if fresh and SQLITE_PATH.exists():
            SQLITE_PATH.unlink()
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DB]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{POSTGRES_DB}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{POSTGRES_DB}"')


def vocabulary(rng):
    """Words with a Zipf-like spread, as in real prose: a few very common, most rare.

    Filler words take the top ranks; the medical words sit between rank 240 and about 2,500,
    so a word like "immune" is in a fair share of articles but far from all of them.
    """
    invented = ["".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 3, 4]))) for _ in range(4000)]
    ranked = list(FILLER_WORDS) + invented[:200]
    for position, word in enumerate(DOMAIN_WORDS):
        ranked += [word, *invented[200 + position * 40 : 240 + position * 40]]
    ranked += invented[200 + len(DOMAIN_WORDS) * 40 :]
    cumulative, total = [], 0.0
    for rank, _word in enumerate(ranked, start=1):
        total += 1 / rank
        cumulative.append(total)
    return ranked, cumulative


def words(rng, vocab, count):
    ranked, cumulative = vocab
    return " ".join(rng.choices(ranked, cum_weights=cumulative, k=count))


def generate(total, batch_size=2000):
    from django.utils import timezone

    from articles.discovery.search import rebuild_search_index
    from articles.models import Article, ArticleAuthor, ArticleStatus, Author, Topic

    existing = Article.objects.count()
    if existing >= total:
        print(f"Reusing {existing} articles already in the benchmark database.")
        return
    rng = random.Random(2026)
    vocab = vocabulary(rng)
    started = time.perf_counter()
    surname = lambda: "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()  # noqa: E731
    authors = Author.objects.bulk_create(
        Author(name=f"{surname()} {surname()}", slug=f"bench-author-{n}", affiliation="Bench University")
        for n in range(500)
    )
    topics = Topic.objects.bulk_create(
        Topic(name=f"Topic {n} {rng.choice(DOMAIN_WORDS)}", slug=f"bench-topic-{n}") for n in range(40)
    )
    now = timezone.now()
    Through = Article.topics.through
    for start in range(existing, total, batch_size):
        batch = []
        for n in range(start, min(start + batch_size, total)):
            paragraphs = [words(rng, vocab, 120) for _ in range(4)]
            status = ArticleStatus.DRAFT if n % 50 == 0 else ArticleStatus.PUBLISHED
            batch.append(
                Article(
                    title=words(rng, vocab, 8).capitalize(),
                    slug=f"bench-article-{n}",
                    standfirst=words(rng, vocab, 25).capitalize() + ".",
                    body="\n\n".join(paragraphs),
                    # The generated words are plain letters, so this is what render_markdown would give.
                    body_html="".join(f"<p>{p}</p>\n" for p in paragraphs),
                    status=status,
                    published_at=now - timedelta(minutes=n) if status == ArticleStatus.PUBLISHED else None,
                )
            )
        created = Article.objects.bulk_create(batch)
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=author, position=position)
            for article in created
            for position, author in enumerate(rng.sample(authors, rng.choice([1, 1, 2, 3])))
        )
        Through.objects.bulk_create(
            Through(article_id=article.pk, topic_id=topic.pk)
            for article in created
            for topic in rng.sample(topics, rng.choice([1, 2, 3]))
        )
        print(f"  {start + len(batch)} articles…", end="\r", flush=True)
    print(f"\nGenerated {total} articles in {time.perf_counter() - started:.0f} s; indexing…")
    started = time.perf_counter()
    rebuild_search_index()
    print(f"Indexed in {time.perf_counter() - started:.0f} s.")


def timed_get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - started) * 1000


def measure(client, url, repeats):
    """Medians with an empty cache before every request (a new search, or the first reader
    after an editor's change) and with the cache as the previous request left it, and the
    95th percentile of the latter."""
    from django.core.cache import cache

    uncached = []
    for _ in range(repeats):
        cache.clear()
        uncached.append(timed_get(client, url))
    cached = sorted(timed_get(client, url) for _ in range(repeats))
    p95 = cached[min(len(cached) - 1, round(0.95 * (len(cached) - 1)))]
    return statistics.median(uncached), statistics.median(cached), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database and generate again")
    args = parser.parse_args()

    configure(args.backend)
    prepare_database(args.backend, args.fresh)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from articles.models import Article, Author, Topic

    call_command("migrate", verbosity=0)
    generate(args.articles)
    if connection.vendor == "postgresql":
        # VACUUM as well: it sets the visibility map, without which PostgreSQL cannot answer
        # counts from the index alone. (Autovacuum does the same on a live site.)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    client = Client()
    total = Article.objects.count()
    topic = Topic.objects.order_by("pk").first()
    author = Author.objects.order_by("pk").first()
    article = Article.objects.published().order_by("-published_at").first()
    search = reverse("articles:search")
    searches = {
        "search: immune cells": f"{search}?q=immune+cells",
        "search: secondary breast cancer": f"{search}?q=secondary+breast+cancer",
        'search: "tamoxifen resistance"': f"{search}?q=%22tamoxifen+resistance%22",
        "search: rare word (author surname)": f"{search}?q={author.name.split()[-1]}",
        "search: no match": f"{search}?q=xylophonic",
        "search: immune, page 20": f"{search}?q=immune&page=20",
    }
    lists = {
        "home": reverse("articles:home"),
        "article list, page 1": reverse("articles:article_list"),
        "article list, middle page": reverse("articles:article_list") + f"?page={max(1, total // 24)}",
        "topic page": topic.get_absolute_url(),
        "author page": author.get_absolute_url(),
        "article page (related reading)": article.get_absolute_url(),
    }
    print(f"\n{args.backend}: {total} articles, {args.repeats} requests each (milliseconds)")
    client.get(reverse("articles:home"))  # open the connection
    print(f"{'request':40} {'uncached':>9} {'cached':>8} {'p95':>8}")
    for group in (searches, lists):
        for name, url in group.items():
            uncached, cached, p95 = measure(client, url, args.repeats)
            print(f"{name:40} {uncached:9.1f} {cached:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
