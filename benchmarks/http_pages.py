"""Public pages over HTTP against the same article served as a static file: how close to the limit?

    .venv/bin/python benchmarks/http_pages.py                        # 1,000 articles, 10 s per page
    .venv/bin/python benchmarks/http_pages.py --duration 5 --long-duration 10
    .venv/bin/python benchmarks/http_pages.py --big                  # 100,000 articles: search and list, 1 connection

Seeds the demo content plus copies of its articles up to --articles into a SQLite file in a
temporary folder (removed at the end), serves the site with gunicorn as in production (debug
off, collected static files, 2 sync workers) on 127.0.0.1 and drives wrk against the article
page, the article list, an author page, search and the RSS feed, and against the article's own
HTML saved as a static file and served by the same gunicorn through whitenoise: the most a
worker can do for a page of that size, the limit the other figures are compared with.

Pages take turns in 2-second rounds, so each meets the same background load (the machine is
shared). Two passes, each with a fresh server: page cache off (``--cold-env``, every request renders the
page) and page cache warm (each page fetched a few times first). Then 64 connections on the
article page for --long-duration seconds with the cache warm (errors, p50), and the workers'
resident memory. If varnishd is installed, the article page and the 64-connection run are
measured once more through Varnish with the shipped VCL (deploy/varnish/) in front of the same
gunicorn. Last, every page with every cache empty (``--cold-redis``: the site's cache in a Redis
database that is emptied before each request, one request at a time, so nothing a request reads
was kept for it: the article page's kept parts, totals and cards are rendered afresh). With --big
it measures only search and the article list.

The machine is shared: the CPU share printed first says how much of a core this process got
before the run; compare figures only within one run.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import WRK_SCRIPT, cpu_share, run_wrk, seed, wrk_result  # noqa: E402
from tests.operations.varnish import Varnish, varnishd_path  # noqa: E402
from tests.scale.servers import Gunicorn, free_port, get, production_env  # noqa: E402

# How the page cache is turned off (PAGE_CACHE_ENABLED in site_project/settings.py).
PAGE_CACHE_OFF = "DJANGO_PAGE_CACHE=false"
STATIC_COPY = "bench/article.html"


def measure(urls, seconds, connections, script, round_seconds=2):
    """wrk on the URLs ({name: url}) in turn, in rounds of ``round_seconds`` each, for ``seconds`` per page.

    Taking turns in short rounds, rather than one page after another, gives every page (and
    the static limit) the same share of whatever else the shared machine is doing. Returns
    {name: result}: req/s over all rounds, errors summed, p50 and p99 the median of the rounds'.
    """
    rounds = max(1, seconds // round_seconds)
    runs = {name: [] for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            runs[name].append(wrk_result(run_wrk(url, seconds // rounds, connections, script)))
    results = {}
    for name, parts in runs.items():
        total = {
            key: sum(part[key] for part in parts)
            for key in ("requests", "seconds", "status", "connect", "read", "write", "timeout")
        }
        total["rps"] = total["requests"] / total["seconds"]
        total["errors"] = total["status"] + total["connect"] + total["read"] + total["write"] + total["timeout"]
        total["p50"] = statistics.median(part["p50"] for part in parts)
        total["p99"] = statistics.median(part["p99"] for part in parts)
        results[name] = total
    return results


def urls_of(server, pages):
    return {name: server.url + path for name, path in pages.items()}


def warm_up(server, pages, times=4):
    for _ in range(times):  # each worker renders (and caches) each page at least once
        for path in pages.values():
            status, _ = get(server.url + path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")


def every_cache_empty(env, pages, redis_url, seconds):
    """{name: [ms, …]}: each page fetched alone, over HTTP, right after the site's whole cache was emptied."""
    import redis

    scratch_cache = redis.Redis.from_url(redis_url)
    times = {name: [] for name in pages}
    with Gunicorn(free_port(), {**env, "REDIS_URL": redis_url}, workers=1) as server:
        warm_up(server, pages, times=1)  # code loaded and connections open, then every cache dropped
        for name, path in pages.items():
            until = time.perf_counter() + seconds
            while time.perf_counter() < until or len(times[name]) < 20:
                scratch_cache.flushdb()
                started = time.perf_counter()
                status, _ = get(server.url + path)
                times[name].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}")
    scratch_cache.flushdb()
    return times


def reuse(database):
    """The newest published article and the number published, from a database seeded earlier."""
    from django.core.management import call_command

    from articles.models import Article

    print(f"reusing {database}")
    call_command("migrate", verbosity=0)
    published = Article.objects.published()
    return published.order_by("-published_at").first(), published.count()


def worker_rss_mb(server):
    sizes = []
    for pid in server.worker_pids():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def print_busy(label, busy, seconds):
    print(
        f"\n64 connections, {seconds} s, {label}: {busy['rps']:.0f} req/s, p50 {busy['p50']:.1f} ms, "
        f"p99 {busy['p99']:.1f} ms, {busy['errors']} errors ({busy['requests']} requests)"
    )


