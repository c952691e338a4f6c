"""The content models, one module per concern; import them from here."""

from articles.models.articles import Article, ArticleAuthor, ArticleQuerySet, ArticleStatus, BinnedArticle
from articles.models.clicks import DonationClickCount
from articles.models.donations import DonationLink
from articles.models.editorial import AuditAction, AuditEntry, ReviewNote, WorkingCopy, WorkingCopyStatus
from articles.models.feedback import Feedback
from articles.models.pages import SitePage
from articles.models.people import Author, Topic
from articles.models.redirects import SlugRedirect
from articles.models.references import Reference
from articles.models.reviews import Reviewer, ReviewRecord
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
    "Feedback",
    "Reviewer",
    "ReviewRecord",
    "ShareLink",
    "SitePage",
    "SlugRedirect",
    "Topic",
]
from articles.models import search_index  # noqa: E402,F401 - registers the search index models with the app
