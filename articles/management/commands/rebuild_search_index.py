from django.core.management.base import BaseCommand

from articles.discovery.listing import listings_changed
from articles.discovery.search import rebuild_search_index
from articles.models import Article
from articles.operations.progress import progress_for
from articles.operations.proxy_purge import purge_tags
from articles.public import page_cache


class Command(BaseCommand):
    help = "Rebuild the site search index from every article (after bulk changes made with QuerySet.update())."

    def handle(self, *args, verbosity, **options):
        track = progress_for(self, verbosity)
        total = Article.objects.published_or_scheduled().count()
        with track(total=total, description="Search index", unit="article") as bar:
            rebuild_search_index(progress=bar.update)
        # Bulk changes bypassed the write path: readers' cached lists and pages go too.
        listings_changed()
        page_cache.invalidate({page_cache.EVERY_PAGE_TAG, page_cache.SCHEDULE_TAG})
        page_cache.remember_next_change()
        purge_tags([page_cache.EVERY_PAGE_TAG])
        self.stdout.write(f"Search index rebuilt for {Article.objects.count()} articles.")
