from django.core.management.base import BaseCommand

from articles.editorial import changes
from articles.operations.progress import progress_for


class Command(BaseCommand):
    help = (
        "Re-render the stored HTML of every article body and author bio "
        "(run after changing articles/content/rendering.py)."
    )

    def handle(self, *args, verbosity, **options):
        changed = changes.rerender_all(track=progress_for(self, verbosity))
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {changed} changed item(s)."))
