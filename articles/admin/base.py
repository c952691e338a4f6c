"""Pieces every content admin shares: the Markdown editor and safe image uploads."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from articles.content.images import reencode_image


class ReencodedImagesForm(forms.ModelForm):
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
