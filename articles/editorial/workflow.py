"""The editorial workflow: which action each role may take on an article in which state.

Editors write, submit for review and bin what has never been public; Publishers
(``articles.publish_article``) also publish, schedule, unpublish, publish or discard a live
article's changes and send work back. Every door — the change form's buttons, bulk actions,
revision restores, recovery, the bin — reaches these rules through
``articles.editorial.changes``, so a hand-crafted POST gets the same answer as the buttons
the role is shown. Each ``refusal`` function returns the reason in words, or None.
"""

from django.utils import timezone

from articles.models import ArticleStatus

PUBLISH_PERMISSION = "articles.publish_article"
Status = ArticleStatus

NOT_A_PUBLISHER = "Only Publishers can publish, schedule or unpublish articles; submit it for review instead."
NO_CHANGE_PERMISSION = "You do not have permission to change articles."


def can_publish(user):
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article=None):
    if user is None:  # a management command run by the site's operators
        return True
    return user.has_perm("articles.change_article" if article is not None and article.pk else "articles.add_article")


def is_live(article):
    """Published or scheduled: edits go to a working copy, readers keep the published text."""
    return article.pk is not None and article.status == Status.PUBLISHED


def state_label(article):
    if article.is_binned:
        return "In the bin"
    if article.status == Status.PUBLISHED:
        if article.published_at and article.published_at > timezone.now():
            return "Scheduled"
        return "Live"
    return Status(article.status).label


def edit_refusal(user, article):
    if not can_edit(user, article):
        return NO_CHANGE_PERMISSION
    if article.pk and article.is_binned:
        return "This article is in the bin. Restore it as a draft first."
    return None


def submit_refusal(user, article):
    problem = edit_refusal(user, article)
    if problem:
        return problem
    if is_live(article):
        working_copy = getattr(article, "working_copy", None)
        if working_copy is None:
            return "There are no unpublished changes to submit."
        return None
    if article.status not in (Status.DRAFT, Status.UNPUBLISHED):
        return f"An article that is {state_label(article).lower()} cannot be submitted for review."
    return None


def withdraw_refusal(user, article):
    problem = edit_refusal(user, article)
    if problem:
        return problem
    if article.status != Status.IN_REVIEW:
        return "Only an article waiting for review can go back to draft."
    return None


def publish_refusal(user, article):
    if not can_publish(user):
        return NOT_A_PUBLISHER
    if article.is_binned:
        return "This article is in the bin. Restore it as a draft first."
    if article.status == Status.PUBLISHED and not article.is_scheduled:
        return "This article is already live."
    return None


schedule_refusal = publish_refusal


def publish_changes_refusal(user, article):
    if not can_publish(user):
        return "Only Publishers can publish changes to a live article; submit them for review instead."
    if getattr(article, "working_copy", None) is None:
        return "There are no unpublished changes to publish."
    return None


discard_refusal = publish_changes_refusal


def unpublish_refusal(user, article):
    if not can_publish(user):
        return NOT_A_PUBLISHER
    if article.status != Status.PUBLISHED:
        return "Only a live or scheduled article can be unpublished."
    return None


def send_back_refusal(user, article):
    if not can_publish(user):
        return "Only Publishers can send work back."
    working_copy = getattr(article, "working_copy", None)
    if working_copy is not None and working_copy.status == "in_review":
        return None
    if article.status != Status.IN_REVIEW:
        return "Only work waiting for review can be sent back."
    return None


def bin_refusal(user, article):
    if user is not None and not user.has_perm("articles.delete_article"):
        return "You do not have permission to delete articles."
    if article.is_binned:
        return "This article is already in the bin."
    if article.status == Status.PUBLISHED:
        if article.is_scheduled:
            return "This article is scheduled. Unpublish it first, then delete it."
        return "This article is live. A Publisher can unpublish it; readers then see a 'withdrawn' page."
    if article.has_been_public and not can_publish(user):
        return "This article has been public. Only a Publisher can delete it."
    return None


def restore_from_bin_refusal(user, article):
    if not can_edit(user, article):
        return NO_CHANGE_PERMISSION
    if not article.is_binned:
        return "This article is not in the bin."
    return None
