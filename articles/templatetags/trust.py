"""Template tags for the parts of a page that help readers judge and keep it."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, obj):
    """The object's full address (e.g. for a printed page), as the canonical link gives it."""
    return context["request"].build_absolute_uri(obj.get_absolute_url())


@register.filter
def funders(authors):
    """Each funder named by the byline's authors, once, in byline order ("Funded by Breast Cancer Now")."""
    return list(dict.fromkeys(author.funder for author in authors if author.funder))
