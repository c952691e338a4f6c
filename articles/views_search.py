from django.core.paginator import Paginator
from django.shortcuts import render

from .models import Article, Topic
from .search import MAX_QUERY_CHARS, search_articles

RESULTS_PER_PAGE = 10


def search(request):
    raw_query = request.GET.get("q", "")[: MAX_QUERY_CHARS * 2]
    results = search_articles(raw_query)
    page = Paginator(results.articles.for_listing(), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.with_excerpts(page.object_list)
    context = {
        "query": raw_query.strip(),
        "searched": bool(results.query),
        "page_obj": page,
        "articles": page.object_list,
        "topics": [] if page.object_list else Topic.objects.filter(articles__in=Article.objects.published()).distinct(),
    }
    response = render(request, "articles/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response

