"""Researchers a search names, for the "Researchers" group above the article results.

A researcher is shown when a word of the query is a whole word of their name ("coffelt",
"seth"), compared without case or accents, so "zoe" finds Zoë. Those naming the most words
win: "seth coffelt" shows Seth Coffelt, not every Seth. Only researchers with a published
article are considered (``Author.objects.with_published_articles()``), as on /authors/.

The names are read once and cached under the listings version (``articles.discovery.listing``),
so a search costs one query for the researchers it shows, or none when it names nobody.
"""

import re
import unicodedata

from articles.discovery.listing import CACHE_SECONDS, cached_listing
from articles.models import Author

MAX_SHOWN = 5
_WORD = re.compile(r"\w+")


def researchers_named(query):
    """Up to ``MAX_SHOWN`` researchers, by name, whose names hold the most words of ``query``."""
    words = {_folded(word) for phrase in query.phrases for word in phrase if len(word) >= 2}
    if not words:
        return []
    scored = [(len(words & name_words), name, pk) for pk, name, name_words in _public_names()]
    best = max((score for score, _name, _pk in scored), default=0)
    if not best:
        return []
    shown = [pk for _name, pk in sorted((name.casefold(), pk) for score, name, pk in scored if score == best)]
    authors = Author.objects.in_bulk(shown[:MAX_SHOWN])
    return [authors[pk] for pk in shown[:MAX_SHOWN] if pk in authors]


def _public_names():
    return cached_listing("researcher-names", _read_names, CACHE_SECONDS)


def _read_names():
    names = Author.objects.with_published_articles().values_list("pk", "name")
    return [(pk, name, frozenset(_folded(word) for word in _WORD.findall(name))) for pk, name in names]


def _folded(word):
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
