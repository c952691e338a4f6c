from django.core.management.base import BaseCommand

from articles.discovery.search import rebuild_search_index
from articles.models import Article


class Command(BaseCommand):
    help = "Rebuild the site search index from every article (after bulk changes made with QuerySet.update())."

    def handle(self, *args, **options):
        rebuild_search_index()
        self.stdout.write(f"Search index rebuilt for {Article.objects.count()} articles.")
