"""Receiving a reader's answer to "Was this page useful?", and thanking them.

The form sits on article pages that are served from a page cache, so it carries no CSRF
token and the view is ``csrf_exempt``; ``articles.feedback.spam`` explains what defends it
instead. Nothing here reads or writes a session or cookie.
"""

import logging

from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from articles.feedback import spam
from articles.feedback.forms import TRAP_FIELD, FeedbackForm
from articles.models import Article, Feedback

logger = logging.getLogger(__name__)

PROBLEM_TEMPLATE = "articles/feedback_problem.html"
# A full answer (1,000 characters of comment, each up to 4 bytes and percent-encoded, plus an
# email) is well under this; anything larger is refused before the body is read.
MAX_BODY_BYTES = 16 * 1024


def _published(slug):
    return get_object_or_404(Article.objects.published().only("pk", "slug", "title"), slug=slug)


def _problem(request, article, status, heading, message, form=None):
    context = {"article": article, "heading": heading, "message": message, "feedback_form": form}
    return render(request, PROBLEM_TEMPLATE, context, status=status)


@csrf_exempt
@never_cache
@require_POST
def send_feedback(request, slug):
    """Store one anonymous answer about a published article.

    Exempt from CSRF on purpose. CSRF protects what belongs to the person whose browser is
    tricked into posting; a reader here owns nothing and has no session, and an answer
    changes nothing but a tally staff read. The real risk is robots and floods, which a
    token would not stop anyway (anyone can fetch one); they meet a same-site check, a
    honeypot, a per-client rate limit and length limits instead (``articles.feedback.spam``).
    """
    article = _published(slug)
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = MAX_BODY_BYTES + 1
    if announced > MAX_BODY_BYTES:
        return _problem(
            request, article, 413, "Your answer is too long", "Please shorten your comment to 1,000 characters."
        )
    if spam.from_another_site(request):
        return _problem(
            request,
            article,
            403,
            "We could not accept this answer",
            "It was sent from a page on another website. If you meant to answer, please use the form on this article.",
        )
    if spam.over_the_limit(request):
        return _problem(
            request,
            article,
            429,
            "Thank you, we have enough answers for now",
            "We have had many answers from your connection in the last few minutes. "
            "Please try again in a little while.",
        )
    if request.POST.get(TRAP_FIELD):
        # A robot filled the box people never see: answered as if accepted, so it learns nothing.
        logger.info("Feedback on article %s dropped: the hidden box was filled.", article.pk)
        return redirect("articles:feedback_thanks", slug=article.slug)
    form = FeedbackForm(request.POST, auto_id="feedback-%s")
    if not form.is_valid():
        return _problem(
            request, article, 400, "Please check your answer", "Your answer has not been sent yet.", form=form
        )
    answer = form.cleaned_data
    try:
        Feedback.objects.create(
            article=article, useful=answer["useful"], comment=answer["comment"], email=answer["email"]
        )
    except DatabaseError:
        logger.exception("Could not store feedback on article %s.", article.pk)
        return _problem(
            request,
            article,
            503,
            "Sorry, your answer was not saved",
            "Something went wrong on our side. Please try again in a few minutes.",
        )
    return redirect("articles:feedback_thanks", slug=article.slug)


@never_cache
@require_safe
def feedback_thanks(request, slug):
    return render(request, "articles/feedback_thanks.html", {"article": _published(slug)})
