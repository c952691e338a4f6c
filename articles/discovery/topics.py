"""Every topic with its number of published articles, for /topics/ and /feeds/.

One query, whatever the number of topics or articles (each topic's articles are counted in
the database through ``Article.objects.published()``), cached under the listings version
(``articles.discovery.listing``), so an editor's change shows at once.
"""

from django.db.models import Count, Q

from articles.discovery.listing import CACHE_SECONDS, cached_listing
from articles.models import Article, Topic


def topics_with_counts():
    """Topics by name, each with ``published_count``; topics without articles yet included."""
    return cached_listing("topics-with-counts", _count_topics, CACHE_SECONDS)


def _count_topics():
    published = Article.objects.published().values("pk")
    return list(
        Topic.objects.only("name", "slug", "description")
        .annotate(published_count=Count("articles", filter=Q(articles__in=published)))
        .order_by("name")
    )
