"""Share links for unpublished articles: how their addresses are made and checked.

Security decisions:
- The token is 32 random bytes, stored on a ShareLink row that holds the expiry and a
  revoked time, so each link expires on its own schedule and can be withdrawn at once.
- The address carries the token signed with ``Signer`` (salted, keyed by SECRET_KEY). A
  tampered address fails the signature check before the database is asked, and a leaked
  database does not yield usable addresses. Rotating SECRET_KEY retires every link.
- A link never outlives the draft: once the article is public it redirects to the
  public address, which is the same for everyone.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.models import ShareLink

SIGNER = signing.Signer(salt="articles.sharing.share-link")
MAX_DAYS = 30


def create_share_link(article, user, days, shared_with=""):
    return ShareLink.objects.create(
        article=article,
        created_by=user,
        shared_with=shared_with,
        expires_at=timezone.now() + timedelta(days=days),
    )


def share_url(link):
    return reverse("articles:shared_preview", kwargs={"signed_token": SIGNER.sign(link.token)})


def find_share_link(signed_token):
    """The link behind a signed address, or None when the signature or the token is wrong."""
    try:
        token = SIGNER.unsign(signed_token)
    except signing.BadSignature:
        return None
    return ShareLink.objects.select_related("article").filter(token=token).first()