def print_table(title, results, limit_name):
    print(f"\n{title}")
    print(f"{'page':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'of static':>10}")
    limit = results[limit_name]["rps"] if limit_name in results else None
    for name, r in results.items():
        fraction = f"{r['rps'] / limit:10.3f}" if limit else f"{'':>10}"
        print(f"{name:<26} {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:7d} {fraction}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page and pass")
    parser.add_argument(
        "--connections", type=int, default=None, help="wrk connections for the tables (8; 1 with --big: latency alone)"
    )
    parser.add_argument("--long-duration", type=int, default=60, help="seconds of the 64-connection run (0: none)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--cold-env", default=PAGE_CACHE_OFF, help="NAME=VALUE that turns the page cache off")
    parser.add_argument("--no-varnish", action="store_true", help="skip the runs through Varnish")
    parser.add_argument("--big", action="store_true", help="100,000 articles; search and list only")
    parser.add_argument(
        "--cold-redis",
        default="redis://127.0.0.1:6379/14",
        help="a scratch Redis database for the every-cache-empty pass (it is flushed); '' to skip",
    )
    parser.add_argument(
        "--database",
        type=Path,
        help="a SQLite file kept between runs: seeded when missing, reused (and migrated) when present",
    )
    args = parser.parse_args()
    if args.big:
        args.articles = max(args.articles, 100_000)
    if args.connections is None:  # with --big the p50 goals are a single request's time, not queueing
        args.connections = 1 if args.big else 8
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    share = cpu_share()
    scratch = Path(tempfile.mkdtemp(prefix="rv-http-pages-"))
    try:
        env = production_env(
            DATABASE_URL=f"sqlite:///{(args.database or scratch / 'pages.sqlite3').resolve()}",
            REDIS_URL="",
            DJANGO_STATIC_ROOT=scratch / "static",
            MEDIA_ROOT=scratch / "media",
            DJANGO_LOG_LEVEL="WARNING",  # one JSON line per request would cost the workers time
        )
        for key in [key for key in os.environ if key.startswith("DJANGO_")]:
            del os.environ[key]
        os.environ.update({key: str(value) for key, value in env.items()})
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections
        from django.test import Client

        from articles.models import Author

        started = time.perf_counter()
        if args.database and args.database.exists():
            target, published = reuse(args.database)
        else:
            target, _, published = seed(args.articles)
        call_command("collectstatic", interactive=False, verbosity=0)
        author = Author.objects.filter(articles=target).first()
        pages = {
            "article": target.get_absolute_url(),
            "article list": "/articles/",
            "author": author.get_absolute_url(),
            "search": "/search/?q=immune+cells",
            "feed (RSS)": "/feeds/rss/",
        }
        if args.big:
            pages = {
                "article list": "/articles/",
                "article list, page 50": "/articles/?page=50",
                "search": pages["search"],
                "search, commonest word": "/search/?q=cancer",
            }
        else:
            # The article's own HTML as a static file: whitenoise indexes files when the server starts.
            html = Client(HTTP_HOST="127.0.0.1").get(target.get_absolute_url()).content
            static_file = Path(env["DJANGO_STATIC_ROOT"]) / STATIC_COPY
            static_file.parent.mkdir(parents=True, exist_ok=True)
            static_file.write_bytes(html)
            print(f"article page: {len(html)} bytes of HTML")
            pages["static copy of the article"] = f"/static/{STATIC_COPY}"
        connections.close_all()
        print(
            f"seeded {published} published articles in {time.perf_counter() - started:.0f} s on SQLite; "
            f"CPU share of one core: {share:.0%} (2 cores, shared)"
        )
        script = scratch / "count.lua"
        script.write_text(WRK_SCRIPT)
        cold_name, _, cold_value = args.cold_env.partition("=")
        limit = "static copy of the article"
        header = f"wrk -c {args.connections} -d {args.duration}s, gunicorn {args.workers} sync workers, 127.0.0.1"

        with Gunicorn(free_port(), {**env, cold_name: cold_value}, workers=args.workers) as server:
            warm_up(server, pages, times=1)  # code loaded, connections open; the page cache is off
            cold = measure(urls_of(server, pages), args.duration, args.connections, str(script))
        print_table(f"Page cache off ({args.cold_env}); {header}", cold, limit)

        with Gunicorn(free_port(), env, workers=args.workers) as server:
            warm_up(server, pages)
            warm = measure(urls_of(server, pages), args.duration, args.connections, str(script))
            print_table(f"Page cache warm; {header}", warm, limit)
            if args.long_duration and not args.big:
                article = {"article": server.url + pages["article"]}
                busy = measure(article, args.long_duration, 64, str(script), args.long_duration)["article"]
                print_busy("article page, cache warm", busy, args.long_duration)
            rss = worker_rss_mb(server)
            if varnishd_path() and not args.big and not args.no_varnish:
                with Varnish(server.port) as proxy:
                    warm_up(proxy, {"article": pages["article"]}, times=2)
                    both = {
                        "article through Varnish": proxy.url + pages["article"],
                        limit: server.url + pages[limit],
                    }
                    through = measure(both, args.duration, args.connections, str(script))
                    print_table(f"Through Varnish (a hit never reaches gunicorn); {header}", through, limit)
                    if args.long_duration:
                        article = {"article": proxy.url + pages["article"]}
                        busy = measure(article, args.long_duration, 64, str(script), args.long_duration)["article"]
                        print_busy("article page through Varnish", busy, args.long_duration)
        print(f"worker RSS after the runs: {', '.join(f'{size:.0f} MB' for size in rss)}")
        if args.big:
            print(
                "\np50 ms with 100,000 articles: "
                + "; ".join(f"{name}: cold {cold[name]['p50']:.1f}, warm {warm[name]['p50']:.1f}" for name in pages)
            )

        if args.cold_redis:
            dynamic = {name: path for name, path in pages.items() if name != limit}
            empty = every_cache_empty(env, dynamic, args.cold_redis, args.duration)
            print(f"\nEvery cache empty before each request (Redis {args.cold_redis} flushed), one at a time")
            print(f"{'page':<26} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}")
            for name, times in empty.items():
                p99 = statistics.quantiles(times, n=100)[98]
                print(f"{name:<26} {len(times):8d} {statistics.median(times):8.1f} {p99:8.1f}")
        print(f"median p50 over all pages, warm: {statistics.median(r['p50'] for r in warm.values()):.1f} ms")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
