"""Load figures: the site under wrk while an editor saves an article every second.

    .venv/bin/python benchmarks/load.py                 # 1,000 articles, 60 s, 64 connections
    .venv/bin/python benchmarks/load.py --short         # 200 articles, 10 s, 16 connections
    .venv/bin/python benchmarks/load.py --database-url postgres://postgres@127.0.0.1:5432/rv_scratch \\
        --redis-url redis://127.0.0.1:6379/5

Seeds the demo content plus copies of its articles up to --articles, serves the site with
gunicorn as in production (debug off, collected static files, --workers sync workers) on
127.0.0.1, and runs three wrk processes at once for --duration seconds, sharing --connections
between the article page, the article list and the donate redirect (sent as a browser's
top-level navigation would be). Meanwhile an editor signs in to the admin and saves the very
article under load every second, through the real change form.

Prints per endpoint requests per second, median and 99th-percentile latency, answers that
were not 2xx/3xx and socket errors (connect, read, write, timeout); the editor's saves; and
whether any donate click was lost: the clicks counted in the database must lie between the
redirects wrk received and the requests it sent (requests still in flight when wrk stops may
be counted without wrk reading their answer).

Without --database-url it uses a SQLite file in a temporary folder; a --database-url must name
a scratch database, because it is flushed. Needs wrk (apt-get install -y wrk). All data goes
to a temporary folder (or that scratch database), removed at the end.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scale.browser import PASSWORD, Browser, admin_login, save_article_in_admin  # noqa: E402
from tests.scale.servers import Gunicorn, free_port, production_env  # noqa: E402

BROWSER_HEADERS = [
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Sec-Fetch-Mode: navigate",
    "Sec-Fetch-Dest: document",
]

# Counts requests sent and answers received (2xx/3xx) per thread; prints one JSON line at the end.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) sent = 0; answered = 0 end
function request() sent = sent + 1; return wrk.format() end
function response(status, headers, body) if status >= 200 and status < 400 then answered = answered + 1 end end
function done(summary, latency, requests)
  local s, a = 0, 0
  for _, t in ipairs(threads) do s = s + t:get("sent"); a = a + t:get("answered") end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "p50": %f, "p99": %f, "status": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "timeout": %d, "sent": %d, "answered": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    e.status, e.connect, e.read, e.write, e.timeout, s, a))
end
"""


