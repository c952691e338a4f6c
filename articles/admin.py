from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from .images import reencode_image
from .models import Article, ArticleAuthor, ArticleStatus, Author, DonationLink, Topic


class ReencodedImagesForm(forms.ModelForm):
    """Replaces each newly uploaded image with the checked, re-encoded copy."""

    image_fields = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            upload = cleaned.get(name)
            if upload and name in self.changed_data and hasattr(upload, "content_type"):
                try:
                    cleaned[name] = reencode_image(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class EditorAdmin(admin.ModelAdmin):
    """Markdown fields get the markdownx editor with live preview and image help."""

    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}

    class Media:
        js = ["js/editor-images.js"]
        css = {"all": ["css/admin-editor.css"]}


class ArticleAdminForm(ReencodedImagesForm):
    image_fields = ("hero_image",)

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    min_num = 1
    validate_min = True
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "Authors (in byline order: lowest position first)"


@admin.register(Article)
class ArticleAdmin(EditorAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline]
    list_display = ["title", "state", "published_at", "byline", "featured", "updated_at"]
    list_filter = ["status", "featured", "topics", ("article_authors__author", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["donation_link"]
    search_fields = ["title", "standfirst", "article_authors__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "related_articles", "donation_link"]
    readonly_fields = ["reading_time", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Main image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]}),
        ("Publishing", {"fields": ["status", "published_at", "featured"]}),
        ("Around the article", {"fields": ["topics", "related_articles", "donation_link"]}),
        ("Record", {"fields": ["reading_time", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    @admin.display(description="authors")
    def byline(self, article):
        return ", ".join(author.display_name for author in article.ordered_authors)

    @admin.display(description="state", ordering="status")
    def state(self, article):
        if article.status == ArticleStatus.PUBLISHED and article.published_at > timezone.now():
            label = f"Scheduled for {timezone.localtime(article.published_at):%d %b %Y %H:%M}"
            return format_html('<span class="article-state article-state--scheduled">{}</span>', label)
        return format_html(
            '<span class="article-state article-state--{}">{}</span>', article.status, article.get_status_display()
        )


class AuthorAdminForm(ReencodedImagesForm):
    image_fields = ("photo",)

    class Meta:
        model = Author
        fields = "__all__"


@admin.register(Author)
class AuthorAdmin(EditorAdmin):
    form = AuthorAdminForm
    list_display = ["display_name", "role", "affiliation", "funder"]
    search_fields = ["name", "affiliation", "role"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["honorific", "name", "slug", "role", "affiliation", "funder"]}),
        ("Biography", {"fields": ["bio"]}),
        ("Photo", {"fields": ["photo", "photo_alt"]}),
        ("Links", {"fields": ["website", "orcid"]}),
    ]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(DonationLink)
class DonationLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "call_to_action", "campaign", "is_default", "is_active"]
    list_filter = ["is_default", "is_active"]
    search_fields = ["name", "call_to_action", "campaign"]
