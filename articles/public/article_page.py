"""What the article page shows, for the public view and for previews of drafts and working copies."""

from django.template.response import TemplateResponse

from articles.content.sources import back_links
from articles.discovery.related import related_reading
from articles.feedback.forms import FeedbackForm

TEMPLATE = "articles/article_detail.html"


def article_context(article):
    return {
        "article": article,
        "object": article,
        "authors": article.ordered_authors,
        "related": related_reading(article),
        "donation": article.donation_call(),
        "feedback_form": FeedbackForm(auto_id="feedback-%s"),
        "sources": sources_with_back_links(article),
    }


def sources_with_back_links(article):
    """Each source of the article, with the ids of the places its text cites it."""
    links = back_links(article.body_html)
    return [(source, links.get(number, [])) for number, source in enumerate(article.references.all(), start=1)]


def render_article(request, article, **extra):
    return TemplateResponse(request, TEMPLATE, {**article_context(article), **extra})
