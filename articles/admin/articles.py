"""The article admin: every save, delete and button goes through ``articles.editorial.changes``.

A live article opens with its working copy's text, if it has one, and saving it writes the
working copy (readers keep the live version). Deleting moves an article to the bin.
"""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from articles.admin.base import EditorAdmin, ReencodedImagesForm
from articles.admin.compare import content_rows
from articles.admin.editor_stats import TEXT_FIELDS, editor_stats, stats_for_article
from articles.admin.locking import BylineFormSet, EditLockFormMixin, byline_of
from articles.admin.markdown_editor import EditorMarkdownWidget
from articles.admin.reviews import REVIEW_FIELDSET, ReviewFormMixin, ReviewsAdminMixin
from articles.admin.revisions import HistoryAdmin
from articles.admin.sources import ReferenceFormSet, ReferenceInline, sources_initial, sources_of
from articles.admin.workflow import (
    StateFilter,
    WorkflowAdminMixin,
    buttons_for,
    checks_message,
    copy_state,
    links_for,
    state_with_changes,
)
from articles.content.readability import LONG_PARAGRAPH_WORDS, LONG_SENTENCE_WORDS
from articles.editorial import changes, workflow
from articles.editorial.content import IMAGE_FIELDS, REFERENCES, ArticleContent
from articles.editorial.merge import dump_base, parse_base
from articles.models import Article, ArticleAuthor, Reference


class ArticleAdminForm(ReviewFormMixin, EditLockFormMixin, ReencodedImagesForm):
    image_fields = IMAGE_FIELDS

    revision_comment = forms.CharField(
        label="Note for the history",
        required=False,
        max_length=200,
        help_text="Optional: what you changed and why. Colleagues see it on the History page.",
    )

    class Meta:
        model = Article
        exclude = ["status", "published_at"]
        widgets = {
            "standfirst": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "body": EditorMarkdownWidget(citations=True),
        }

    @cached_property
    def changed_data(self):
        # The note and the edit lock's fingerprints are not content: the history says what changed.
        return [name for name in super().changed_data if name not in ("revision_comment", "edit_base")]


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "Authors (in byline order: lowest position first)"

    def get_extra(self, request, obj=None, **kwargs):
        copy = _working_copy_of(obj)
        return max(len(copy.content["authors"]) - self.min_num, 0) if copy else 0


def _working_copy_of(article):
    return getattr(article, "_shown_working_copy", None)


