from django.core.management.base import BaseCommand, CommandError

from articles.operations.backups import BackupError, restore_backup
from articles.operations.progress import progress_for


class Command(BaseCommand):
    help = (
        "Restore the database and uploaded files from an archive made by 'manage.py backup'. "
        "Refuses a database that already holds content unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file written by 'manage.py backup'.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds articles, authors, topics or accounts.",
        )

    def handle(self, *args, archive, force, verbosity, **options):
        try:
            summary = restore_backup(archive, force=force, track=progress_for(self, verbosity))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored the {summary.vendor} database and {summary.media_files} media file(s) "
                    f"from the backup made at {summary.created_at}."
                )
            )
