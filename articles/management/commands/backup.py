from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from articles.operations.backups import BackupError, create_backup
from articles.operations.progress import progress_for


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) of the database and every uploaded file, readable by its owner only. "
        "Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            default=".",
            help="Archive file to write, or a folder to write research-voices-<time>-<database>.tar.gz into.",
        )

    def handle(self, *args, destination, verbosity, **options):
        try:
            summary = create_backup(destination, track=progress_for(self, verbosity))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            size = filesizeformat(summary.path.stat().st_size)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up the {summary.vendor} database and {summary.media_files} media file(s) "
                    f"to {summary.path} ({size})."
                )
            )
