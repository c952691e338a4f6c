"""The site's own pages (contact, privacy, accessibility, how we write), shown to readers."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import SitePage


@require_safe
def site_page(request, slug):
    return render(request, "articles/site_page.html", {"page": get_object_or_404(SitePage, slug=slug)})
