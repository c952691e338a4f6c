"""``{% page_seo %}``, ``{% article_seo %}``, ``{% author_seo %}``: the head tags from ``articles.discovery.seo``."""

from django import template

from articles.discovery import seo

register = template.Library()
TAGS_TEMPLATE = "includes/seo_tags.html"


@register.inclusion_tag(TAGS_TEMPLATE, takes_context=True)
def page_seo(context, title, description, crumb_name="", crumb_url="", parent_name="", parent_url=""):
    """``crumb_*``: the page's own breadcrumb below the home page; ``parent_*``: one between them."""
    trail = [(parent_name, parent_url)] if parent_name else []
    trail += [(crumb_name, crumb_url)] if crumb_name else []
    return {"meta": seo.for_page(context["request"], title, description, trail), "site_name": context["site_name"]}


@register.inclusion_tag(TAGS_TEMPLATE, takes_context=True)
def article_seo(context, article, authors):
    return {"meta": seo.for_article(context["request"], article, authors), "site_name": context["site_name"]}


@register.inclusion_tag(TAGS_TEMPLATE, takes_context=True)
def author_seo(context, author):
    return {"meta": seo.for_author(context["request"], author), "site_name": context["site_name"]}
