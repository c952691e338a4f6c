"""Where a donate button may send a reader, and the address it finally lands on.

Readers trust a donate button on a charity's own site with their card details, so a
donation link may only lead to the charity's own donation platform: an https address
whose host is on ``settings.DONATION_ALLOWED_HOSTS``. The check runs when an editor
saves a link (a clear message in the admin) and again in the click endpoint, so a row
written some other way can never turn ``/donate/<id>/`` into an open redirect.

Hosts are compared after IDNA (UTS #46) normalisation, so case, trailing dots and
Unicode forms of the same name cannot slip past. A host typed in look-alike Unicode
letters (Cyrillic “о” for Latin “o”, fullwidth letters) is refused with a message that
says so, even where it would normalise to an allowed name: an address that looks
different from what it is has no place behind a donate button. Addresses with a user
name or password (``https://breastcancernow.org@evil.example/``) or an explicit port
are refused too; the charity's platform needs neither.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import idna
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

UTM_SOURCE = "research-voices"
UTM_MEDIUM = "website"
CAMPAIGN_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")
well_formed_https = URLValidator(schemes=["https"], message="Enter a full web address starting with https://")


def normalise_host(host):
    """The ASCII (A-label) form of a host name, or None if it is not a valid name."""
    host = host.strip().rstrip(".")
    if not host:
        return None
    try:
        return idna.encode(host, uts46=True).decode("ascii").lower()
    except idna.IDNAError:
        return None


def host_is_allowed(host, allowed=None):
    """Entries match exactly; an entry with a leading dot also matches its subdomains."""
    allowed = settings.DONATION_ALLOWED_HOSTS if allowed is None else allowed
    for entry in allowed:
        wildcard = entry.startswith(".")
        entry_host = normalise_host(entry.lstrip("."))
        if entry_host and (host == entry_host or (wildcard and host.endswith("." + entry_host))):
            return True
    return False


def validate_donation_url(url):
    """Model validator for ``DonationLink.url``; messages are written for editors."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValidationError("This web address is not valid. Copy it again from the donation platform.") from None
    if parts.scheme.lower() != "https":
        raise ValidationError("Donation links must start with https:// so readers' payment details stay private.")
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            "Remove the user name or password (the part before “@”) from this address; "
            "donation links must not contain sign-in details."
        )
    if port is not None:
        raise ValidationError(f"Remove “:{port}” from this address; donation links use the standard https port.")
    typed_host = (parts.hostname or "").rstrip(".")
    host = normalise_host(typed_host)
    if host is None:
        raise ValidationError("This web address has no valid site name after https://.")
    if not typed_host.isascii() and not (host.startswith("xn--") or ".xn--" in host):
        raise ValidationError(
            f"The site name “{typed_host}” is written in look-alike characters (it stands for “{host}”). "
            "Type the address with plain letters."
        )
    if not typed_host.isascii() and not host_is_allowed(host):
        raise ValidationError(
            f"The site name “{typed_host}” contains letters from another alphabet that look like "
            f"ordinary ones; it is really “{host}”, which is not the charity's donation platform."
        )
    if not host_is_allowed(host):
        allowed = ", ".join(settings.DONATION_ALLOWED_HOSTS) or "none configured"
        raise ValidationError(
            f"Donation links may only lead to the charity's donation platform ({allowed}); “{host}” is not one of them."
        )
    well_formed_https(url)  # Everything else a well-formed address needs.


def campaign_url(url, campaign, article_slug=""):
    """The link's address with campaign parameters; ours replace any already there."""
    parts = urlsplit(url)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in CAMPAIGN_PARAMETERS
    ]
    query += [("utm_source", UTM_SOURCE), ("utm_medium", UTM_MEDIUM), ("utm_campaign", campaign)]
    if article_slug:
        query.append(("utm_content", article_slug))
    return urlunsplit(parts._replace(query=urlencode(query)))
