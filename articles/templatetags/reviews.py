"""``{% reviewed_by article %}`` and ``{% review_record article %}``: an article's review, for readers."""

from django import template

from articles.public.review_record import review_summary

register = template.Library()


def _reviewers(summary):
    return [(reviewer, summary.author_page(reviewer)) for reviewer in summary.reviewers]


@register.inclusion_tag("includes/reviewed_by.html")
def reviewed_by(article):
    return {"reviewers": _reviewers(review_summary(article))}


@register.inclusion_tag("includes/review_record.html")
def review_record(article):
    summary = review_summary(article)
    return {"review": summary, "article": article}
