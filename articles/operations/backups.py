"""Backups of the whole site in one archive, and restoring them.

An archive is a ``.tar.gz`` holding ``manifest.json`` (format version, database vendor, time
made, what else is inside), the database dump and every file under ``MEDIA_ROOT``
(``media/...``). The manifest comes first so a restore can refuse a wrong archive before
reading the rest.

- SQLite is copied with SQLite's online backup API: a consistent copy even while editors save,
  without stopping the site. It is restored the same way, page by page, into the configured
  database file.
- PostgreSQL is dumped by ``pg_dump`` in its custom format and loaded by ``pg_restore`` in one
  transaction, so a failed restore leaves the database as it was. The password goes to the
  tools in their environment (``PGPASSWORD``), never on a command line other users can read.

Data safety: a restore replaces the database, so it refuses a database that already holds
content (articles, authors, topics or user accounts) unless forced, and refuses an archive made
from the other database vendor. Archives hold password hashes and sessions: they are created
readable by their owner only (mode 600), written under a temporary name and renamed when
complete, so a scheduled job never leaves a half-written file under the final name. Media
members are checked by tarfile's ``data`` filter (no absolute paths, no ``..``, no links or
devices) before anything is written.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, connections

from articles.models import Article, Author, Topic
from articles.operations.health import HEALTH_FOLDER
from articles.operations.progress import no_progress

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SQLITE_PAGES_PER_STEP = 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class Summary:
    path: Path
    vendor: str
    media_files: int
    created_at: str


def default_archive_name(now=None):
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"research-voices-{stamp}-{connection.vendor}.tar.gz"


# --- Backing up --------------------------------------------------------------------------


def create_backup(destination, track=no_progress):
    """Write one archive of the database and media to ``destination`` (a file or a folder)."""
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    destination = Path(destination)
    path = destination / default_archive_name() if destination.is_dir() else destination
    media_root = Path(settings.MEDIA_ROOT)
    media_files = list_media(media_root)
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = {
        "format": FORMAT_VERSION,
        "vendor": vendor,
        "created_at": created_at,
        "database": DUMP_NAMES[vendor],
        "media_files": len(media_files),
    }
    partial = path.with_name(path.name + ".partial")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write the backup into.")
    with tempfile.TemporaryDirectory(prefix="rv-backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        if vendor == "sqlite":
            dump_sqlite(dump, track)
        else:
            dump_postgresql(dump)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                archive.add(dump, arcname=DUMP_NAMES[vendor])
                for file in track(media_files, total=len(media_files), description="Media", unit="file"):
                    archive.add(file, arcname=f"{MEDIA}/{file.relative_to(media_root).as_posix()}")
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return Summary(path=path, vendor=vendor, media_files=len(media_files), created_at=created_at)


def list_media(media_root):
    if not media_root.is_dir():
        return []
    return sorted(
        path
        for path in media_root.rglob("*")
        if path.is_file() and not path.is_symlink() and path.relative_to(media_root).parts[0] != HEALTH_FOLDER
    )


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(datetime.now(UTC).timestamp()), 0o600
    archive.addfile(info, fileobj=io.BytesIO(data))


def dump_sqlite(target, track):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        with track(total=None, description="Database", unit="page") as bar:

            def advance(status, remaining, total):
                bar.total = total
                bar.n = total - remaining
                bar.refresh()

            connection.connection.backup(copy, pages=SQLITE_PAGES_PER_STEP, progress=advance)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        copy.close()


def dump_postgresql(target):
    run_tool(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


# --- Restoring ---------------------------------------------------------------------------


def read_manifest(archive):
    first = archive.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise BackupError("This file is not a Research Voices backup (it has no manifest first).")
    try:
        manifest = json.loads(archive.extractfile(first).read())
    except ValueError as error:
        raise BackupError("The backup's manifest is damaged.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has format {manifest.get('format')!r}; this version of the site reads format "
            f"{FORMAT_VERSION}. Restore it with the version of the site that made it."
        )
    return manifest


def check_vendor(manifest):
    made_on, here = manifest.get("vendor"), connection.vendor
    if made_on != here:
        raise BackupError(
            f"This backup is of a {VENDOR_NAMES.get(made_on, made_on)} database, but this site uses "
            f"{VENDOR_NAMES.get(here, here)}. Restore it on a site configured for "
            f"{VENDOR_NAMES.get(made_on, made_on)} (see DATABASE_URL)."
        )


def content_counts():
    """How many rows of site content the configured database holds (none if not migrated)."""
    tables = set(connection.introspection.table_names())
    models = [Article, Author, Topic, get_user_model()]
    return {
        model._meta.verbose_name_plural: model._default_manager.count()
        for model in models
        if model._meta.db_table in tables
    }


def restore_backup(path, force=False, track=no_progress):
    """Replace the database and add the media from the archive at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    try:
        with tarfile.open(path, mode="r:gz") as archive:
            manifest = read_manifest(archive)
            check_vendor(manifest)
            held = {name: count for name, count in content_counts().items() if count}
            if held and not force:
                listed = ", ".join(f"{count} {name}" for name, count in held.items())
                raise BackupError(
                    f"The database already holds content ({listed}). A restore replaces all of it: "
                    "run again with --force if that is what you want."
                )
            members = archive.getmembers()
            dump_member = check_members(members, manifest)
            media_root = Path(settings.MEDIA_ROOT)
            media = media_members(members, media_root)  # refuse bad paths before touching the database
            with tempfile.TemporaryDirectory(prefix="rv-restore-") as work:
                archive.extract(dump_member, work, filter="data")
                dump = Path(work) / dump_member.name
                connections.close_all()
                if manifest["vendor"] == "sqlite":
                    load_sqlite(dump)
                else:
                    load_postgresql(dump)
            restore_media(archive, media, media_root, track)
    except (tarfile.TarError, EOFError, OSError, sqlite3.Error) as error:
        raise BackupError(f"The backup could not be read: {error}") from error
    cache.clear()  # cached totals and cards describe the old content
    return Summary(path=path, vendor=manifest["vendor"], media_files=len(media), created_at=manifest["created_at"])


