from django.contrib import admin

from articles.admin.base import EditorAdmin, ReencodedImagesForm
from articles.admin.revisions import HistoryAdmin
from articles.models import Author, Topic


class AuthorAdminForm(ReencodedImagesForm):
    image_fields = ("photo",)

    class Meta:
        model = Author
        fields = "__all__"


@admin.register(Author)
class AuthorAdmin(HistoryAdmin, EditorAdmin):
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

    def delete_consequences(self, author):
        return ["The researcher's page and feeds will stop working."]


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def delete_consequences(self, topic):
        count = topic.articles.count()
        if not count:
            return []
        filed = "1 article is" if count == 1 else f"{count} articles are"
        return [f"{filed} filed under this topic. Deleting it takes the topic off them; the articles stay as they are."]
