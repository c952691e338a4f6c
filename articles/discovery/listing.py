"""Long lists of articles, paged without reading what the page does not show.

At 100,000 articles two costs dominate a list or search page: counting every match for
"Page N of M" and, far down a list, skipping rows with OFFSET. ``ArticlePages`` is what the
views hand to Django's ``Paginator``: it asks for one page of article ids (the listing index
``article_listing_order`` and the search index give them in order without reading article
rows), then loads full rows for that page only, keeping those that are public.

Totals and a page's cards are cached under a key that includes the listings version
(cards also under the page's ids, read live: ``PageOfArticles``), so a page seen before
reads only its ids. ``listings_changed()`` replaces the version whenever an article's
text, byline, topics or visibility may have changed (``articles.discovery.search`` calls it from
every index update), so an editor sees every change at once, and an article that stops
being public leaves the page's ids, and so its cards, at once too.

When a scheduled article's time comes, the first request to notice starts a new version
(``articles.public.page_cache.next_change_at``), so totals and related reading include it.
What may lag, by at most ``CACHE_SECONDS``: without Redis, totals and card text in another
server process (the local-memory cache is per process, so the others keep the old version
until their entries expire).

An article's related reading is ranked under the same version, its ids cached for
``RELATED_SECONDS`` (ranking took 0.1 to 0.3 s at 100,000 articles); its cards are read
live and checked with ``is_public``, so an unpublished article never appears in them.
"""

import hashlib
import uuid
from collections.abc import Sequence
from functools import cached_property

from django.core.cache import cache

from articles.models import Article

CACHE_SECONDS = 60
RELATED_SECONDS = 600
VERSION_KEY = "listings:version"


def listings_changed():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def listings_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):  # another process started one first
            version = cache.get(VERSION_KEY)
    return version


def cached_listing(key, compute, seconds):
    """``compute()``, remembered for ``seconds`` or until the listings change.

    Two round trips to the cache on a miss, not ``get_or_set``'s three: two processes
    computing the same answer at once may both store it, and either is right.
    """
    versioned_key = f"listings:{key}:{listings_version()}"
    value = cache.get(versioned_key)
    if value is None:
        value = compute()
        cache.set(versioned_key, value, seconds)
    return value


def cached_count(key, count):
    return cached_listing(f"count:{key}", count, CACHE_SECONDS)


class ArticlePages:
    """Published articles in a fixed order, sliced like a queryset (so ``Paginator`` can page it).

    ``page_ids(start, stop)`` returns article ids in display order; ``total`` is how many
    there are, and ``count()``, what ``Paginator`` pages, stops at ``limit`` if one is given.
    """

    def __init__(self, count_key, count, page_ids, limit=None):
        self.count_key = count_key
        self._count = count
        self._page_ids = page_ids
        self.limit = limit

    @classmethod
    def of(cls, queryset, count_key):
        """Pages of a queryset of published articles, counted under ``count_key``."""
        ids = queryset.values_list("pk", flat=True)
        return cls(count_key, ids.count, lambda start, stop: list(ids[start:stop]))

    @property
    def total(self):
        return cached_count(self.count_key, self._count)

    def count(self):
        return min(self.total, self.limit) if self.limit else self.total

    @property
    def has_more(self):
        return self.count() < self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("ArticlePages can only be sliced, one page at a time.")
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        return PageOfArticles(self._page_ids(start, stop) if stop > start else [])

    def __iter__(self):
        return iter(self[:])


class PageOfArticles(Sequence):
    """One page's articles, found by id; their rows are read only when something uses them.

    ``includes/article_cards.html`` caches the cards under ``cards_cache_key``: the page's
    ids, read live, and the listings version. A card therefore changes the moment its
    article, byline or topics are saved, and an article that stops being public changes
    the ids, so its card goes with it.
    """

    cards_cache_seconds = CACHE_SECONDS

    def __init__(self, ids):
        self.ids = ids

    @cached_property
    def articles(self):
        # By primary key alone: with the publication filter added, SQLite's planner walks the
        # listing index instead. ``is_public`` is the same rule as ``published()``, checked
        # again because a search index row can outlive its article's publication.
        found = Article.objects.for_cards().in_bulk(self.ids)
        return [found[pk] for pk in self.ids if pk in found and found[pk].is_public]

    @property
    def cards_cache_key(self):
        ids = ",".join(map(str, self.ids))
        return hashlib.sha256(f"{listings_version()}:{ids}".encode()).hexdigest()

    def __bool__(self):
        return bool(self.ids)

    def __len__(self):
        return len(self.articles)

    def __getitem__(self, index):
        # Templates try ``articles["cards_cache_key"]`` before the attribute: refuse it
        # without reading the rows.
        if not isinstance(index, int | slice):
            raise TypeError(f"PageOfArticles indices are numbers, not {type(index).__name__}")
        return self.articles[index]
