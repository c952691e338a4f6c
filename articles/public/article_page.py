"""What the article page shows, for the public view and for previews of drafts and working copies.

The page has two kinds of content. The article's own part (its head tags and JSON-LD; the
article with its byline, review, body, sources, donation call, authors and feedback form)
changes only when the write path changes something it shows. The related reading under it
changes whenever another article is published. The public view keeps the article's own part
rendered in the cache, tagged like a page (``articles.public.page_cache.fragment``), and
renders only the rest on each request: a reader's request then reads one article row and the
related cards instead of byline, topics, sources and reviews, and renders a fraction of the
templates. The page cache, when on, still keeps whole pages on top of this.

Previews never use the stored part: they render everything from the content being previewed.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from articles.content.sources import back_links
from articles.discovery.related import related_reading
from articles.feedback.forms import FeedbackForm
from articles.models import Article, ArticleAuthor, Topic
from articles.public import page_cache
from articles.public.review_record import review_summary

TEMPLATE = "articles/article_detail.html"
HEAD_TEMPLATE = "includes/article_head.html"
MAIN_TEMPLATE = "includes/article_main.html"
RELATED_TEMPLATE = "includes/related_reading.html"


def article_context(article):
    """What the article's own part shows (the byline, topics and sources prefetched or loaded)."""
    return {
        "article": article,
        "object": article,
        "authors": article.ordered_authors,
        "donation": article.donation_call(),
        "feedback_form": FeedbackForm(auto_id="feedback-%s"),
        "sources": sources_with_back_links(article),
    }


def sources_with_back_links(article):
    """Each source of the article, with the ids of the places its text cites it."""
    links = back_links(article.body_html)
    return [(source, links.get(number, [])) for number, source in enumerate(article.references.all(), start=1)]


def render_parts(request, context):
    """The article's own part of the page: ``{"head": …, "main": …}``."""
    return {
        "head": render_to_string(HEAD_TEMPLATE, context, request),
        "main": render_to_string(MAIN_TEMPLATE, context, request),
    }


def render_related(request, related):
    return render_to_string(RELATED_TEMPLATE, {"related": related}, request)


def render_article(request, article, **extra):
    """A preview: the whole page rendered from ``article`` as given, nothing read from the cache."""
    context = {**article_context(article), **extra}
    context.update(
        parts=render_parts(request, context), related_reading=render_related(request, related_reading(article))
    )
    return TemplateResponse(request, TEMPLATE, context)


def public_parts(request, article):
    """``(parts, tags)``: the published article's own part, from the cache or rendered and kept there."""
    return page_cache.fragment(request, f"article:{article.pk}", lambda: _render_public_parts(request, article))


def public_related(request, article):
    """``(html, tags)``: the related reading under a published article, from the cache or rendered and kept there.

    Tagged as the page is: besides the articles shown, the article's picks (``article:``,
    ``related:``) and its topics and authors, whose other articles are the candidates.
    """
    rendered = []

    def render():
        rendered.append(True)
        return _render_public_related(request, article)

    (html, ids), tags = page_cache.fragment(request, f"related:{article.pk}", render)
    # As when the cards are read live: an article withdrawn behind the write path's back (a
    # bulk update) leaves at once. One count of the ids kept with the part.
    if ids and not rendered and Article.objects.published().filter(pk__in=ids).count() != len(ids):
        (html, ids), tags = _render_public_related(request, article)
    return html, tags


def _render_public_parts(request, article):
    byline = ArticleAuthor.objects.select_related("author").defer("author__bio", "author__bio_html")
    prefetch_related_objects(
        [article],
        Prefetch("article_authors", queryset=byline.order_by("position", "id")),  # no biography shown
        Prefetch("topics", queryset=Topic.objects.select_related("donation_link")),
        "references",
    )
    parts = render_parts(request, article_context(article))
    return parts, page_cache.article_content_tags(article, review_summary(article).reviewers)


def _render_public_related(request, article):
    related = related_reading(article)
    tags = [f"article:{article.pk}", f"related:{article.pk}", *page_cache.article_tags(related)]
    # Prefetched when the article's own part was just rendered; read (twice) otherwise.
    tags += [f"topic:{topic.pk}" for topic in article.topics.all()]
    tags += [f"author:{link.author_id}" for link in article.article_authors.all()]
    return (render_related(request, related), [related_article.pk for related_article in related]), tags
