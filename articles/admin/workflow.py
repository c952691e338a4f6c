"""The workflow in the article admin: buttons for what the user may do, and their confirmation pages.

The change form has no status menu. Its buttons say what happens — *Save draft*, *Submit
for review*, *Publish now…*, *Schedule…*, *Publish changes…* — and the pages behind
*Unpublish*, *Send back* and the confirmations ask before anything reaches readers. Every
button and page calls ``articles.editorial.changes``, which applies the rules again on the
server, so a crafted POST gets the same answer as the buttons the role is shown.
"""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.admin.compare import content_rows
from articles.editorial import changes, checks, review, workflow
from articles.editorial.content import ArticleContent
from articles.models import Article, ArticleStatus, WorkingCopy, WorkingCopyStatus


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            (ArticleStatus.DRAFT, "Draft"),
            (ArticleStatus.IN_REVIEW, "In review"),
            ("scheduled", "Scheduled"),
            (ArticleStatus.PUBLISHED, "Live"),
            ("changes", "Live, with unpublished changes"),
            (ArticleStatus.UNPUBLISHED, "Unpublished"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == ArticleStatus.PUBLISHED:
            return queryset.published()
        if value == "changes":
            return queryset.filter(working_copy__isnull=False)
        if value in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


class ScheduleForm(forms.Form):
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean(self):
        cleaned = super().clean()
        if "date" in cleaned and "time" in cleaned:
            # The admin works in the site's zone (Europe/London): a naive time is UK time.
            moment = timezone.make_aware(datetime.combine(cleaned["date"], cleaned["time"]))
            if moment <= timezone.now():
                raise forms.ValidationError("Choose a time in the future, or publish now.")
            cleaned["at"] = moment
        return cleaned


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="Your comment",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say what needs to change. The author of the work sees it on their dashboard and by email.",
    )


def buttons_for(user, article):
    """The buttons the change form shows: (value of ``_action``, label, whether it is the main one)."""
    publisher = workflow.can_publish(user)
    if article is None or article.pk is None:
        found = [("save", "Save draft", True), ("submit", "Save and submit for review", False)]
        return found + ([("publish", "Save and publish…", False)] if publisher else [])
    if article.is_binned:
        return []
    if workflow.is_live(article):
        found = [("save", "Save changes (readers keep the live version)", True)]
        found.append(("submit", "Save and submit changes for review", False))
        if publisher:
            found.append(("publish_changes", "Save and publish changes…", False))
        return found
    found = [("save", "Save draft", True)]
    if article.status != ArticleStatus.IN_REVIEW:
        found.append(("submit", "Save and submit for review", False))
    if publisher:
        found += [("publish", "Save and publish now…", False), ("schedule", "Save and schedule…", False)]
    return found


def links_for(user, article):
    """Actions that change nothing in the form: (url name suffix, label)."""
    if article is None or article.pk is None or article.is_binned:
        return []
    found = []
    copy = getattr(article, "working_copy", None)
    if copy is not None:
        found.append(("changes", "Review unpublished changes"))
    if workflow.can_publish(user):
        if workflow.send_back_refusal(user, article) is None:
            found.append(("send_back", "Send back with a comment…"))
        if article.status == ArticleStatus.PUBLISHED:
            found.append(("unpublish", "Unpublish…"))
        if article.is_scheduled:
            found.append(("schedule", "Change the scheduled time…"))
    if article.status == ArticleStatus.IN_REVIEW and workflow.withdraw_refusal(user, article) is None:
        found.append(("withdraw", "Take back to draft"))
    return found