@admin.register(Article)
class ArticleAdmin(ReviewsAdminMixin, WorkflowAdminMixin, HistoryAdmin, EditorAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, ReferenceInline]

    class Media:
        js = ["js/editor-checks.js"]

    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["title", "state", "published_at", "byline", "reading_age_in_years", "featured", "updated_at"]
    list_filter = [StateFilter, "featured", "topics", ("article_authors__author", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["donation_link", "working_copy"]
    search_fields = ["title", "standfirst", "article_authors__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "related_articles", "donation_link", "pending_reviewers"]
    readonly_fields = ["state_in_words", "reading_time", "reading_age", "created_at", "updated_at", "review_record"]
    fieldsets = [
        ("State", {"fields": ["state_in_words"]}),
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        ("Main image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]}),
        ("Around the article", {"fields": ["featured", "topics", "related_articles", "donation_link"]}),
        (
            "Search engines and social media",
            {"fields": ["seo_title", "seo_description", "social_image", "social_image_alt"], "classes": ["collapse"]},
        ),
        REVIEW_FIELDSET,
        ("Record", {"fields": ["reading_time", "reading_age", "created_at", "updated_at"], "classes": ["collapse"]}),
        ("Saving", {"fields": ["revision_comment", "edit_base"]}),
    ]

    def get_queryset(self, request):
        articles = super().get_queryset(request).not_binned().select_related("working_copy")
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "articles_article_changelist":
            return articles.for_listing()  # the list shows each byline
        return articles

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [fieldset for fieldset in self.fieldsets if fieldset[0] != "State"]
        return self.fieldsets

    # --- Opening a live article shows its working copy -------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._show_working_copy = True
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except changes.EditConflict as conflict:
            self.message_user(
                request,
                f"A colleague saved the same fields ({', '.join(conflict.fields)}) a moment before you. Nothing of "
                "yours was saved; your browser kept your text: open the article again and restore it.",
                messages.ERROR,
            )
        except changes.Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        return redirect(reverse("admin:articles_article_change", args=[quote(unquote(object_id))]))

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except changes.Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(reverse("admin:articles_article_changelist"))

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is None or not getattr(request, "_show_working_copy", False):
            return article
        copy = getattr(article, "working_copy", None)
        if copy is None:
            return article
        shown = ArticleContent.from_json(copy.content).preview_of(article)
        shown._shown_working_copy = copy
        return shown

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        copy = _working_copy_of(obj)
        if copy is not None and isinstance(inline, ArticleAuthorInline):
            # The byline of the working copy, not the live rows.
            kwargs["queryset"] = ArticleAuthor.objects.none()
            kwargs["initial"] = [
                {"author": author_id, "position": position}
                for position, author_id in enumerate(copy.content["authors"])
            ]
        if isinstance(inline, ReferenceInline):
            kwargs["queryset"] = Reference.objects.none()
            kwargs["initial"] = sources_initial(obj)
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                "workflow_buttons": buttons_for(request.user, obj),
                "workflow_links": [
                    (reverse(f"admin:articles_article_{name}", args=[quote(obj.pk)]), label, name)
                    for name, label in links_for(request.user, obj)
                ],
                "working_copy": _working_copy_of(obj),
                "preview_url": reverse("admin:articles_article_preview", args=[quote(obj.pk)]) if obj else None,
                "editor_stats_url": reverse("admin:articles_article_editor_stats"),
                "editor_stats": stats_for_article(obj),
                "editor_stats_fields": " ".join(TEXT_FIELDS),
                "reading_age_target": settings.READING_AGE_TARGET,
                "long_sentence_words": LONG_SENTENCE_WORDS,
                "long_paragraph_words": LONG_PARAGRAPH_WORDS,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Saving through the write path -----------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Nothing here: the article is saved with its byline in ``save_related``, in one change."""

    def save_related(self, request, form, formsets, change):
        article = form.instance
        for name in IMAGE_FIELDS:  # store a new upload now, so the content can name it
            Article._meta.get_field(name).pre_save(article, add=not change)
        byline_formset = next(formset for formset in formsets if isinstance(formset, BylineFormSet))
        # The byline is saved as part of the content, not by the formset; the admin's change
        # message still asks the formset what it saved.
        sources_formset = next(formset for formset in formsets if isinstance(formset, ReferenceFormSet))
        for formset in (byline_formset, sources_formset):
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        sources = sources_of(sources_formset)
        if sources is None:  # a form without the Sources rows keeps the article's sources
            sources = form.current_content().values[REFERENCES] if change else []
        content = ArticleContent.from_instance(
            article,
            form.cleaned_data.get("topics", []),
            form.cleaned_data.get("related_articles", []),
            byline_of(byline_formset),
            reviewers=form.cleaned_data.get("pending_reviewers", []),
            references=sources,
        )
        action = request.POST.get("_action", "save")
        with changes.change(request.user):
            saved = changes.save_article(
                request.user,
                article,
                content,
                base=form.base if change else None,
                note=form.cleaned_data.get("revision_comment", ""),
            )
            if action == "submit":
                try:
                    changes.submit(request.user, saved)
                except changes.ChecksFailed as failed:
                    # Refused before it wrote anything: the save stands, so no work is lost.
                    action = "save"
                    self.message_user(
                        request, checks_message("Saved, but not submitted for review", failed), messages.ERROR
                    )
        article.pk = saved.pk
        request.revision_note = form.cleaned_data.get("revision_comment", "")
        self.message_user(request, saved_message(saved, action), messages.SUCCESS)

    def log_addition(self, request, obj, message):
        return _with_note(request, super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return _with_note(request, super().log_change(request, obj, message))

    # --- Deleting moves to the bin ---------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return workflow.bin_refusal(request.user, obj) is None

    def delete_view(self, request, object_id, extra_context=None):
        article = super().get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not super().has_delete_permission(request):
            raise PermissionDenied
        problem = workflow.bin_refusal(request.user, article)
        if request.method == "POST" and problem is None:
            changes.move_to_bin(request.user, article)
            self.message_user(
                request,
                f"“{article}” is in the bin. It can be restored as a draft from the bin for {bin_days()} days.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:articles_article_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Delete “{article}”?",
            "article": article,
            "problem": problem,
            "retention_days": bin_days(),
            "change_url": reverse("admin:articles_article_change", args=[quote(article.pk)]),
        }
        return TemplateResponse(request, "admin/articles/article/delete_confirmation.html", context)

    @admin.action(description="Move selected articles to the bin…", permissions=["delete"])
    def move_to_bin(self, request, queryset):
        asking = self._confirm_bulk(request, queryset, "move_to_bin", "Move these articles to the bin?")
        if asking is not None:
            return asking
        self._bulk(request, queryset, changes.move_to_bin, "moved to the bin")
        return None

    actions = [*WorkflowAdminMixin.actions, "move_to_bin"]

    # --- Staff preview of what editors are working on --------------------------------------------

    def get_urls(self):
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="articles_article_preview",
        )
        stats = path(
            "editor-stats/",
            self.admin_site.admin_view(lambda request: editor_stats(self, request)),
            name="articles_article_editor_stats",
        )
        return [stats, preview, *super().get_urls()]

    def preview_view(self, request, object_id):
        from articles.public.previews import render_staff_preview

        article = self._article(request, object_id)
        return render_staff_preview(request, article)

    # --- Restoring and recovering -----------------------------------------------------------------

    def restore_context(self, obj, version):
        current = ArticleContent.current(obj)
        return {
            "rows": content_rows(current, changes.article_content_of_version(version)),
            "edit_base": dump_base(current),
        }

    def restore_version(self, request, obj, version):
        base = parse_base(request.POST.get("edit_base"))
        if not base:
            # Without the page's fingerprints a colleague's later save would be overwritten unseen.
            raise changes.Refused("This page was out of date; nothing was restored. Look at it again before restoring.")
        saved = changes.revert_article(request.user, obj, version, base=base)
        if workflow.is_live(saved):
            return (
                "The earlier version is now this article's unpublished changes. Readers see the live version "
                "until a Publisher publishes them."
            )
        return f"Restored the version of {changes.uk_time(version.revision.date_created)}."

    def recovered_message(self, obj):
        return f"“{obj}” is back, as a draft."

    # --- The list ---------------------------------------------------------------------------------

    @admin.display(description="authors")
    def byline(self, article):
        return ", ".join(author.display_name for author in article.ordered_authors)

    @admin.display(description="reading age", ordering="reading_age")
    def reading_age_in_years(self, article):
        """Stored with the HTML on every save (``Article.render_derived_fields``): no work for the list."""
        if article.reading_age is None:
            return "too short to judge"
        if article.reading_age > settings.READING_AGE_TARGET:
            return format_html(
                '<span class="reading-age--over">{} (over {})</span>', article.reading_age, settings.READING_AGE_TARGET
            )
        return str(article.reading_age)

    @admin.display(description="state", ordering="status")
    def state(self, article):
        label = workflow.state_label(article)
        css = {"Scheduled": "scheduled", "Live": "published"}.get(label, article.status)
        badge = format_html('<span class="article-state article-state--{}">{}</span>', css, label)
        copy = getattr(article, "working_copy", None)
        if copy is not None:
            return format_html(
                '{} <span class="article-state article-state--changes">Changes {}</span>', badge, copy_state(copy)
            )
        return badge

    @admin.display(description="state")
    def state_in_words(self, article):
        return state_with_changes(article)


def _with_note(request, entry):
    """django-reversion sets the revision's comment to the change message; the editor's note goes first."""
    note = getattr(request, "revision_note", "")
    if note and reversion.is_active():
        reversion.set_comment(f"{note} — {entry.get_change_message()}")
    return entry


def bin_days():
    return settings.BIN_RETENTION_DAYS


def saved_message(article, action):
    if action == "submit":
        return "Saved and submitted for review. Publishers have been told."
    if workflow.is_live(article):
        if getattr(article, "working_copy", None) is not None:
            return "Changes saved. Readers still see the live version until a Publisher publishes the changes."
        return "Nothing differs from the live version, so nothing was saved."
    if action in ("publish", "schedule"):
        return "Saved as a draft. Confirm below to continue."
    return "Saved as a draft. Readers cannot see it."
