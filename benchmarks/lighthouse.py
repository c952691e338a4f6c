"""Lighthouse (mobile) on the demo site's main pages: the four category scores and what fails.

    npm install --prefix benchmarks          # once: Lighthouse 12 into benchmarks/node_modules
    .venv/bin/python benchmarks/lighthouse.py [--pages home,article] [--keep-reports DIR]

Seeds the demo content into a SQLite file in a temporary folder, serves it with gunicorn as in
production (debug off, collected static files, 2 workers) on 127.0.0.1, and runs Lighthouse
with its default mobile settings (simulated slow 4G and a slowed CPU) against the home page,
the article list, an article, an author and a topic page, in headless Chromium
(``CHROME_PATH``, /usr/bin/chromium by default). Prints one row of scores per page, then each
audit that did not pass with its score and Lighthouse's figure. Pages are served over plain
http from 127.0.0.1, which browsers treat as a secure origin.
"""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scale.servers import Gunicorn, free_port, production_env  # noqa: E402

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def run_lighthouse(url, report_path):
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(  # noqa: S603 - a fixed command line
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report_path}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    return json.loads(Path(report_path).read_text())


def failing_audits(report):
    """(category, audit id, score, display value) for each scored audit below 1.

    Lighthouse 12's "insight" audits repeat the classic ones in the coming format: left out.
    """
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            if ref["id"].endswith("-insight"):
                continue
            audit = report["audits"][ref["id"]]
            if audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings") and (audit["score"] or 0) < 1:
                failing.append((category, audit["id"], audit["score"], audit.get("displayValue", "")))
    return failing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="home,list,article,author,topic")
    parser.add_argument("--keep-reports", default="", help="a folder to keep the JSON reports in")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm install --prefix benchmarks")

    scratch = Path(tempfile.mkdtemp(prefix="rv-lighthouse-"))
    try:
        env = production_env(
            DATABASE_URL=f"sqlite:///{scratch / 'site.sqlite3'}",
            REDIS_URL="",
            DJANGO_STATIC_ROOT=scratch / "static",
            MEDIA_ROOT=scratch / "media",
            DJANGO_LOG_LEVEL="WARNING",
        )
        for key in [key for key in os.environ if key.startswith("DJANGO_")]:
            del os.environ[key]
        os.environ.update({key: str(value) for key, value in env.items()})
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from articles.models import Article, Author, Topic

        call_command("migrate", verbosity=0)
        call_command("seed_demo", stdout=io.StringIO())
        call_command("collectstatic", interactive=False, verbosity=0)
        article = Article.objects.published().filter(hero_image__gt="").first() or Article.objects.published().first()
        pages = {
            "home": "/",
            "list": "/articles/",
            "article": article.get_absolute_url(),
            "author": Author.objects.filter(articles=article).first().get_absolute_url(),
            "topic": Topic.objects.filter(articles=article).first().get_absolute_url(),
        }
        pages = {name: path for name, path in pages.items() if name in args.pages.split(",")}
        connections.close_all()

        reports = Path(args.keep_reports) if args.keep_reports else scratch / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        results = {}
        with Gunicorn(free_port(), env, workers=2) as server:
            for name, path in pages.items():
                results[name] = (path, run_lighthouse(server.url + path, reports / f"{name}.json"))
    finally:
        if not args.keep_reports:
            shutil.rmtree(scratch, ignore_errors=True)

    print(f"Lighthouse {next(iter(results.values()))[1]['lighthouseVersion']}, mobile, 127.0.0.1\n")
    print(f"{'page':<9} {'path':<52} " + " ".join(f"{category:>14}" for category in CATEGORIES))
    for name, (path, report) in results.items():
        scores = [round((report["categories"][category]["score"] or 0) * 100) for category in CATEGORIES]
        print(f"{name:<9} {path:<52} " + " ".join(f"{score:>14}" for score in scores))
    for name, (_, report) in results.items():
        failing = failing_audits(report)
        metrics = {
            key: report["audits"][key].get("displayValue", "")
            for key in (
                "first-contentful-paint",
                "largest-contentful-paint",
                "total-blocking-time",
                "cumulative-layout-shift",
            )
        }
        print(f"\n{name}: " + ", ".join(f"{key} {value}" for key, value in metrics.items()))
        for category, audit, score, value in failing:
            print(f"  {category:<15} {audit:<40} score {score if score is not None else '-'} {value}")


if __name__ == "__main__":
    main()