class WorkflowAdminMixin:
    """Bulk actions, the buttons' responses and the confirmation pages of the article admin."""

    actions = ["submit_for_review", "return_to_draft", "publish_now", "unpublish"]

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    # --- Where each button leads after the save -------------------------------------------------

    def _after_save(self, request, obj):
        action = request.POST.get("_action", "save")
        change_url = reverse("admin:articles_article_change", args=[quote(obj.pk)])
        if action in ("publish", "schedule", "publish_changes"):
            suffix = {"publish": "publish", "schedule": "schedule", "publish_changes": "changes"}[action]
            return redirect(reverse(f"admin:articles_article_{suffix}", args=[quote(obj.pk)]))
        return redirect(change_url)

    def response_add(self, request, obj, post_url_continue=None):
        if "_action" not in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return self._after_save(request, obj)

    def response_change(self, request, obj):
        if "_action" not in request.POST:
            return super().response_change(request, obj)
        return self._after_save(request, obj)

    # --- Confirmation pages -------------------------------------------------------------------

    def get_urls(self):
        def view(function, name):
            return path(
                f"<path:object_id>/{name.replace('_', '-')}/",
                self.admin_site.admin_view(function),
                name=f"articles_article_{name}",
            )

        return [
            view(self.publish_view, "publish"),
            view(self.schedule_view, "schedule"),
            view(self.unpublish_view, "unpublish"),
            view(self.send_back_view, "send_back"),
            view(self.changes_view, "changes"),
            view(self.withdraw_view, "withdraw"),
            *super().get_urls(),
        ]

    def _article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        Article.working_copy.related.set_cached_value(article, WorkingCopy.objects.filter(article=article).first())
        return article

    def _page(self, request, article, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "article": article,
            "title": title,
            "change_url": reverse("admin:articles_article_change", args=[quote(article.pk)]),
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def _do(self, request, article, action, success, *args):
        try:
            result = action(request.user, article, *args)
        except changes.ChecksFailed as failed:
            self.message_user(request, checks_message(f"Not {failed.doing}", failed), messages.ERROR)
        except changes.Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            self.message_user(request, success(result) if callable(success) else success, messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[quote(article.pk)]))

    def _checked(self, article, problem, doing):
        """The checks before publishing, for a page whose action the workflow allows."""
        if problem is not None:
            return {"problem": problem}
        found = checks.of_article(article)
        return {
            "problem": None,
            "check_errors": checks.errors_in(found),
            "check_warnings": checks.warnings_in(found),
            "checks_doing": doing,
            "checks_stop_page": True,  # errors replace the confirmation (page.html)
        }

    def publish_view(self, request, object_id):
        article = self._article(request, object_id)
        checked = self._checked(article, workflow.publish_refusal(request.user, article), "published")
        if request.method == "POST" and checked["problem"] is None and not checked["check_errors"]:
            return self._do(request, article, changes.publish, live_message)
        checked["review_in_words"] = review.pending_review_in_words(ArticleContent.current(article), timezone.now())
        return self._page(request, article, "confirm_publish.html", f"Publish “{article}”?", **checked)

    def schedule_view(self, request, object_id):
        article = self._article(request, object_id)
        checked = self._checked(article, workflow.schedule_refusal(request.user, article), "scheduled")
        problem = checked["problem"] or (True if checked["check_errors"] else None)
        initial = {}
        if article.is_scheduled:
            local = timezone.localtime(article.published_at)
            initial = {"date": local.date(), "time": local.time().replace(second=0, microsecond=0)}
        form = ScheduleForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and problem is None and form.is_valid():
            return self._do(
                request,
                article,
                changes.schedule,
                lambda saved: f"Scheduled for {changes.uk_time(saved.published_at)}.",
                form.cleaned_data["at"],
            )
        return self._page(request, article, "schedule.html", f"Schedule “{article}”", form=form, **checked)

    def unpublish_view(self, request, object_id):
        article = self._article(request, object_id)
        problem = workflow.unpublish_refusal(request.user, article)
        if request.method == "POST" and problem is None:
            return self._do(
                request, article, changes.unpublish, "Unpublished. Readers now see a page saying it was withdrawn."
            )
        return self._page(request, article, "confirm_unpublish.html", f"Unpublish “{article}”?", problem=problem)

    def send_back_view(self, request, object_id):
        article = self._article(request, object_id)
        problem = workflow.send_back_refusal(request.user, article)
        form = SendBackForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and problem is None and form.is_valid():
            return self._do(request, article, changes.send_back, sent_back_message, form.cleaned_data["comment"])
        return self._page(request, article, "send_back.html", f"Send “{article}” back", problem=problem, form=form)

    def withdraw_view(self, request, object_id):
        article = self._article(request, object_id)
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_change", args=[quote(article.pk)]))
        return self._do(
            request, article, changes.return_to_draft, "Taken back to draft; it is no longer waiting for review."
        )

    def changes_view(self, request, object_id):
        """Live against working copy, field by field; a Publisher publishes, discards or sends back."""
        article = self._article(request, object_id)
        copy = getattr(article, "working_copy", None)
        if copy is None:
            self.message_user(request, "This article has no unpublished changes.", messages.INFO)
            return redirect(reverse("admin:articles_article_change", args=[quote(article.pk)]))
        if request.method == "POST":
            if request.POST.get("_action") == "discard":
                return self._do(
                    request, article, changes.discard_changes, "Changes discarded; the live article is unchanged."
                )
            return self._do(
                request, article, changes.publish_changes, lambda saved: live_message(saved, published_changes=True)
            )
        live, working = ArticleContent.of_article(article), ArticleContent.from_json(copy.content)
        found = checks.run(working, article)
        return self._page(
            request,
            article,
            "review_changes.html",
            f"Unpublished changes to “{article}”",
            copy=copy,
            in_review=copy.status == WorkingCopyStatus.IN_REVIEW,
            rows=content_rows(live, working),
            may_publish=workflow.publish_changes_refusal(request.user, article) is None,
            check_errors=checks.errors_in(found),
            check_warnings=checks.warnings_in(found),
            checks_doing="published",
            can_send_back=workflow.send_back_refusal(request.user, article) is None,
            review_in_words=review.pending_review_in_words(working, timezone.now()),
        )

    # --- Bulk actions ---------------------------------------------------------------------------

    def _bulk(self, request, queryset, action, done):
        moved = 0
        for article in queryset:
            try:
                action(request.user, article)
                moved += 1
            except changes.Refused as refused:
                self.message_user(request, f"“{article}”: {refused}", messages.ERROR)
        if moved:
            self.message_user(request, f"{moved} article{'s' if moved != 1 else ''} {done}.", messages.SUCCESS)

    def _confirm_bulk(self, request, queryset, action_name, question):
        """Publishing and unpublishing ask first, like Django's own bulk delete."""
        if request.POST.get("confirmed") == "yes":
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/confirm_bulk.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": question,
                "articles": list(queryset),
                "action_name": action_name,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            },
        )

    @admin.action(description="Submit selected articles for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk(request, queryset, changes.submit, "submitted for review")

    @admin.action(description="Take selected articles back to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._bulk(request, queryset, changes.return_to_draft, "back to draft")

    @admin.action(description="Publish selected articles now…", permissions=["publish"])
    def publish_now(self, request, queryset):
        asking = self._confirm_bulk(request, queryset, "publish_now", "Publish these articles now?")
        if asking is not None:
            return asking
        self._bulk(request, queryset, changes.publish, "published; readers can see them now")
        return None

    @admin.action(description="Unpublish (take down) selected articles…", permissions=["publish"])
    def unpublish(self, request, queryset):
        asking = self._confirm_bulk(request, queryset, "unpublish", "Unpublish these articles?")
        if asking is not None:
            return asking
        self._bulk(request, queryset, changes.unpublish, "unpublished; readers see a 'withdrawn' page")
        return None


def live_message(article, published_changes=False):
    if article.is_scheduled:
        return f"Scheduled for {changes.uk_time(article.published_at)}."
    what = "Changes are live now" if published_changes else "Live now"
    return format_html('{} — <a href="{}">view it</a>.', what, article.get_absolute_url())


def checks_message(lead, failed):
    """A refusal by the checks before publishing, as a message with the problems listed."""
    items = format_html_join("", "<li>{}</li>", ((problem.message,) for problem in failed.problems))
    return format_html("{}: fix these first.<ul>{}</ul>", lead, items)


def sent_back_message(result):
    article, to = result
    name = (to.get_full_name() or to.get_username()) if to is not None else "its author"
    return f"Sent back to {name} with your comment."


# For templates: an article's state in words, with unpublished changes noted.
def state_with_changes(article):
    label = workflow.state_label(article)
    if label == "Scheduled":
        label = f"Scheduled for {changes.uk_time(article.published_at)}"
    copy = getattr(article, "working_copy", None)
    if copy is not None:
        label += f" · unpublished changes {copy_state(copy)}"
    return label


def copy_state(copy):
    return "waiting for review" if copy.status == WorkingCopyStatus.IN_REVIEW else "being edited"
