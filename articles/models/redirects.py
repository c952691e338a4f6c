"""Old article addresses, so links shared before a slug change keep working.

Each old slug points at the article itself, never at another slug: after any number of
renames every old address redirects straight to the current one, so there are no chains,
and a slug that becomes live again stops being a redirect, so there are no loops.
"""

from django.db import models


class SlugRedirect(models.Model):
    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "old article address"

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"

    @classmethod
    def remember(cls, article, old_slug):
        """Called after ``article`` moved from ``old_slug`` to its current slug."""
        cls.objects.filter(old_slug=article.slug).delete()
        cls.objects.update_or_create(old_slug=old_slug, defaults={"article": article})
