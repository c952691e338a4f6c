"""``{% inline_stylesheet %}``: the public stylesheet for a ``<style>`` element (site_project/inline_css.py)."""

from django import template
from django.utils.safestring import mark_safe

from site_project.inline_css import stylesheet_text

register = template.Library()


@register.simple_tag
def inline_stylesheet():
    # Our own file, not user input; escaping would change quotes and ">" and break its CSP hash.
    return mark_safe(stylesheet_text())  # noqa: S308
