"""Time and size of `manage.py backup` and `manage.py restore` on the demo site.

    .venv/bin/python benchmarks/backups.py [--articles 1000] [--uploads 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rv_bench_backup .venv/bin/python benchmarks/backups.py

Builds the demo site (plus ``--articles`` generated articles and ``--uploads`` 1600x900 PNG
uploads) in a throw-away SQLite database, or in DATABASE_URL if set, which must point at a
scratch database: it is flushed. Then backs it up and restores it into a new empty database
(a second SQLite file, or ``<name>_restore`` on the same PostgreSQL server, dropped at the
end) and an empty media folder. Times are the commands' own work inside one process (no
interpreter start-up), best of ``--repeat``.
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best_of(repeat, work):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def size_of(path):
    path = Path(path)
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="generated articles besides the demo ones")
    parser.add_argument("--uploads", type=int, default=1, help="images uploaded to the media folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="rv-bench-backup-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/site.sqlite3")
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.test_settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.db import connection, connections

    from articles.management.commands.seed_demo import illustration
    from articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_demo", articles=args.articles, stdout=io.StringIO())
    for number in range(args.uploads):
        default_storage.save(f"uploads/bench-{number}.png", illustration(f"bench-{number}"))

    vendor, original = connection.vendor, connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        if vendor == "sqlite":  # counted in pages: in WAL mode recent writes are still in the -wal file
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
            restore_into = str(scratch / "restored.sqlite3")
        else:
            cursor.execute("SELECT pg_database_size(current_database())")
            restore_into = f"{original}_restore"
        database_bytes = cursor.fetchone()[0]
    media_bytes = size_of(settings.MEDIA_ROOT)
    articles = Article.objects.count()

    archive = scratch / "site.tar.gz"
    backup_seconds = best_of(args.repeat, lambda: call_command("backup", str(archive), verbosity=0))

    def restore():
        connections.close_all()
        connection.settings_dict["NAME"] = original
        if vendor == "sqlite":
            Path(restore_into).unlink(missing_ok=True)
        else:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{restore_into}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{restore_into}"')
        connections.close_all()
        connection.settings_dict["NAME"] = restore_into
        settings.MEDIA_ROOT = scratch / "restored-media"
        call_command("restore", str(archive), "--force", verbosity=0)

    restore_seconds = best_of(args.repeat, restore)
    restored_articles = Article.objects.count()
    connections.close_all()
    connection.settings_dict["NAME"] = original
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restore_into}" WITH (FORCE)')

    print(f"{vendor}: {articles} articles, {args.uploads} uploads (+ demo pictures)")
    print(f"  database      {database_bytes / 1e6:8.2f} MB")
    print(f"  media         {media_bytes / 1e6:8.2f} MB")
    print(f"  archive       {size_of(archive) / 1e6:8.2f} MB")
    print(f"  backup        {backup_seconds:8.2f} s   (best of {args.repeat})")
    print(f"  restore       {restore_seconds:8.2f} s   (best of {args.repeat}, into an empty database)")
    shutil.rmtree(scratch)
    assert restored_articles == articles, (restored_articles, articles)


if __name__ == "__main__":
    main()
