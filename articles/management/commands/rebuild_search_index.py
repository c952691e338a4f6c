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
            # The rebuild does not report its batches yet, so the bar fills in one step at the
            # end; it still shows the count, the rate and the time taken.
            rebuild_search_index()
            bar.update(total)
        self.stdout.write(f"Search index rebuilt for {Article.objects.count()} articles.")
