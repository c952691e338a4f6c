"""Email to the people a workflow step concerns, through Django's email backend.

Sent after the change has committed (``articles.editorial.changes`` queues them), so an
email never announces something that was rolled back, and a failed send is logged and
never breaks the save: the article is already saved by then.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

logger = logging.getLogger(__name__)


def publishers():
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return users.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="publish_article")
        | Q(user_permissions__codename="publish_article")
    ).distinct()


def _admin_url(article):
    return settings.SITE_URL.rstrip("/") + reverse("admin:articles_article_change", args=[article.pk])


def _send(subject, body, recipients):
    addresses = sorted({user.email for user in recipients if user is not None and user.email})
    if not addresses:
        return
    try:
        send_mail(subject, body, None, addresses)
    except Exception:  # noqa: BLE001 - any transport failure: the change is saved; say so in the log
        logger.exception("Could not send the email “%s” to %d people", subject, len(addresses))


def submitted(article, by, on_changes):
    what = "Changes to a live article" if on_changes else "An article"
    name = by.get_full_name() or by.get_username() if by else "Someone"
    body = f"{name} submitted “{article}” for review.\n\nReview it here: {_admin_url(article)}\n"
    _send(f"{what} to review: {article}", body, [user for user in publishers() if user != by])


def published(article, by, to):
    if to is None or to == by:
        return
    body = f"“{article}” is live now.\n\n{settings.SITE_URL.rstrip('/')}{article.get_absolute_url()}\n"
    _send(f"Published: {article}", body, [to])


def sent_back(article, by, to, comment):
    if to is None or to == by:
        return
    name = by.get_full_name() or by.get_username() if by else "A Publisher"
    body = (
        f"{name} sent “{article}” back to you with this comment:\n\n{comment}\n\nEdit it here: {_admin_url(article)}\n"
    )
    _send(f"Sent back: {article}", body, [to])
