"""What is derived from content and refreshed after a change: the search index, the cached lists, cached pages.

``articles.editorial.changes`` calls ``refresh`` once per change, after the transaction has
committed, with the ids of the articles the change touched, the page tags of the authors,
topics or donation links it saved or deleted (``object_tags``), and where the touched articles
appeared before the change (``before``, from ``footprints``). (Stored HTML is derived too, but
it is written with the text itself, in the same transaction, so a reader never sees the two
disagree: see ``Article.render_derived_fields``.)

The page cache's tags (vocabulary in ``articles.public.page_cache``) of a change to an article:

- readers could see it, or will at its scheduled time, before or after the change: its own
  page and everything showing it (``article:<id>``), search results and the sitemap;
- if where it appears changed (it became public or stopped being, its date, featured flag,
  topics or byline changed): the lists, the pages of its topics and authors before and after
  (their lists and the related reading of articles sharing them), and the related reading of
  articles that picked it by hand.

An article readers never saw and will not see (a draft, the bin) changes no page.
"""

from dataclasses import dataclass

from articles.discovery.listing import listings_changed
from articles.discovery.search import reindex
from articles.models import Article, ArticleAuthor, ArticleStatus
from articles.operations.proxy_purge import purge_tags
from articles.public import page_cache

EVERY_PAGE = page_cache.EVERY_PAGE_TAG


@dataclass(frozen=True)
class Footprint:
    """Where a published (or scheduled) article appears besides its own page."""

    published_at: object
    featured: bool
    topic_ids: frozenset
    author_ids: frozenset


def footprints(article_ids):
    """``{id: Footprint}`` for those of ``article_ids`` that are published or scheduled (three queries at most)."""
    rows = list(
        Article.objects.filter(pk__in=article_ids, status=ArticleStatus.PUBLISHED).values_list(
            "pk", "published_at", "featured"
        )
    )
    if not rows:
        return {}
    pks = [pk for pk, *_ in rows]
    topics, authors = {}, {}
    topic_links = Article.topics.through.objects.filter(article_id__in=pks)
    for article_id, topic_id in topic_links.values_list("article_id", "topic_id"):
        topics.setdefault(article_id, set()).add(topic_id)
    author_links = ArticleAuthor.objects.filter(article_id__in=pks)
    for article_id, author_id in author_links.values_list("article_id", "author_id"):
        authors.setdefault(article_id, set()).add(author_id)
    return {
        pk: Footprint(published_at, featured, frozenset(topics.get(pk, ())), frozenset(authors.get(pk, ())))
        for pk, published_at, featured in rows
    }


def footprint_of(article):
    """The footprint of one loaded article, queried only if it is published or scheduled."""
    if article.status != ArticleStatus.PUBLISHED:
        return None
    return footprints([article.pk]).get(article.pk)


def object_tags(obj):
    """Page tags of an author, topic or donation link being saved or deleted."""
    model = obj._meta.model_name
    if model == "author":
        return {f"author:{obj.pk}"}
    if model == "topic":
        return {f"topic:{obj.pk}", "topics"}  # a new or renamed topic changes the list of topics
    if model == "donationlink":
        return {f"donation:{obj.pk}", "donation:default"} if obj.is_default else {f"donation:{obj.pk}"}
    if model == "sharelink":
        return set()  # seen only through the preview, never cached
    return {EVERY_PAGE}


def article_change_tags(article_ids, before):
    """Tags of pages that may show a change to these articles (``before``: id -> Footprint or None).

    Returns ``(tags, moved)``: ``moved`` are the ids of articles whose footprint changed.
    """
    after = footprints(article_ids) if article_ids else {}
    tags, moved = set(), []
    for pk in article_ids:
        # Not looked at before the change (an author's or topic's article): it has not moved.
        was = before.get(pk, after.get(pk))
        now = after.get(pk)
        if was is None and now is None:
            continue
        tags |= {f"article:{pk}", "search", "sitemap"}
        if was != now:
            moved.append(pk)
            tags.add("lists")
            for footprint in (was, now):
                if footprint is not None:
                    tags |= {f"topic:{topic_id}" for topic_id in footprint.topic_ids}
                    tags |= {f"author:{author_id}" for author_id in footprint.author_ids}
    if moved:
        pickers = Article.related_articles.through.objects.filter(to_article_id__in=moved)
        tags |= {f"related:{pk}" for pk in pickers.values_list("from_article_id", flat=True)}
    return tags, moved


def refresh(article_ids, object_tags=(), before=None):
    if article_ids:
        reindex(article_ids)
    # Totals, cards and related reading are cached under the listings version: one new
    # version makes every worker sharing the cache read them afresh.
    listings_changed()
    tags, moved = article_change_tags(article_ids, before or {})
    tags |= set(object_tags)
    # An article published, scheduled or taken down, or a donation link saved, may move the
    # next scheduled change: read it again now, so that readers' requests never have to.
    schedule_may_move = moved or any(tag.startswith("donation:") or tag == EVERY_PAGE for tag in tags)
    page_cache.invalidate(tags | {page_cache.SCHEDULE_TAG} if schedule_may_move else tags)
    if schedule_may_move:
        page_cache.remember_next_change()
    if tags:
        purge_tags(sorted(tags))
