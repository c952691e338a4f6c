from django.shortcuts import render
from django.urls import reverse

from articles.public import page_cache


def robots_txt(request):
    page_cache.shows(request)  # the same for every reader, and it changes only with a deployment
    context = {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
