"""Keeping an uploaded image when the admin form comes back with an error.

Browsers never re-fill a file input, so an editor who chose a hero image and forgot the
title used to lose the image with no sign of it. Instead, when a bound form is shown again,
each image that passed the checks (``articles.content.images``: opened, re-encoded) is
written to ``pending-uploads/`` under a random name, and the form carries a reference to it
in a hidden field. The next submission uses that file as if it had been uploaded again.

The reference comes back from the browser, so it is trusted only through Django's
``signing``: salted per image field and valid for a day. A crafted POST cannot point at
another file (the path is inside the signed value) nor reuse an old reference; a tampered or
expired one is refused with a form error asking for the file again. Only files we re-encoded
ourselves are ever written there, and ``articles.public.media`` does not serve the folder.
``manage.py purge_pending_uploads`` deletes what is left there after a day (forms that were
never submitted again).
"""

import os
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.content.images import PENDING_UPLOADS_FOLDER as PENDING_FOLDER

MAX_AGE = timedelta(days=1)
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class KeptUploadRefused(Exception):
    """The reference is not one we signed for this field in the last day, or its file is gone."""


def _salt(field_name):
    return f"articles.admin.kept-upload:{field_name}"


def kept_input_name(widget_name):
    return f"{widget_name}-kept"


@dataclass(frozen=True)
class KeptUpload:
    path: str  # in default_storage, always under PENDING_FOLDER
    original_name: str  # what the editor's file was called, to tell them which image is kept
    token: str

    def as_upload(self):
        """The kept file as a fresh upload, ready for the form's image field."""
        with default_storage.open(self.path, "rb") as stored:
            content = stored.read()
        name = os.path.basename(self.path)
        return SimpleUploadedFile(name, content, content_type=CONTENT_TYPES.get(name.rsplit(".", 1)[-1]))

    def delete(self):
        default_storage.delete(self.path)


def keep(checked_file, original_name, field_name):
    """Store a checked, re-encoded image under a random name and sign a reference to it."""
    extension = os.path.splitext(checked_file.name)[1].lower()
    checked_file.seek(0)
    path = default_storage.save(f"{PENDING_FOLDER}/{uuid.uuid4().hex}{extension}", checked_file)
    checked_file.seek(0)
    original_name = os.path.basename(original_name or "")[:100] or os.path.basename(path)
    token = signing.dumps({"path": path, "name": original_name}, salt=_salt(field_name), compress=True)
    return KeptUpload(path, original_name, token)


def load(token, field_name):
    """The upload a signed reference points at; raises ``KeptUploadRefused`` if it cannot be used."""
    try:
        value = signing.loads(token, salt=_salt(field_name), max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise KeptUploadRefused("was kept for more than a day and has expired") from error
    except signing.BadSignature as error:
        raise KeptUploadRefused("could not be found") from error
    path, name = value.get("path", ""), value.get("name", "")
    # Signed by us, so these checks are belt and braces; they keep a leaked secret key from
    # turning the reference into a way of reading any stored file.
    if not (isinstance(path, str) and path.startswith(f"{PENDING_FOLDER}/") and ".." not in path):
        raise KeptUploadRefused("could not be found")
    if not default_storage.exists(path):
        raise KeptUploadRefused("is no longer stored")
    return KeptUpload(path, str(name), token)
