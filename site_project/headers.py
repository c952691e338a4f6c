"""Cross-Origin-Resource-Policy on every response.

Django sets the other isolation headers (``Cross-Origin-Opener-Policy``, frame options,
referrer policy) from settings but has no setting for this one. ``same-origin`` tells
browsers not to hand any of our responses (pages, images, JSON) to another site's page
that loads them without CORS: no hotlinking of uploads, and a page on another origin
cannot pull our responses into its process to read them through a side channel. Search
engines, feed readers and social previews fetch from their servers and are not affected.
If images must one day appear in other sites' pages (e.g. a newsletter read in webmail),
answer ``cross-origin`` for ``/media/`` only.
"""

POLICY = "same-origin"


def cross_origin_resource_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", POLICY)
        return response

    return middleware
