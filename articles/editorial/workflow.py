"""The editorial workflow: which state changes each role may make.

Editors write and submit for review; only Publishers (``articles.publish_article``) make an
article public, take it down, or choose its publication date (which is how an article is
scheduled). Every path that changes the state — the change form, a restored revision, a
bulk action — asks ``refusal()`` on the server, so a hand-crafted POST gets the same answer
as the buttons the role is shown.
"""

from dataclasses import dataclass

import reversion
from django.utils import timezone

from articles.models import ArticleStatus

PUBLISH_PERMISSION = "articles.publish_article"

Status = ArticleStatus
EDITOR_MOVES = {
    Status.DRAFT: {Status.DRAFT, Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.IN_REVIEW, Status.DRAFT},
    Status.PUBLISHED: {Status.PUBLISHED},
    Status.UNPUBLISHED: {Status.UNPUBLISHED},
}
PUBLISHER_MOVES = {
    Status.DRAFT: {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED},
    Status.IN_REVIEW: {Status.IN_REVIEW, Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.PUBLISHED, Status.UNPUBLISHED},
    Status.UNPUBLISHED: {Status.UNPUBLISHED, Status.DRAFT, Status.PUBLISHED},
}

NOT_A_PUBLISHER = "Only Publishers can publish, unpublish or schedule articles; submit it for review instead."
DATE_NEEDS_PUBLISHER = "Only Publishers can set or change the publication date."


@dataclass(frozen=True)
class State:
    status: str
    published_at: object = None


NEW_ARTICLE = State(Status.DRAFT)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def allowed_statuses(user, current):
    moves = PUBLISHER_MOVES if can_publish(user) else EDITOR_MOVES
    return [value for value in Status.values if value in moves[current]]


def refusal(user, before, after):
    """Why ``user`` may not move an article from ``before`` to ``after``, or None if they may."""
    if after.status not in allowed_statuses(user, before.status):
        if not can_publish(user):
            return NOT_A_PUBLISHER
        return (
            f"An article that is {Status(before.status).label.lower()} cannot become "
            f"{Status(after.status).label.lower()} directly."
        )
    if not _same_second(after.published_at, before.published_at) and not can_publish(user):
        return DATE_NEEDS_PUBLISHER
    return None


def _same_second(first, second):
    # The admin's date widgets drop microseconds, so an untouched date comes back without them.
    if first is None or second is None:
        return first is second
    return first.replace(microsecond=0) == second.replace(microsecond=0)


class TransitionRefused(Exception):
    pass


def move(article, status, user):
    """Change one article's state for a bulk action; records a revision with the reason."""
    before = State(article.status, article.published_at)
    published_at = article.published_at
    if status == Status.PUBLISHED and (published_at is None or published_at > timezone.now()):
        published_at = timezone.now()
    after = State(status, published_at)
    problem = refusal(user, before, after)
    if problem:
        raise TransitionRefused(f"“{article}”: {problem}")
    with reversion.create_revision():
        article.status, article.published_at = after.status, after.published_at
        article.save()
        reversion.set_user(user)
        reversion.set_comment(f"Status changed to {Status(status).label.lower()}.")
