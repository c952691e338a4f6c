from django.core.management.base import BaseCommand

from articles.editorial import changes


class Command(BaseCommand):
    help = (
        "Re-render the stored HTML of every article body and author bio "
        "(run after changing articles/content/rendering.py)."
    )

    def handle(self, *args, **options):
        changed = changes.rerender_all()
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {changed} changed item(s)."))
