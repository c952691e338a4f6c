"""Dropping pages from a caching reverse proxy in front of the site, by tag.

The write path calls ``purge_tags`` after every change, with the tags the page cache has just
invalidated (``articles.public.page_cache``); every page the site stores carries them in its
``Cache-Tag`` header, so a proxy that keeps pages can drop exactly those. This placeholder
does nothing: with no proxy configured there is nothing to purge.
"""


def purge_tags(tags):
    """Ask the configured proxies to drop every page carrying one of ``tags`` (none configured: nothing to do)."""
