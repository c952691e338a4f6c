from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles.admin.shortcut import view_on_site
from articles.discovery import sitemaps
from articles.discovery.robots import robots_txt
from articles.public.media import serve_media
from articles.urls import editor_urlpatterns

# An oversized upload is answered 413 with the limit in words (articles/content/upload_limits.py).
handler400 = "articles.public.errors.bad_request"

admin.site.site_header = "Research Voices editors"
admin.site.site_title = "Research Voices admin"
admin.site.index_title = "Articles, authors and donation links"

urlpatterns = [
    # Before admin.site.urls: the shortcut checks the user may view the object (articles/admin/shortcut.py).
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("editor/", include(editor_urlpatterns)),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media, name="media"),
    ]
