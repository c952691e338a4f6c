from django.core.management.base import BaseCommand

from articles.discovery.search import rebuild_search_index
from articles.models import Article
from articles.operations.progress import progress_for


class Command(BaseCommand):
    help = "Rebuild the site search index from every article (after bulk changes made with QuerySet.update())."

    def handle(self, *args, verbosity, **options):
        track = progress_for(self, verbosity)
        total = Article.objects.published_or_scheduled().count()
        with track(total=total, description="Search index", unit="article") as bar:
            rebuild_search_index(progress=bar.update)
        self.stdout.write(f"Search index rebuilt for {Article.objects.count()} articles.")
