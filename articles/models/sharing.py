"""Share links: read-only access to one unpublished article for someone without an account.

A row per link (random token, expiry, revoked time, who made it) so each link can be
withdrawn on its own and publishers can see which links are out. The address carries the
token signed with SECRET_KEY (see articles/sharing.py), so a copy of the database alone
is not enough to build a working link.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_token():
    return secrets.token_urlsafe(32)


class ShareLink(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    shared_with = models.CharField(
        max_length=120, blank=True, help_text="For your records, e.g. “Dr Ana Lopez, to check the figures”."
    )
    expires_at = models.DateTimeField("expires")
    revoked_at = models.DateTimeField("withdrawn", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "share link"

    def __str__(self):
        return f"Share link for “{self.article}”"

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
