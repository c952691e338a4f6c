from django.urls import path

from articles.admin import editor
from articles.discovery import feeds
from articles.donations.views import donate
from articles.feedback.views import feedback_thanks, send_feedback
from articles.public import previews, search_page, site_pages, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("articles/<slug:slug>/feedback/", send_feedback, name="feedback"),
    path("articles/<slug:slug>/feedback/thanks/", feedback_thanks, name="feedback_thanks"),
    path("about/<slug:slug>/", site_pages.site_page, name="site_page"),
    path("authors/", views.AuthorListView.as_view(), name="author_list"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("donate/<int:link_id>/", donate, name="donate"),
    path("preview/<str:signed_token>/", previews.shared_preview, name="shared_preview"),
    path("search/", search_page.search, name="search"),
    path("feeds/", views.feed_list, name="feed_list"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("topics/<slug:slug>/feed/rss/", feeds.TopicFeed(), name="topic_feed_rss"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("authors/<slug:slug>/feed/rss/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("authors/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
]

# The markdownx widget finds these by the paths in MARKDOWNX_URLS_PATH and
# MARKDOWNX_UPLOAD_URLS_PATH; the names are the ones markdownx itself uses.
editor_urlpatterns = [
    path("markdownify/", editor.preview, name="markdownx_markdownify"),
    path("upload/", editor.upload_image, name="markdownx_upload"),
]
