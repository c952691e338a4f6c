"""The bin: articles moved out of the list, restorable as drafts until ``purge_bin`` deletes them."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone

from articles.editorial import changes
from articles.models import BinnedArticle


@admin.register(BinnedArticle)
class BinAdmin(admin.ModelAdmin):
    list_display = ["title", "deleted_at", "deleted_by", "purged_after"]
    list_select_related = ["deleted_by"]
    search_fields = ["title", "standfirst"]
    actions = ["restore_as_draft"]
    list_display_links = None

    def get_queryset(self, request):
        return BinnedArticle.objects.binned()

    # Anyone who may change articles may see the bin and restore from it; nobody edits or adds here,
    # and deleting for good is the purge command's job.
    def has_module_permission(self, request):
        return request.user.has_perm("articles.change_article")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")

    # Nothing is edited here: an article comes out of the bin only as a draft, through the write path.
    def has_change_permission(self, request, obj=None):
        return False

    def has_restore_permission(self, request):
        return request.user.has_perm("articles.change_article")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="deleted for good after")
    def purged_after(self, article):
        return timezone.localtime(article.deleted_at + timezone.timedelta(days=settings.BIN_RETENTION_DAYS)).date()

    @admin.action(description="Restore selected articles as drafts", permissions=["restore"])
    def restore_as_draft(self, request, queryset):
        restored = 0
        for article in queryset:
            try:
                changes.restore_from_bin(request.user, article)
                restored += 1
            except changes.Refused as refused:
                self.message_user(request, f"“{article}”: {refused}", messages.ERROR)
        if restored:
            self.message_user(
                request, f"{restored} article{'s' if restored != 1 else ''} restored as drafts.", messages.SUCCESS
            )
