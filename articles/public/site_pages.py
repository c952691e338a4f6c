"""The site's own pages (contact, privacy, accessibility, how we write), shown to readers."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import SitePage
from articles.public import page_cache


@require_safe
def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    page_cache.shows(request)  # a saved site page is not an article: it drops every page ("site")
    return render(request, "articles/site_page.html", {"page": page})
