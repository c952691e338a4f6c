"""Delete images kept for admin forms that were never submitted again (see articles.admin.kept_uploads).

A kept image's signed reference is valid for a day, so older files can no longer be used by
anyone. Run daily, e.g. from cron: ``manage.py purge_pending_uploads``.
"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.admin.kept_uploads import MAX_AGE, PENDING_FOLDER


class Command(BaseCommand):
    help = "Delete images kept for unsaved admin forms once their one-day reference has expired."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=MAX_AGE.total_seconds() / 3600,
            help="Only delete files older than this (default: %(default)s, the reference's lifetime).",
        )

    def handle(self, *args, older_than_hours, **options):
        cutoff = timezone.now() - timedelta(hours=older_than_hours)
        deleted = kept = 0
        if default_storage.exists(PENDING_FOLDER):
            for name in default_storage.listdir(PENDING_FOLDER)[1]:
                path = f"{PENDING_FOLDER}/{name}"
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
                    deleted += 1
                else:
                    kept += 1
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} expired pending upload(s); {kept} still in use."))
