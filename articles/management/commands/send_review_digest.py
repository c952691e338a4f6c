from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.editorial.review_due import DUE_SOON_DAYS, send_digest


class Command(BaseCommand):
    help = (
        "Email the Publishers a list of health information overdue for review or due soon (run daily, "
        "e.g. from cron). Sends nothing when nothing is due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help=f"How far ahead counts as due soon (default {DUE_SOON_DAYS}).",
        )

    def handle(self, *args, **options):
        if options["days"] < 0:
            raise CommandError("--days cannot be negative.")
        try:
            sent = send_digest(timezone.localdate(), options["days"])
        except OSError as failure:  # SMTP refused or unreachable: cron should report it
            raise CommandError(f"Could not send the review digest: {failure}") from failure
        if sent:
            self.stdout.write(self.style.SUCCESS(f"Sent the review digest to {sent} Publisher(s)."))
        else:
            self.stdout.write("Nothing is due for review (or no Publisher has an email address); no email sent.")
