from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles.media import serve_media
from articles.urls import editor_urlpatterns

admin.site.site_header = "Research Voices editors"
admin.site.site_title = "Research Voices admin"
admin.site.index_title = "Articles, authors and donation links"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("editor/", include(editor_urlpatterns)),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media, name="media"),
    ]
