"""Uploaded media on S3-compatible object storage, when the environment asks for it.

With ``DJANGO_S3_BUCKET`` unset nothing changes: uploads stay in ``MEDIA_ROOT``. With it
set, several servers share one bucket instead of each keeping its own folder.

Readers still fetch images from ``/media/…`` on the site, streamed by
``articles.public.media``; pages never link to the bucket. Why:

* The sanitiser keeps only ``<img src>`` values under ``MEDIA_URL``
  (``articles.content.rendering``), and editors' Markdown stores the URL the upload
  endpoint returned. A bucket or CDN host in those URLs would be stripped from pages,
  and would tie every article's text to one provider's host name for good.
* S3 stores only a few response headers per object (Content-Type, Cache-Control,
  Content-Disposition…), never ``X-Content-Type-Options: nosniff`` or a sandboxing
  Content-Security-Policy. Served by Django, every image gets them, as on local disk.
* The bucket can stay private: no public-read policy, no signed URLs that expire
  inside cached pages. Only the servers hold the credentials.

The cost is that image bytes pass through a worker; a CDN or proxy in front of the site
caches ``/media/`` (the responses say ``public, max-age=31536000, immutable``: the names are
random, so they never change). The objects also carry the right Content-Type, Cache-Control and
``Content-Disposition: inline`` in case someone serves the bucket directly one day.

Credentials come from the usual ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``
variables (or an instance role), read by boto3; they are never in settings.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from articles.public.media import CACHE_CONTROL as MEDIA_CACHE_CONTROL


class MediaS3Storage(S3Storage):
    """A private S3 bucket whose files are addressed by the site's own ``/media/`` URLs."""

    # Random names are chosen before saving; never replace an object that happens to exist.
    file_overwrite = False
    default_acl = None  # the bucket's own (private) policy
    querystring_auth = False
    # ContentType is added by django-storages from the name, whose extension comes from the
    # re-encoded image's real format (articles.content.images).
    object_parameters = {"CacheControl": MEDIA_CACHE_CONTROL, "ContentDisposition": "inline"}

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
