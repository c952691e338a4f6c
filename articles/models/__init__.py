"""The content models, one module per concern; import them from here."""

from .articles import Article, ArticleAuthor, ArticleQuerySet, ArticleStatus
from .clicks import DonationClickCount
from .donations import DonationLink
from .people import Author, Topic

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "ArticleStatus",
    "Author",
    "DonationClickCount",
    "DonationLink",
    "Topic",
]
