from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import render

from articles.discovery.researchers import researchers_named
from articles.discovery.search import MAX_QUERY_CHARS, did_you_mean, search_articles
from articles.models import Article, Topic
from articles.public import page_cache

RESULTS_PER_PAGE = 10


def search(request):
    raw_query = request.GET.get("q", "")[: MAX_QUERY_CHARS * 2]
    results = search_articles(raw_query)
    page = Paginator(results.articles, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.with_excerpts(page.object_list)
    first_page = page.number == 1
    nothing_found = results.query and not page.object_list
    context = {
        "query": raw_query.strip(),
        "searched": bool(results.query),
        "page_obj": page,
        "articles": page.object_list,
        "researchers": researchers_named(results.query) if first_page else [],
        "suggestion": did_you_mean(results.query) if nothing_found else None,
        "topics": [] if page.object_list else _topics_with_articles(),
    }
    page_cache.shows(request, "search", *(f"article:{pk}" for pk in page_cache.page_ids(page)))
    page_cache.shows(request, *(f"topic:{topic.pk}" for topic in context["topics"]))
    response = render(request, "articles/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _topics_with_articles():
    return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))
