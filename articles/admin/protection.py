"""Deletes that would break a public page are refused with the reason, not a bare 403.

The site default donation link is shown on every article without a link of its own;
deleting it would leave those pages without a donation call, so the editor is told to
make another link the default first. (Authors with articles are protected by the
database: ArticleAuthor.author is on_delete=PROTECT, and the admin explains that.)
"""

from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import quote, unquote
from django.shortcuts import redirect
from django.urls import reverse

DEFAULT_LINK_REFUSAL = (
    "“{}” is the site default donation link, shown on every article without a link of its own, "
    "so it cannot be deleted. Tick “site default” on another link first, then delete this one."
)


def delete_selected_except_default(modeladmin, request, queryset):
    default = queryset.filter(is_default=True).first()
    if default is not None:
        modeladmin.message_user(request, DEFAULT_LINK_REFUSAL.format(default), messages.ERROR)
        return None
    return delete_selected(modeladmin, request, queryset)


class DefaultLinkProtectionMixin:
    def delete_view(self, request, object_id, extra_context=None):
        link = self.get_object(request, unquote(object_id))
        if link is not None and link.is_default and self.has_delete_permission(request, link):
            self.message_user(request, DEFAULT_LINK_REFUSAL.format(link), messages.ERROR)
            return redirect(reverse("admin:articles_donationlink_change", args=[quote(link.pk)]))
        if link is not None and request.method == "GET":
            using = link.articles.count()
            if using:
                self.message_user(
                    request,
                    f"{using} article{'s use' if using != 1 else ' uses'} this link. After deleting it, "
                    "they will show the site default donation link instead.",
                    messages.WARNING,
                )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected_except_default, name, description)
        return actions
