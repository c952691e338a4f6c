"""Upload sizes enforced while the request body is read, before anything is stored.

Django bounds form fields by ``DATA_UPLOAD_MAX_MEMORY_SIZE`` but not file parts: without
this handler a 300 MB anonymous POST was streamed into a temporary file before any view
could refuse it. ``BoundedUploadHandler`` runs first for every multipart request (the
editor's upload endpoint and every admin form with an image field):

* a request that announces more than ``MAX_UPLOAD_REQUEST_BYTES`` is refused before a
  byte of its body is read;
* a file part is refused as soon as it passes ``MAX_UPLOAD_BYTES`` (the image limit in
  ``articles.content.images``), whatever the request announced.

Files within the limits are kept in memory (``FILE_UPLOAD_MAX_MEMORY_SIZE`` equals the
request limit and no temporary-file handler is configured), so nothing an upload sends
is written to disk before the image checks have passed. The refusal is an
``UploadTooLarge`` (a ``RequestDataTooBig``), which the site's 400 handler answers with
413 and the limit in words. The web server in front should refuse larger bodies too
(README, "Upload limits").
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat

from articles.content.images import MAX_UPLOAD_BYTES


class UploadTooLarge(RequestDataTooBig):
    """What the reader of the request is told; safe to show (it names only our limits)."""


def request_limit():
    return settings.MAX_UPLOAD_REQUEST_BYTES


class BoundedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > request_limit():
            raise UploadTooLarge(
                f"This upload is {filesizeformat(content_length)}; a form may send at most "
                f"{filesizeformat(request_limit())}, and each image at most {filesizeformat(MAX_UPLOAD_BYTES)}. "
                "Please save a smaller copy of the image and upload that."
            )

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_BYTES:
            raise UploadTooLarge(
                f"“{self.file_name}” is larger than {filesizeformat(MAX_UPLOAD_BYTES)}, the limit for an image. "
                "Please save a smaller copy and upload that."
            )
        return raw_data

    def file_complete(self, file_size):
        return None  # The next handler (in memory) keeps the file.
