"""Pieces every content admin shares: the Markdown editor, bounded Markdown and safe image uploads.

An image chosen in a form that comes back with an error is kept (see ``kept_uploads``), so
editors do not have to find the file again, and a successful save uses it.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.db import transaction
from markdownx.models import MarkdownxField

from articles.admin import kept_uploads
from articles.admin.markdown_editor import EditorMarkdownWidget
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


class KeptImageWidget(AdminFileWidget):
    """The admin's file input, plus the signed reference to an image kept from the last attempt."""

    # In articles/templates/: form widgets are rendered by the default form renderer, which reads app folders.
    template_name = "admin/widgets/kept_image_input.html"

    def __init__(self, attrs=None, owner="item"):
        super().__init__(attrs)
        self.owner = owner
        self.kept = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.kept is not None:
            context["widget"]["kept"] = {
                "input_name": kept_uploads.kept_input_name(name),
                "token": self.kept.token,
                "name": self.kept.original_name,
                "owner": self.owner,
            }
        return context


class ReencodedImagesForm(BoundedMarkdownForm):
    """Replaces each newly uploaded image with the checked, re-encoded copy, and keeps it if the form fails."""

    image_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._original_names = {}  # field -> the editor's file name, for uploads re-encoded in this request
        self._kept = {}  # field -> KeptUpload used in place of an upload
        self._kept_refused = {}  # field -> why the reference sent back could not be used
        owner = str(self._meta.model._meta.verbose_name)
        for name in self.image_fields:
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget = KeptImageWidget(attrs=field.widget.attrs, owner=owner)
            field.widget.is_required = field.required
            if self.is_bound:
                self._use_kept_upload(name)

    def _use_kept_upload(self, name):
        key = self.add_prefix(name)
        token = self.data.get(kept_uploads.kept_input_name(key))
        chose_again = self.files.get(key) or self.data.get(self.fields[name].widget.clear_checkbox_name(key))
        if not token or chose_again:  # a new file, or "Clear", replaces the kept one
            return
        try:
            kept = kept_uploads.load(token, name)
        except kept_uploads.KeptUploadRefused as refusal:
            self._kept_refused[name] = str(refusal)
            return
        self._kept[name] = kept
        self.files = self.files.copy()
        self.files[key] = kept.as_upload()

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            upload = cleaned.get(name)
            if name in self._kept_refused:
                self.add_error(
                    name,
                    ValidationError(
                        "The image kept from your last attempt %(reason)s. Please choose the file again.",
                        code="kept_upload_refused",
                        params={"reason": self._kept_refused[name]},
                    ),
                )
            elif name in self._kept:
                continue  # checked and re-encoded when it was first uploaded
            elif upload and name in self.changed_data and hasattr(upload, "content_type"):
                try:
                    cleaned[name] = reencode_image(upload)
                    self._original_names[name] = upload.name
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def keep_uploads(self):
        """Called when the bound form is shown again (not saved): keep its good images for the next try."""
        cleaned = getattr(self, "cleaned_data", {})
        for name in self.image_fields:
            kept = self._kept.get(name)
            if kept is None and name in self._original_names and cleaned.get(name):
                kept = kept_uploads.keep(cleaned[name], self._original_names[name], name)
                self._kept[name] = kept
            if kept is not None and name in self.fields:
                self.fields[name].widget.kept = kept

    def save(self, commit=True):
        saved = super().save(commit)
        # The image is now stored under the model's own folder; drop the pending copy once that is certain.
        for kept in self._kept.values():
            transaction.on_commit(kept.delete)
        return saved


class EditorAdmin(admin.ModelAdmin):
    """Markdown fields get the editor with its toolbar, live preview and image help."""

    formfield_overrides = {MarkdownxField: {"widget": EditorMarkdownWidget}}

    class Media:
        js = ["js/editor-images.js"]
        css = {"all": ["css/admin-editor.css"]}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = getattr(context.get("adminform"), "form", None)
        if getattr(form, "is_bound", False) and hasattr(form, "keep_uploads"):
            form.keep_uploads()
        return super().render_change_form(request, context, add, change, form_url, obj)
