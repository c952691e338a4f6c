"""The editors' admin, one module per concern; importing them registers the model admins."""

from articles.admin import (  # noqa: F401
    accounts,
    articles,
    audit,
    bin,
    donations,
    feedback,
    pages,
    people,
    reviews,
    sharing,
)
