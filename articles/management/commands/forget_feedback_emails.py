from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Feedback


class Command(BaseCommand):
    help = (
        "Remove the email addresses readers left with their feedback once it is older than "
        "DJANGO_FEEDBACK_EMAIL_RETENTION_DAYS; the answers and comments stay (run daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help=f"Override the retention period (default {settings.FEEDBACK_EMAIL_RETENTION_DAYS} days).",
        )

    def handle(self, *args, **options):
        days = options["older_than_days"]
        days = settings.FEEDBACK_EMAIL_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        # A bulk update on purpose: feedback is readers' data, not content, and no page shows it.
        forgotten = Feedback.objects.filter(created_at__lt=cutoff).exclude(email="").update(email="")
        message = f"Removed {forgotten} email address(es) from feedback older than {days} days."
        self.stdout.write(self.style.SUCCESS(message))
