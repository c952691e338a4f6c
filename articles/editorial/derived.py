"""What is derived from content and refreshed after a change: the search index and the cached lists.

``articles.editorial.changes`` calls ``refresh`` once per change, after the transaction has
committed, with the ids of the articles the change touched. (Stored HTML is derived too, but
it is written with the text itself, in the same transaction, so a reader never sees the two
disagree: see ``Article.render_derived_fields``.)
"""

from articles.discovery.listing import listings_changed
from articles.discovery.search import reindex


def refresh(article_ids):
    if article_ids:
        reindex(article_ids)
    # Totals, cards and related reading are cached under the listings version: one new
    # version makes every worker sharing the cache read them afresh.
    listings_changed()