def seed(count):
    """The demo content, then copies of its published articles until there are ``count``."""
    import io
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, ArticleAuthor, ArticleStatus, DonationLink

    if connection.vendor == "postgresql":  # a scratch database: start from nothing
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    models = list(Article.objects.published().prefetch_related("topics", "article_authors"))
    now = timezone.now()
    # Copies are written in bulk with the models' rendered HTML, then indexed in one pass:
    # saving each one renders its Markdown again, which is not what is being measured.
    copies = []
    for number in range(Article.objects.count(), count):
        model = models[number % len(models)]
        fields = {f.attname: getattr(model, f.attname) for f in Article._meta.concrete_fields if f.attname != "id"}
        fields.update(
            title=f"{model.title} ({number})",
            slug=f"{model.slug}-{number}",
            status=ArticleStatus.PUBLISHED,
            published_at=now - timedelta(days=7, minutes=number),
            featured=False,
            edit_version=uuid.uuid4(),
        )
        copies.append((model, Article(**fields)))
    Article.objects.bulk_create([copy for _, copy in copies], batch_size=500)
    ArticleAuthor.objects.bulk_create(
        [
            ArticleAuthor(article=copy, author_id=link.author_id, position=link.position)
            for model, copy in copies
            for link in model.article_authors.all()
        ],
        batch_size=1000,
    )
    Article.topics.through.objects.bulk_create(
        [Article.topics.through(article=copy, topic=topic) for model, copy in copies for topic in model.topics.all()],
        batch_size=1000,
    )
    call_command("rebuild_search_index", stdout=io.StringIO())
    editor = get_user_model().objects.create_user("load-editor", "load-editor@example.org", PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    target = Article.objects.published().order_by("-published_at").first()
    return target, DonationLink.objects.get(is_default=True), Article.objects.published().count()


def run_wrk(url, seconds, connections, script, headers=()):
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s", script]
    for header in headers:
        command += ["-H", header]
    return subprocess.Popen([*command, url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603


def wrk_result(process):
    output, _ = process.communicate()
    for line in output.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise RuntimeError(f"wrk gave no result: {output}")


class Editor(threading.Thread):
    """Signs in, then saves ``article`` through the admin change form once a second until stopped."""

    def __init__(self, base_url, article):
        super().__init__(daemon=True)
        self.article = article
        self.browser = Browser(base_url)
        admin_login(self.browser, "load-editor", PASSWORD)  # before the load: signing in is not measured
        self.stop = threading.Event()
        self.saved, self.refused, self.seconds = 0, [], []

    def run(self):
        number = 0
        while not self.stop.is_set():
            number += 1
            started = time.perf_counter()
            try:
                status, _, _ = save_article_in_admin(
                    self.browser, self.article.pk, title=f"{self.article.title} (edit {number})"
                )
            except Exception as error:  # a failed save is a figure, not a crash
                status = repr(error)
            self.seconds.append(time.perf_counter() - started)
            if status == 302:
                self.saved += 1
            else:
                self.refused.append(status)
            self.stop.wait(max(0.0, 1.0 - (time.perf_counter() - started)))


def cpu_share():
    """How much of one core this process gets right now (other work on the machine takes the rest)."""
    wall, cpu = time.perf_counter(), time.process_time()
    sum(number * number for number in range(2_000_000))
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--connections", type=int, default=64, help="shared by the three endpoints")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", default="", help="a scratch database (it is flushed)")
    parser.add_argument("--redis-url", default="", help="e.g. redis://127.0.0.1:6379/5 (else local memory)")
    parser.add_argument("--short", action="store_true", help="200 articles, 10 s, 16 connections")
    args = parser.parse_args()
    if args.short:
        args.articles, args.duration, args.connections = 200, 10, 16
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    share = cpu_share()
    scratch = Path(tempfile.mkdtemp(prefix="rv-load-"))
    try:
        env = production_env(
            DATABASE_URL=args.database_url or f"sqlite:///{scratch / 'load.sqlite3'}",
            REDIS_URL=args.redis_url,
            DJANGO_STATIC_ROOT=scratch / "static",
            MEDIA_ROOT=scratch / "media",
        )
        for key in [key for key in os.environ if key.startswith("DJANGO_")]:
            del os.environ[key]
        os.environ.update({key: str(value) for key, value in env.items()})  # seed with the servers' settings
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections
        from django.db.models import Sum

        from articles.models import DonationClickCount

        started = time.perf_counter()
        target, link, published = seed(args.articles)
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        print(
            f"seeded {published} published articles in {time.perf_counter() - started:.0f} s "
            f"on {connections['default'].vendor}, cache: {'Redis' if args.redis_url else 'local memory'}"
        )

        script = scratch / "count.lua"
        script.write_text(WRK_SCRIPT)
        port = free_port()
        with Gunicorn(port, env, workers=args.workers, log=scratch / "gunicorn.log") as server:
            editor = Editor(server.url, target)
            per_endpoint = max(1, args.connections // 3)
            endpoints = {
                "article page": (target.get_absolute_url(), BROWSER_HEADERS[:2]),
                "article list": ("/articles/", BROWSER_HEADERS[:2]),
                "donate redirect": (f"/donate/{link.pk}/?from={target.slug}", BROWSER_HEADERS),
            }
            for _ in range(4 * args.workers):  # every worker loads the code and fills its connections first
                for path, _headers in endpoints.values():
                    Browser(server.url).get(path.replace(f"from={target.slug}", "from=warm-up"))
            clicks_before = DonationClickCount.objects.aggregate(total=Sum("clicks"))["total"] or 0
            connections.close_all()
            editor.start()
            running = {
                name: run_wrk(server.url + path, args.duration, per_endpoint, str(script), headers)
                for name, (path, headers) in endpoints.items()
            }
            results = {name: wrk_result(process) for name, process in running.items()}
            editor.stop.set()
            editor.join(timeout=120)  # the save in flight finishes
            time.sleep(1)  # let the last in-flight clicks finish
        counted = (DonationClickCount.objects.aggregate(total=Sum("clicks"))["total"] or 0) - clicks_before
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\nCPU share of one core for a busy process before the run: {share:.0%} (2 cores, shared)")
    print(
        f"wrk: {args.duration} s, {per_endpoint} connections on each endpoint, "
        f"gunicorn {args.workers} sync workers, 127.0.0.1\n"
    )
    columns = ("req/s", "p50 ms", "p99 ms", "requests", "non-2xx/3xx", "socket errors")
    print(f"{'endpoint':<16} " + " ".join(f"{column:>{max(8, len(column))}}" for column in columns))
    for name, r in results.items():
        socket_errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
        print(
            f"{name:<16} {r['requests'] / r['seconds']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} "
            f"{r['requests']:9d} {r['status']:12d} {socket_errors:14d}"
        )
    saves = editor.seconds or [0]
    print(
        f"\neditor: {editor.saved} saves through the admin, {len(editor.refused)} refused or failed "
        f"{editor.refused[:3] if editor.refused else ''}; save median {statistics.median(saves) * 1000:.0f} ms, "
        f"max {max(saves) * 1000:.0f} ms"
    )
    donate = results["donate redirect"]
    answered, sent = donate["answered"], donate["sent"]
    verdict = "none lost" if answered <= counted <= sent else "CLICKS LOST OR INVENTED"
    print(f"donate clicks: {answered} redirects answered, {counted} counted, {sent} sent: {verdict}")
    if verdict != "none lost" or editor.refused:
        sys.exit(1)


if __name__ == "__main__":
    main()
