from django.core.management.base import BaseCommand

from articles.content.rendering import reading_minutes, render_markdown
from articles.discovery.search import rebuild_search_index
from articles.models import Article, Author
from articles.operations.progress import progress_for


class Command(BaseCommand):
    help = "Re-render the stored HTML of every article body and author bio (run after changing articles/rendering.py)."

    def handle(self, *args, verbosity, **options):
        track = progress_for(self, verbosity)
        changed = 0
        # update() rather than save(): the content has not changed, so updated_at must not move.
        articles = Article.objects.only("pk", "body", "body_html", "reading_time")
        for article in track(articles.iterator(), total=articles.count(), description="Articles", unit="article"):
            html, minutes = render_markdown(article.body), reading_minutes(article.body)
            if html != article.body_html or minutes != article.reading_time:
                Article.objects.filter(pk=article.pk).update(body_html=html, reading_time=minutes)
                changed += 1
        authors = Author.objects.only("pk", "bio", "bio_html")
        for author in track(authors.iterator(), total=authors.count(), description="Authors", unit="author"):
            html = render_markdown(author.bio)
            if html != author.bio_html:
                Author.objects.filter(pk=author.pk).update(bio_html=html)
                changed += 1
        if changed:
            rebuild_search_index()  # update() above bypasses save(), which keeps the index current
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {changed} changed item(s)."))
