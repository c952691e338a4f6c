from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from articles.discovery.listing import ArticlePages
from articles.discovery.topics import topics_with_counts
from articles.models import Article, Author, DonationLink, Topic
from articles.public import article_page, page_cache
from articles.public.previews import answer_for_missing_article

ARTICLES_PER_PAGE = 12


def home(request):
    public = Article.objects.published().for_cards()
    # The editors' newest featured pick, or else the newest article. (Two simple queries:
    # ordering by "featured" over all articles cannot use an index.)
    featured = public.filter(featured=True).first()
    if featured:
        latest = list(public.exclude(pk=featured.pk)[:6])
    else:
        latest = list(public[:7])
        featured = latest.pop(0) if latest else None
    donation = DonationLink.objects.default()
    context = {"featured": featured, "latest": latest, "donation": donation}
    shown = [featured, *latest] if featured else latest
    page_cache.shows(request, "lists", "donation:default", *page_cache.article_tags(shown))
    if donation is not None:
        page_cache.shows(request, f"donation:{donation.pk}")
    return render(request, "articles/home.html", context)


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return ArticlePages.of(Article.objects.published(), "articles")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_cache.shows(self.request, "lists", *(f"article:{pk}" for pk in page_cache.page_ids(context["page_obj"])))
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # The byline, topics and sources are read only when the article's own part of the
        # page is rendered, not when it comes from the cache (articles.public.article_page).
        return Article.objects.published().defer("body").select_related("donation_link")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Staff preview, an old slug's redirect, or 410 for a withdrawn article.
            return answer_for_missing_article(request, kwargs["slug"])

    def get_context_data(self, **kwargs):
        parts, tags = article_page.public_parts(self.request, self.object)
        related, related_tags = article_page.public_related(self.request, self.object)
        page_cache.shows(self.request, *tags, *related_tags)
        return {**super().get_context_data(**kwargs), "parts": parts, "related_reading": related}


class AuthorListView(ListView):
    template_name = "articles/author_list.html"
    context_object_name = "authors"

    def get_queryset(self):
        return Author.objects.with_published_articles()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_cache.shows(self.request, "lists", *(f"author:{author.pk}" for author in context["authors"]))
        return context


class AuthorDetailView(ListView):
    """An author's profile above their published articles, paginated like every list."""

    template_name = "articles/author_detail.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.author = get_object_or_404(Author.objects.with_published_articles(), slug=self.kwargs["slug"])
        articles = Article.objects.published().filter(article_authors__author=self.author)
        return ArticlePages.of(articles, f"author:{self.author.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        ids = page_cache.page_ids(context["page_obj"])
        page_cache.shows(self.request, f"author:{self.author.pk}", *(f"article:{pk}" for pk in ids))
        return context


def topic_list(request):
    topics = topics_with_counts()
    page_cache.shows(request, "lists", "topics", *(f"topic:{topic.pk}" for topic in topics))
    return render(request, "articles/topic_list.html", {"topics": topics})


def feed_list(request):
    """The site's feeds and each topic's, for readers who follow sites in a feed reader."""
    topics = topics_with_counts()
    page_cache.shows(request, "topics", *(f"topic:{topic.pk}" for topic in topics))
    return render(request, "articles/feed_list.html", {"topics": topics})


class TopicDetailView(ListView):
    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return ArticlePages.of(Article.objects.published().filter(topics=self.topic), f"topic:{self.topic.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(topic=self.topic, **kwargs)
        ids = page_cache.page_ids(context["page_obj"])
        page_cache.shows(self.request, f"topic:{self.topic.pk}", *(f"article:{pk}" for pk in ids))
        return context
