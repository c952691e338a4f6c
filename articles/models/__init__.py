"""The content models, one module per concern; import them from here."""

from articles.models.articles import Article, ArticleAuthor, ArticleQuerySet, ArticleStatus, BinnedArticle
from articles.models.clicks import DonationClickCount
from articles.models.donations import DonationLink
from articles.models.editorial import AuditAction, AuditEntry, ReviewNote, WorkingCopy, WorkingCopyStatus
from articles.models.people import Author, Topic
from articles.models.redirects import SlugRedirect
from articles.models.references import Reference
from articles.models.sharing import ShareLink

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "ArticleStatus",
    "AuditAction",
    "AuditEntry",
    "BinnedArticle",
    "Reference",
    "ReviewNote",
    "WorkingCopy",
    "WorkingCopyStatus",
    "Author",
    "DonationClickCount",
    "DonationLink",
    "ShareLink",
    "SlugRedirect",
    "Topic",
]
from articles.models import search_index  # noqa: E402,F401 - registers the search index models with the app
