"""Readers' answers in the admin: read-only, listed and filtered per article.

Nobody edits or adds an answer, not even a superuser: they are what readers said. Staff who
may see articles may read them (the permission comes with the Editors and Publishers groups).
Comments are shown as text, escaped like everything the admin displays.
"""

from django.contrib import admin
from django.template.defaultfilters import truncatechars

from articles.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "article", "answer", "comment_start", "has_email"]
    list_filter = ["useful", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["comment", "article__title"]
    date_hierarchy = "created_at"
    fields = ["article", "useful", "comment", "email", "created_at"]
    actions = None

    @admin.display(description="useful?", boolean=True, ordering="useful")
    def answer(self, feedback):
        return feedback.useful

    @admin.display(description="comment")
    def comment_start(self, feedback):
        return truncatechars(feedback.comment, 120)

    @admin.display(description="email left", boolean=True)
    def has_email(self, feedback):
        return bool(feedback.email)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
