"""The site's own pages (contact, privacy, accessibility, how we write), linked from every footer.

Why not ``django.contrib.flatpages``: it stores and shows raw HTML, so anyone allowed to edit a
page could put a script in front of every reader. These pages are Markdown, rendered through
``articles.content.rendering.render_markdown`` (the one sanitiser every other text passes
through), and the HTML stored beside it is re-rendered by ``rerender_markdown``.

The set of pages is fixed (the footer links to each by slug, and migration 0013 creates them),
so none can be added or deleted through the admin and a footer link never leads nowhere.
A saved page is live at once, so only Publishers may change one: the rule is in the write path
(``articles.editorial.changes.save_object``), which also writes the audit entry.
"""

from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from articles.content.rendering import render_markdown, validate_markdown_size
from articles.models.fields import MARKDOWN_HELP

# (slug, link text in the footer), in the footer's order.
FOOTER_PAGES = [
    ("contact", "Contact us"),
    ("privacy", "Privacy"),
    ("accessibility", "Accessibility statement"),
    ("how-we-write", "How we write our information"),
]


class SitePage(models.Model):
    slug = models.SlugField(max_length=60, unique=True, editable=False)
    title = models.CharField(max_length=120, help_text="The page's heading, e.g. Accessibility statement.")
    body = MarkdownxField(help_text=MARKDOWN_HELP, validators=[validate_markdown_size])
    body_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "site page"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:site_page", kwargs={"slug": self.slug})

    def render_derived_fields(self):
        """The stored HTML follows the Markdown (the write path calls this before saving)."""
        self.body_html = render_markdown(self.body)
