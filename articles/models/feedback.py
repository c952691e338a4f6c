"""Readers' answers to "Was this page useful?" at the foot of each article.

Anonymous by design: a row holds the answer, an optional comment and the time, never the
reader's address, browser or any cookie. An email address is kept only when the reader types
one (to be answered); nothing else here can identify a person. The spam defences
(``articles.feedback``) keep their per-client counters in the cache, keyed by a salted hash
that expires within the hour, never in this table.
"""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

COMMENT_MAX_CHARS = 1_000


class Feedback(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="feedback")
    useful = models.BooleanField("found it useful")
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_CHARS)
    email = models.EmailField(blank=True, help_text="Only when the reader chose to leave one, to be answered.")
    created_at = models.DateTimeField("sent", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "reader feedback"
        verbose_name_plural = "reader feedback"
        indexes = [models.Index(fields=["article", "-created_at"], name="feedback_article_recent")]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), COMMENT_MAX_CHARS),
                name="feedback_comment_length",
                violation_error_message=f"A comment may be at most {COMMENT_MAX_CHARS:,} characters.",
            ),
        ]

    def __str__(self):
        return f"{'Useful' if self.useful else 'Not useful'}: “{self.article}”"
