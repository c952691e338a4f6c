"""Share links in the admin: Publishers only, for any model permission a user might hold."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from articles.admin.revisions import DeletesThroughWritePathMixin
from articles.editorial import changes
from articles.editorial.sharing import MAX_DAYS, share_url
from articles.editorial.workflow import can_publish
from articles.models import ShareLink, WorkingCopy


class ShareLinkForm(forms.ModelForm):
    days = forms.IntegerField(
        label="Works for (days)",
        min_value=1,
        max_value=MAX_DAYS,
        initial=7,
        help_text=f"The link stops working after this many days (1 to {MAX_DAYS}), or sooner if you withdraw it.",
    )

    class Meta:
        model = ShareLink
        fields = ["article", "shared_with"]

    def clean_article(self):
        article = self.cleaned_data["article"]
        if article.is_public and not WorkingCopy.objects.filter(article=article).exists():
            raise ValidationError("This article is already public: share its public address instead.")
        return article


@admin.register(ShareLink)
class ShareLinkAdmin(DeletesThroughWritePathMixin, admin.ModelAdmin):
    form = ShareLinkForm
    list_display = ["article", "shared_with", "state", "expires_at", "created_by", "created_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title", "shared_with"]
    autocomplete_fields = ["article"]
    actions = ["withdraw"]
    readonly_fields = ["address", "expires_at", "revoked_at", "created_by", "created_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["article", "shared_with", "days"]
        return ["article", "shared_with", "address", "expires_at", "revoked_at", "created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "article"] if obj else []

    # Publishing decisions belong to Publishers, whatever model permissions a user holds.
    def has_module_permission(self, request):
        return can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_add_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user)

    def get_changeform_initial_data(self, request):
        return {"days": 7, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if change:
            changes.save_object(request.user, obj)
            return
        created = changes.create_share_link(request.user, obj.article, form.cleaned_data["days"], obj.shared_with)
        obj.pk, obj.token, obj.expires_at, obj.created_by = created.pk, created.token, created.expires_at, request.user

    def response_add(self, request, obj, post_url_continue=None):
        address = request.build_absolute_uri(share_url(obj))
        self.message_user(request, format_html("Share link created. Send this address: {}", address), messages.SUCCESS)
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description="address")
    def address(self, link):
        url = share_url(link)
        return format_html('<a href="{}">{}</a>', url, url) if link.is_usable else "No longer works"

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return "Withdrawn"
        return "Active" if link.is_usable else "Expired"

    @admin.action(description="Withdraw selected share links", permissions=["change"])
    def withdraw(self, request, queryset):
        count = changes.withdraw_share_links(request.user, queryset)
        self.message_user(request, f"{count} share link{'s' if count != 1 else ''} withdrawn.", messages.SUCCESS)
