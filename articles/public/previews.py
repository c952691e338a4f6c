"""Answers for article addresses readers cannot see: previews, old slugs, taken-down articles.

Previews (staff at the public address, or anyone holding a share link) are rendered with
the real article template plus a banner, sent with ``noindex`` and never-cache headers so
no search engine, proxy or browser cache keeps an unpublished text.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.editorial.content import ArticleContent
from articles.editorial.sharing import find_share_link
from articles.models import Article, ArticleStatus, SlugRedirect, WorkingCopy
from articles.public.article_page import render_article

GONE_TEMPLATE = "articles/gone.html"
PREVIEW_PERMISSION = "articles.view_article"


def preview_queryset():
    return Article.objects.select_related("donation_link").for_listing().prefetch_related("topics")


def can_preview(user):
    return user.is_active and user.is_staff and user.has_perm(PREVIEW_PERMISSION)


def answer_for_missing_article(request, slug):
    """Called by ArticleDetailView when no public article has ``slug``."""
    staff = can_preview(request.user)
    if staff:
        article = preview_queryset().filter(slug=slug).first()
        if article is not None:
            return render_preview(request, article, "staff")
    old = SlugRedirect.objects.select_related("article").filter(old_slug=slug).first()
    article = old.article if old else Article.objects.filter(slug=slug).first()
    if article is None:
        raise Http404("No article at this address.")
    if old is not None and (article.is_public or staff):
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    if article.status == ArticleStatus.UNPUBLISHED:
        return render(request, GONE_TEMPLATE, {"reason": "withdrawn"}, status=410)
    raise Http404("No article at this address.")


def render_staff_preview(request, article):
    """What editors are working on, through the public template: the working copy of a live article."""
    article = preview_queryset().get(pk=article.pk)
    copy = WorkingCopy.objects.filter(article=article).first()
    shown = ArticleContent.from_json(copy.content).preview_of(article) if copy else article
    return render_preview(request, shown, "changes" if copy else "staff")


def render_preview(request, article, kind):
    response = render_article(request, article, preview=kind).render()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@never_cache
def shared_preview(request, signed_token):
    link = find_share_link(signed_token)
    if link is None:
        raise Http404("This preview address is not valid.")
    copy = WorkingCopy.objects.filter(article_id=link.article_id).first()
    if link.article.is_public and copy is None:
        return redirect(link.article.get_absolute_url())
    if not link.is_usable:
        response = render(request, GONE_TEMPLATE, {"reason": "share_link"}, status=410)
    else:
        article = preview_queryset().get(pk=link.article_id)
        shown = ArticleContent.from_json(copy.content).preview_of(article) if copy else article
        response = render_preview(request, shown, "shared")
    # The address is the key: never pass it on to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response