def check_members(members, manifest):
    expected_dump = DUMP_NAMES[manifest["vendor"]]
    dump = None
    for member in members:
        if member.name == expected_dump and member.isfile():
            dump = member
        elif member.name == MANIFEST or (member.name.startswith(f"{MEDIA}/") and (member.isfile() or member.isdir())):
            continue
        else:
            raise BackupError(f"The backup holds something unexpected ({member.name!r}); nothing was restored.")
    if dump is None:
        raise BackupError("The backup has no database dump; nothing was restored.")
    return dump


def load_sqlite(dump):
    target = connection.settings_dict["NAME"]
    if str(target) == ":memory:" or "mode=memory" in str(target):
        raise BackupError("The configured SQLite database is in memory; set a file to restore into.")
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    destination = sqlite3.connect(target, timeout=connection.settings_dict["OPTIONS"].get("timeout", 20))
    try:
        source.backup(destination, pages=SQLITE_PAGES_PER_STEP)
    finally:
        destination.close()
        source.close()


def load_postgresql(dump):
    run_tool(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
    )


def media_members(members, media_root):
    """The media files, renamed relative to MEDIA_ROOT and passed through tarfile's data filter."""
    checked = []
    for member in members:
        relative = member.name[len(MEDIA) + 1 :] if member.name.startswith(f"{MEDIA}/") else ""
        if relative and member.isfile():
            checked.append(tarfile.data_filter(member.replace(name=relative, deep=False), str(media_root)))
    return checked


def restore_media(archive, members, media_root, track):
    media_root.mkdir(parents=True, exist_ok=True)
    for member in track(members, total=len(members), description="Media", unit="file"):
        archive.extract(member, media_root, filter="data")


# --- PostgreSQL tools --------------------------------------------------------------------


def postgres_environment():
    """Connection settings for pg_dump/pg_restore, through libpq's environment variables."""
    params = connection.settings_dict
    env = {**os.environ, "PGDATABASE": params["NAME"]}
    for key, variable in (("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = params["OPTIONS"]["sslmode"]
    return env


def run_tool(command):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) in the same major version as the server or newer."
        )
    result = subprocess.run(command, env=postgres_environment(), capture_output=True, text=True, check=False)  # noqa: S603 - fixed program, no shell
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
