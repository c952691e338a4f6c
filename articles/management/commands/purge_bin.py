from django.conf import settings
from django.core.management.base import BaseCommand

from articles.editorial import changes


class Command(BaseCommand):
    help = "Delete for good the articles that have been in the bin longer than DJANGO_BIN_RETENTION_DAYS (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help=f"Override the retention period (default {settings.BIN_RETENTION_DAYS} days).",
        )

    def handle(self, *args, **options):
        purged = changes.purge_bin(options["older_than_days"])
        self.stdout.write(self.style.SUCCESS(f"Emptied {purged} article(s) from the bin."))
