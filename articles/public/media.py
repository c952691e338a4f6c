"""Serving uploaded images.

whitenoise serves only static files, so uploads come through this view. Every file
under MEDIA_ROOT was re-encoded on the way in (``articles.content.images``), and the response
still says exactly what it is: ``nosniff`` stops a browser from guessing a type, and a
sandboxing policy means that even a file that got there by some other route cannot run
script when opened directly.

Images kept for a form that came back with an error (``articles.admin.kept_uploads``) wait in
``pending-uploads/`` until the form is saved; they belong to unsaved work, so they are not served.
"""

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.static import serve

from articles.content.images import PENDING_UPLOADS_FOLDER

SANDBOX_POLICY = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def serve_media(request, path):
    if posixpath.normpath(path.replace("\\", "/")).lstrip("/").startswith(f"{PENDING_UPLOADS_FOLDER}/"):
        raise Http404("No such file.")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:  # a path that climbs out of MEDIA_ROOT
        raise Http404("No such file.") from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cache-Control"] = "public, max-age=604800"
    return response
