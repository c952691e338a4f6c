from django import template
from django.conf import settings

from articles.accounts.sessions import describe_duration

register = template.Library()


@register.filter
def duration(delta):
    return describe_duration(delta) if delta else ""


@register.simple_tag
def staff_support_contact():
    """Whom staff should ask for help with signing in (DJANGO_STAFF_SUPPORT_CONTACT), or ""."""
    return settings.STAFF_SUPPORT_CONTACT
