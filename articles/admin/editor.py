"""The markdownx editor's server side, locked down.

django-markdownx ships two views that need no login: a preview that returns
unsanitised HTML and an upload that trusts the browser's MIME type and file name.
They are never mounted. These replacements answer only to active staff who may edit
articles or authors; the preview goes through ``render_markdown`` (the same function
as the public pages) and uploads are checked and re-encoded by ``articles.content.images``.
Every refusal is a JSON 4xx with a message; nothing here answers 500 to bad input.

Bounded work: the preview refuses Markdown over the size limit or too complex to format
(400, the reason shown in the preview pane, where markdownx puts whatever we answer). The
upload checks who is asking before the request body is read: Django's CSRF middleware
would otherwise parse the whole multipart body of an anonymous POST first, so the view is
exempted from the middleware and runs the same CSRF check itself, after the login check.
The body itself is bounded while it is read (``articles.content.upload_limits``).

An uploaded image is stored as ``uploads/<random>-<width>x<height>.<ext>`` and its renditions
are written before the answer (about a second for a large photo): the Markdown the editor
gets back renders as a responsive ``<picture>`` at once, in the preview as on the page.
"""

import logging
import os
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from PIL import Image

from articles.content import renditions
from articles.content.images import reencode_image
from articles.content.rendering import markdown_problem, render_markdown
from articles.content.upload_limits import UploadTooLarge

security_log = logging.getLogger("security")
EDITING_PERMISSIONS = ("articles.add_article", "articles.change_article", "articles.change_author")


def can_use_editor(user):
    return user.is_active and user.is_staff and any(user.has_perm(p) for p in EDITING_PERMISSIONS)


def editor_required(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_editor(request.user):
            return JsonResponse({"error": "You do not have permission to edit articles."}, status=403)
        return view(request, *args, **kwargs)

    return guarded


class EditorImageForm(ImageForm):
    """markdownx's upload form, but judging the file by its content, not its label."""

    def clean(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            raise ValidationError("Choose an image to upload.")
        self.cleaned_data["prepared"] = reencode_image(upload)
        return self.cleaned_data

    def save(self, commit=True):
        """Store the image under a name carrying its size, with its renditions, before the editor gets its URL."""
        prepared = self.cleaned_data["prepared"]
        with Image.open(prepared) as image:
            width, height = image.size
        prepared.seek(0)
        name = renditions.sized_name(os.path.join(settings.MARKDOWNX_MEDIA_PATH, prepared.name), width, height)
        stored = default_storage.save(name, prepared)
        renditions.generate_quietly(stored, renditions.WIDE)
        return default_storage.url(stored)


@never_cache
@require_POST
@editor_required
def preview(request):
    content = request.POST.get("content", "")
    problem = markdown_problem(content)
    if problem:
        refusal = format_html('<p class="editor-preview-refusal" role="alert">Preview not updated: {}</p>', problem)
        return HttpResponse(refusal, status=400)
    return HttpResponse(render_markdown(content))


def body_read_after_login(view):
    """Refuse people who may not upload before their request body is read; then check CSRF."""
    protected = csrf_protect(view)

    @wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            request.FILES  # noqa: B018 - read here, within the upload limits, to answer a refusal in JSON
        except UploadTooLarge as error:
            return JsonResponse({"error": str(error)}, status=413)
        return protected(request, *args, **kwargs)

    return csrf_exempt(editor_required(guarded))


@never_cache
@require_POST
@body_read_after_login
def upload_image(request):
    form = EditorImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages = [message for errors in form.errors.values() for message in errors]
        security_log.warning("upload refused", extra={"user_id": request.user.pk, "reason": " ".join(messages)})
        return JsonResponse({"error": " ".join(messages)}, status=400)
    # The editor script inserts this; our own script then asks for the description.
    return JsonResponse({"image_code": f"![]({form.save()})"})
