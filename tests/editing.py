"""Changes made in tests the way the site makes them: through the editorial write path.

The actor is ``None``, the site's operators (as in a management command): no role limits.
Tests of who may do what use the admin through HTTP instead.
"""

from articles.editorial import changes
from articles.editorial.content import ArticleContent
from articles.models import ArticleStatus


def publish(article):
    return changes.publish(None, article)


def unpublish(article):
    return changes.unpublish(None, article)


def set_status(article, status):
    """Move an article to ``status`` by the action an editor would use."""
    if status == ArticleStatus.PUBLISHED:
        return publish(article)
    if status == ArticleStatus.UNPUBLISHED and article.status == ArticleStatus.PUBLISHED:
        return unpublish(article)
    return changes.load_article(article, None, status=status, published_at=article.published_at)


def edit(article, **fields):
    """Change an article's content (``topics``/``authors`` as objects) and, if it is live, publish the change."""
    content = ArticleContent.current(article)
    for name, value in fields.items():
        if name in ("topics", "related_articles"):
            value = sorted(obj.pk for obj in value)
        elif name == "authors":
            value = [obj.pk for obj in value]
        content.values[name] = value
    saved = changes.save_article(None, article, content)
    if saved.status == ArticleStatus.PUBLISHED and getattr(saved, "working_copy", None) is not None:
        saved = changes.publish_changes(None, saved)
    return saved


def save(obj, **fields):
    """Save an author, topic or donation link with new values."""
    for name, value in fields.items():
        setattr(obj, name, value)
    return changes.save_object(None, obj)


def delete_article(article):
    """Take an article down and put it in the bin, as a Publisher would."""
    if article.status == ArticleStatus.PUBLISHED:
        article = unpublish(article)
    return changes.move_to_bin(None, article)


def mark_review(article, reviewers, note="", next_due=None):
    """Mark what editors are working on as a review, as the form's Review section does (not yet recorded)."""
    content = ArticleContent.current(article)
    content.values.update(
        pending_review=True,
        pending_reviewers=sorted(reviewer.pk for reviewer in reviewers),
        pending_review_note=note,
        pending_next_review_due=next_due.isoformat() if next_due else None,
    )
    return changes.save_article(None, article, content)


def review(article, reviewers, note="", next_due=None):
    """A reviewed version, published by a Publisher: the review is recorded."""
    saved = mark_review(article, reviewers, note, next_due)
    if saved.status == ArticleStatus.PUBLISHED and getattr(saved, "working_copy", None) is not None:
        return changes.publish_changes(None, saved)
    return changes.publish(None, saved)
