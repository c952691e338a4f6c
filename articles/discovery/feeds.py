"""RSS 2.0 and Atom feeds: the whole site, each topic, each author.

Entries carry the standfirst as summary and the article's stored ``body_html`` as full
content; that HTML has been through ``rendering.render_markdown`` (nh3), so a feed reader
gets the same sanitised markup the site shows. The XML is written by Django's
feed generator; the two small subclasses below only add elements through its SAX handler.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles.models import Article, Author, Topic
from articles.public import page_cache

FEED_LENGTH = 20


class RssWithContent(Rss201rev2Feed):
    """Adds ``content:encoded`` (full text) and one ``dc:creator`` per author."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    """Adds ``<content type="html">`` (full text) and one ``<author>`` per author."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class LatestArticlesFeed(Feed):
    feed_type = RssWithContent

    def title(self, obj=None):
        return settings.SITE_NAME

    def description(self, obj=None):
        return f"{settings.SITE_TAGLINE}: new articles by the researchers {settings.CHARITY_NAME} funds."

    def link(self, obj=None):
        return reverse("articles:home")

    def feed_url(self, obj=None):
        return reverse("articles:feed_rss")

    def articles(self, obj):
        return Article.objects.published()

    # What the page cache is told the feed shows besides its entries (articles.public.page_cache).
    def shown(self, obj):
        return ["lists"]

    def items(self, obj=None):
        items = list(self.articles(obj).for_listing().prefetch_related("topics")[:FEED_LENGTH])
        page_cache.shows(self.request, *self.shown(obj), *page_cache.article_tags(items))
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_guid(self, item):
        # Stable whatever happens to the slug or the domain.
        return f"urn:research-voices:article:{item.pk}"

    item_guid_is_permalink = False

    def item_extra_kwargs(self, item):
        request = self.request
        return {
            "authors": [
                (author.display_name, request.build_absolute_uri(author.get_absolute_url()))
                for author in item.ordered_authors
            ],
            "content_html": item.body_html,
        }

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomWithContent
    subtitle = LatestArticlesFeed.description

    def feed_url(self, obj=None):
        return reverse("articles:feed_atom")


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} | {settings.SITE_NAME}"

    def description(self, obj=None):
        return obj.description or f"New articles about {obj.name} on {settings.SITE_NAME}."

    def link(self, obj=None):
        return obj.get_absolute_url()

    def feed_url(self, obj=None):
        return reverse("articles:topic_feed_rss", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(topics=obj)

    def shown(self, obj):
        return [f"topic:{obj.pk}"]


class TopicAtomFeed(TopicFeed):
    feed_type = AtomWithContent
    subtitle = TopicFeed.description

    def feed_url(self, obj=None):
        return reverse("articles:topic_feed_atom", kwargs={"slug": obj.slug})


class AuthorFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author.objects.with_published_articles(), slug=slug)

    def title(self, obj=None):
        return f"{obj.display_name} | {settings.SITE_NAME}"

    def description(self, obj=None):
        return f"New articles by {obj.display_name} on {settings.SITE_NAME}."

    def link(self, obj=None):
        return obj.get_absolute_url()

    def feed_url(self, obj=None):
        return reverse("articles:author_feed_rss", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(article_authors__author=obj)

    def shown(self, obj):
        return [f"author:{obj.pk}"]


class AuthorAtomFeed(AuthorFeed):
    feed_type = AtomWithContent
    subtitle = AuthorFeed.description

    def feed_url(self, obj=None):
        return reverse("articles:author_feed_atom", kwargs={"slug": obj.slug})
