"""The content models, one module per concern; import them from here."""

from .articles import Article, ArticleAuthor, ArticleQuerySet, ArticleStatus
from .clicks import DonationClickCount
from .donations import DonationLink
from .people import Author, Topic
from .redirects import SlugRedirect
from .sharing import ShareLink

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "ArticleStatus",
    "Author",
    "DonationClickCount",
    "DonationLink",
    "ShareLink",
    "SlugRedirect",
    "Topic",
]
from . import search_index  # noqa: E402,F401 - registers the search index models with the app
