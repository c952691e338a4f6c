from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html

from articles.admin.base import EditorAdmin, ReencodedImagesForm
from articles.admin.locking import EditLockFormMixin
from articles.admin.revisions import HistoryAdmin
from articles.admin.workflow import StateFilter, WorkflowAdminMixin, WorkflowFormMixin
from articles.discovery.search import remove_from_search_index, update_search_index
from articles.models import Article, ArticleAuthor, ArticleStatus


class ArticleAdminForm(EditLockFormMixin, WorkflowFormMixin, ReencodedImagesForm):
    image_fields = ("hero_image", "social_image")

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}


class BylineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        remaining = [
            form for form in self.forms if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        if not remaining:
            raise ValidationError("Add at least one author: every article needs a byline.")


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "Authors (in byline order: lowest position first)"


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, HistoryAdmin, EditorAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline]
    list_display = ["title", "state", "published_at", "byline", "featured", "updated_at"]
    list_filter = [StateFilter, "featured", "topics", ("article_authors__author", admin.RelatedOnlyFieldListFilter)]
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
        (
            "Search engines and social media",
            {"fields": ["seo_title", "seo_description", "social_image", "social_image_alt"], "classes": ["collapse"]},
        ),
        ("Record", {"fields": ["reading_time", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def save_related(self, request, form, formsets, change):
        # Authors and topics are saved after the article itself; index the final byline.
        super().save_related(request, form, formsets, change)
        update_search_index(form.instance)

    def delete_queryset(self, request, queryset):
        # The "delete selected" action deletes in bulk, bypassing Article.delete().
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            remove_from_search_index(pk)

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
