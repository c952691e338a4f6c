"""The editor's live panel: plain-language figures and the checks before publishing, as JSON.

``static/js/editor-checks.js`` posts the change form's text fields here as the editor types
(debounced); the answer comes from the same code as the server's own decisions — the checks of
``articles.editorial.checks`` and the reading age stored with the article — so the panel can
never disagree with what *Publish* will say. The text is not saved and nothing is written.

Only people who may add or change articles get an answer; the article named must be one they
may change. The text is bounded like the preview (``markdown_problem``), and every answer is
JSON whatever was sent, so the script shows it with ``textContent`` and never as HTML.
"""

from django.conf import settings
from django.db import models
from django.http import JsonResponse

from articles.content import readability
from articles.content.rendering import markdown_problem, reading_minutes
from articles.editorial import checks
from articles.editorial.content import SCALAR_FIELDS, ArticleContent
from articles.models import Article

# The text fields the panel reads from the form; the rest of the content comes from the saved article.
# Text only: the script sends each field's ``value``, which for a checkbox is "on" ticked or not.
TEXT_FIELDS = tuple(
    name for name in SCALAR_FIELDS if isinstance(Article._meta.get_field(name), models.CharField | models.TextField)
)


def _refusal(message, status):
    return JsonResponse({"error": message}, status=status)


def panel_context(problems, figures, body):
    """What the panel shows; also used by the change form to render it before any script runs."""
    age = figures.reading_age
    return {
        "words": figures.words,
        "reading_minutes": reading_minutes(body),
        "reading_age": {"years": age.years, "formula": age.formula} if age else None,
        "reading_age_target": settings.READING_AGE_TARGET,
        "long_sentences": len(figures.long_sentences),
        "long_paragraphs": figures.long_paragraphs,
        "long_sentence_words": readability.LONG_SENTENCE_WORDS,
        "long_paragraph_words": readability.LONG_PARAGRAPH_WORDS,
        "problems": [problem.as_json() for problem in problems],
    }


def measure(content, article=None):
    subject = checks.Subject(content, article)
    return panel_context(checks.run_subject(subject), subject.readability, content.values.get("body") or "")


def editor_stats(model_admin, request):
    """The view (mounted by ``ArticleAdmin.get_urls`` through ``admin_view``: staff only, CSRF, never cached)."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        return _refusal("You do not have permission to edit articles.", 403)
    if request.method != "POST":
        return _refusal("Send the text with POST.", 405)
    article = None
    article_id = request.POST.get("article", "")
    if article_id:
        if not (article_id.isascii() and article_id.isdigit()) or len(article_id) > 18:
            return _refusal("That is not an article's number.", 400)
        article = model_admin.get_queryset(request).select_related("working_copy").filter(pk=article_id).first()
        if article is None:
            return _refusal("No such article.", 404)
        if not model_admin.has_change_permission(request, article):
            return _refusal("You do not have permission to change this article.", 403)
    content = ArticleContent.current(article) if article is not None else ArticleContent.empty()
    for name in TEXT_FIELDS:
        if name in request.POST:
            content.values[name] = request.POST[name]
    problem = markdown_problem(content.values.get("body") or "")
    if problem:
        return _refusal(problem, 400)
    return JsonResponse(measure(content, article))


def stats_for_article(article):
    """The panel's first figures for a saved article (what editors are working on)."""
    if article is None or article.pk is None:
        return None
    stored = Article.objects.select_related("working_copy").get(pk=article.pk)
    return measure(ArticleContent.current(stored), stored)
