"""sitemap.xml for search engines: published articles, the authors and topics readers can reach, the site's pages."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.urls import reverse

from articles.models import Article, Author, SitePage, Topic
from articles.public import page_cache


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at").order_by("-published_at", "-id")

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)


class AuthorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Author.objects.with_published_articles().only("slug").order_by("pk")


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        public = Article.objects.published().filter(topics=OuterRef("pk"))
        return Topic.objects.filter(Exists(public)).only("slug").order_by("pk")


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "articles:home",
            "articles:article_list",
            "articles:author_list",
            "articles:topic_list",
            "articles:feed_list",
        ]

    def location(self, name):
        return reverse(name)


class SitePageSitemap(Sitemap):
    """The footer's pages (contact, privacy, accessibility, how we write): a health site's
    "how we write our information" is what readers and search engines check it by."""

    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return SitePage.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
    "site-pages": SitePageSitemap,
}


def sitemap(request):
    """One sitemap while every URL fits in one file; an index of sections once they do not."""
    page_cache.shows(request, "sitemap")
    sections = {name: cls() for name, cls in SITEMAPS.items()}
    if any(section.paginator.num_pages > 1 for section in sections.values()):
        return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")
    return sitemap_views.sitemap(request, SITEMAPS)


def sitemap_section(request, section):
    page_cache.shows(request, "sitemap")
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
