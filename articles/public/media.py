"""Serving uploaded images.

whitenoise serves only static files, so uploads come through this view, from local disk
or, when ``DJANGO_S3_BUCKET`` is set, streamed from the bucket (why Django streams rather
than linking to the bucket is in ``site_project/storage.py``). Every upload was re-encoded
on the way in (``articles.content.images``), and the response still says exactly what it
is: the type comes from the name, whose extension is the real format; ``nosniff`` stops a
browser from guessing another; and a sandboxing policy means that even a file that got
there by some other route cannot run script when opened directly.

Browsers and shared caches may keep an upload for a year without asking again (``immutable``):
every upload is stored under a new random name when it is re-encoded (``uuid4``), so the
bytes at an address never change; replacing an image gives a new address.

Images kept for a form that came back with an error (``articles.admin.kept_uploads``) wait in
``pending-uploads/`` until the form is saved; they belong to unsaved work, so they are not served.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, SuspiciousOperation
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles.content.images import PENDING_UPLOADS_FOLDER

SANDBOX_POLICY = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"
CACHE_CONTROL = "public, max-age=31536000, immutable"


def _from_storage(path):
    """Stream ``path`` from a storage that is not a local folder (an S3 bucket)."""
    name = posixpath.normpath(path)
    if name != path.rstrip("/") or name.startswith(("/", "..")) or "\x00" in name:
        raise Http404("No such file.")
    try:
        handle = storages["default"].open(name)
    except (FileNotFoundError, SuspiciousOperation) as error:
        raise Http404("No such file.") from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, content_type=content_type)


@require_safe
def serve_media(request, path):
    if posixpath.normpath(path.replace("\\", "/")).lstrip("/").startswith(f"{PENDING_UPLOADS_FOLDER}/"):
        raise Http404("No such file.")
    if isinstance(storages["default"], FileSystemStorage):
        try:
            response = serve(request, path, document_root=settings.MEDIA_ROOT)
        except SuspiciousFileOperation as error:  # a path that climbs out of MEDIA_ROOT
            raise Http404("No such file.") from error
    else:
        response = _from_storage(path)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cache-Control"] = CACHE_CONTROL
    return response
