"""Pieces every content admin shares: the Markdown editor, bounded Markdown, and safe image uploads."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from articles.content.images import reencode_image
from articles.content.rendering import validate_markdown


class BoundedMarkdownForm(forms.ModelForm):
    """Every Markdown field refuses text over the size limit or too complex to format, with the reason.

    The same check as the live preview (``articles.content.rendering.markdown_problem``), so
    what the preview refuses cannot be saved either.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            model_field = next((f for f in self._meta.model._meta.fields if f.name == name), None)
            if isinstance(model_field, MarkdownxField):
                field.validators.append(validate_markdown)


class ReencodedImagesForm(BoundedMarkdownForm):
    """Replaces each newly uploaded image with the checked, re-encoded copy."""

    image_fields = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            upload = cleaned.get(name)
            if upload and name in self.changed_data and hasattr(upload, "content_type"):
                try:
                    cleaned[name] = reencode_image(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class EditorAdmin(admin.ModelAdmin):
    """Markdown fields get the markdownx editor with live preview and image help."""

    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}

    class Media:
        js = ["js/editor-images.js"]
        css = {"all": ["css/admin-editor.css"]}
