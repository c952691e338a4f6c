"""The editors' admin, one module per concern; importing them registers the model admins."""

from articles.admin import accounts, articles, audit, bin, donations, people, reviews, sharing  # noqa: F401
