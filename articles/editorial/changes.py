"""The one write path for editorial content.

Every change to articles, authors, topics, donation links and share links — the admin's
change forms and their inlines, its buttons and bulk actions, revision restores, recovery
of deleted items, the bin, management commands — is made by a function of this module.
Each one, inside one transaction:

1. applies the workflow rules for the acting user (``articles.editorial.workflow``) and
   raises ``Refused`` with the reason in words;
2. records the action in the audit log (``articles.editorial.audit``);
3. checks the edit lock: an article's row is read ``SELECT … FOR UPDATE`` and an edit made
   from an older view of it is merged field by field (``articles.editorial.merge``), or
   refused with ``EditConflict`` for the fields two people changed;
4. and, once the transaction has committed, writes the renditions of the images it saved
   (``articles.content.renditions``; before the refresh, so no page names a missing file),
   refreshes what is derived from content — the search index and the cached lists
   (``articles.editorial.derived.refresh``) — exactly once per change, however many rows it
   wrote, then sends its notifications.

An edit of a published or scheduled article is saved as its working copy: readers keep the
published text until a Publisher publishes the changes. ``actor=None`` is the site's own
operators running a management command: no role limits, recorded as "System".
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format

from articles.content import renditions
from articles.editorial import audit, checks, derived, notifications, review, workflow
from articles.editorial.content import BYLINE, DATE_FIELDS, REFERENCES, RELATION_FIELDS, ArticleContent
from articles.editorial.merge import merge
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleStatus,
    AuditAction,
    AuditEntry,
    Author,
    Reference,
    ReviewNote,
    SitePage,
    SlugRedirect,
    WorkingCopy,
    WorkingCopyStatus,
)

Status = ArticleStatus


class Refused(Exception):
    """A workflow rule said no; the message says why, in words for the person who asked."""


class ChecksFailed(Refused):
    """The checks before publishing found errors (``articles.editorial.checks``); ``problems`` lists them."""

    def __init__(self, doing, problems):
        self.doing, self.problems = doing, problems
        listed = " ".join(f"({number}) {problem.message}" for number, problem in enumerate(problems, start=1))
        super().__init__(f"Not {doing}: fix {_count(len(problems), 'problem')} first. {listed}")


def _count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


class EditConflict(Exception):
    """Two people changed the same fields; nothing was saved."""

    def __init__(self, fields, theirs, mine):
        super().__init__(f"Changed by someone else since you opened it: {', '.join(fields)}")
        self.fields, self.theirs, self.mine = fields, theirs, mine


class Change:
    """One editorial change: what it touched, and what to do once it has committed."""

    def __init__(self, actor):
        self.actor = actor
        self.article_ids = set()
        self.page_tags = set()
        self.before = {}
        self.public_may_differ = False
        self.after_commit = []
        self.images = {}  # storage name -> (rendition widths, its size if the row holds it)

    def touched(self, *article_ids, objects=()):
        """What readers see may have changed: these articles and authors, topics or donation links.

        The objects' page tags are taken now: a deleted object has lost its id by commit time.
        With neither, something else changed: every cached page is dropped.
        """
        self.public_may_differ = True
        self.article_ids.update(pk for pk in article_ids if pk is not None)
        for obj in objects:
            self.page_tags |= derived.object_tags(obj)
        if not article_ids and not objects:
            self.page_tags.add(derived.EVERY_PAGE)

    def remember(self, article):
        """Where ``article`` appeared before this change (once, before anything of it is written)."""
        if article.pk not in self.before:
            self.before[article.pk] = derived.footprint_of(article)

    def remember_new(self, article):
        """A new article appeared nowhere before this change."""
        self.before.setdefault(article.pk, None)

    def then(self, callback):
        self.after_commit.append(callback)

    def image_saved(self, name, widths, size=None):
        """An image this change stores or shows: its renditions are made once it has committed."""
        if name:
            self.images[name] = (widths, size)

    def _committed(self):
        for name, (widths, size) in self.images.items():
            renditions.generate_quietly(name, widths, size)
        # A working copy, a share link or a sign-in changes nothing readers see: no refresh.
        if self.public_may_differ:
            derived.refresh(self.article_ids, self.page_tags, self.before)
        for callback in self.after_commit:
            callback()


_current_change = ContextVar("editorial_change", default=None)


@contextmanager
def change(actor):
    """The transaction of one change. Nested calls join the outer change (one refresh in all)."""
    current = _current_change.get()
    if current is not None:
        yield current
        return
    current = Change(actor)
    token = _current_change.set(current)
    try:
        with transaction.atomic(), _revision(actor):
            yield current
            transaction.on_commit(current._committed)
    finally:
        _current_change.reset(token)


@contextmanager
def _revision(actor):
    """One revision per change (joining the admin's when it has opened one), holding what it saved.

    ``manage_manually``: the write path adds each saved object once, when it is complete, instead
    of django-reversion serialising the article again on every save signal and relation change.
    """
    with reversion.create_revision(manage_manually=True, atomic=False):
        if actor is not None:
            reversion.set_user(actor)
        yield


def _keep_version(obj):
    """Share links have no history of their own (the audit log records them)."""
    if reversion.is_registered(type(obj)):
        reversion.add_to_revision(obj)


def _refuse_if(problem):
    if problem:
        raise Refused(problem)


def _refuse_if_checks_fail(article, doing):
    """Errors found by the checks before publishing block the step (warnings do not)."""
    problems = checks.errors_in(checks.of_article(article))
    if problems:
        raise ChecksFailed(doing, problems)


def _locked(article):
    """The article's row, locked for the rest of the change; with its working copy, if any."""
    # of=("self",): PostgreSQL locks no rows on the nullable side of the join.
    locked = Article.objects.select_related("working_copy").select_for_update(of=("self",)).get(pk=article.pk)
    _current_change.get().remember(locked)
    return locked


def _copy_of(article):
    return getattr(article, "working_copy", None)


def _set_copy(article, copy):
    Article.working_copy.related.set_cached_value(article, copy)


def _note(text):
    if text and reversion.is_active():
        reversion.set_comment(text)


def _save_article_row(article, content=None, previous=None):
    if content is not None:
        content.apply_scalars(article)
    article.render_derived_fields(content.source_count() if content is not None else None)
    article.edit_version = uuid.uuid4()
    old_slug = None
    if article.pk and article.has_been_public:
        old_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
    article.save()
    hero_size = (article.hero_width, article.hero_height)
    _current_change.get().image_saved(article.hero_image.name, renditions.WIDE, hero_size)
    if content is not None:
        content.apply_relations(article, previous)
    if old_slug and old_slug != article.slug:
        SlugRedirect.remember(article, old_slug)
    reversion.add_to_revision(article)


def _forget_working_copy(article):
    if _copy_of(article) is not None:
        article.working_copy.delete()
    _set_copy(article, None)


# --- Articles: content ----------------------------------------------------------------------


def save_article(actor, article, mine, *, base=None, note=""):
    """Save an editor's content for ``article`` (new or existing); returns the saved article.

    ``mine`` is an ``ArticleContent``; ``base`` the fingerprints the editor's form was opened
    with (None: no merge). A live article's content goes to its working copy.
    """
    with change(actor) as current:
        _refuse_if(workflow.edit_refusal(actor, article))
        if article.pk is None:
            article.status = Status.DRAFT
            article.published_at = None
            article.created_by = actor
            _save_article_row(article, mine)
            current.touched(article.pk)
            _note(note)
            return article
        read_before = _content_read_for(article)
        article = _locked(article)
        theirs = read_before if read_before and read_before[0] == _versions(article) else None
        theirs = theirs[1] if theirs else ArticleContent.current(article)
        merged = merge(base, theirs, mine)
        if merged.conflicts:
            raise EditConflict(merged.conflicts, theirs, mine)
        if workflow.is_live(article):
            _save_working_copy(actor, article, merged.content)
        else:
            # No working copy, so what editors are working on is the article itself.
            _save_article_row(article, merged.content, theirs)
            current.touched(article.pk)
        _note(note)
        return article


def _versions(article):
    copy = _copy_of(article)
    return (article.edit_version, copy.edit_version if copy is not None else None)


def _content_read_for(article):
    """The content a form read earlier in this request, with the versions it was read at.

    Under the lock, an unchanged pair of versions proves nobody saved since: the reading can
    be reused instead of querying topics, picks and byline again.
    """
    reading = getattr(article, "_current_content", None)
    return (article._versions_read, reading) if reading is not None else None


def _save_working_copy(actor, article, content):
    working_copy = _copy_of(article)
    if ArticleContent.of_article(article).changed_fields(content) == [] and working_copy is None:
        return  # nothing differs from the live article: no copy to review
    if working_copy is None:
        working_copy = WorkingCopy(article=article, based_on_version=article.edit_version, created_by=actor)
    working_copy.content = content.as_json()
    working_copy.updated_by = actor
    working_copy.edit_version = uuid.uuid4()
    working_copy.save()
    _current_change.get().image_saved(content.values.get("hero_image"), renditions.WIDE)  # for previews
    _set_copy(article, working_copy)


def load_article(article, content, *, status, published_at):
    """For management commands and fixtures: write an article in a given state, as the site's operators."""
    with change(None) as current:
        if not article._state.adding:
            article = _locked(article)
            previous = ArticleContent.of_article(article)
        else:
            previous = None
        article.status, article.published_at = status, published_at
        if status == Status.PUBLISHED and published_at and published_at <= timezone.now():
            article.first_published_at = article.first_published_at or published_at
        _save_article_row(article, content, previous)
        current.remember_new(article)  # no effect if it existed (remembered when locked)
        if status == Status.PUBLISHED and published_at and article.pending_review:
            _save_with_review(None, article, published_at)  # the demo's reviewed articles, imports
        current.touched(article.pk)
        return article


def rerender_all(track=None):
    """Render every stored HTML again (after the rendering rules changed); returns how many changed.

    ``track(iterable, total=, description=, unit=)`` may wrap the loops to show progress.
    """
    track = track or (lambda iterable, **kwargs: iterable)
    changed = 0
    with change(None) as current:
        # update(), not save(): the text has not changed, so ``updated_at`` must not move.
        derived_fields = ("body_html", "reading_time", "reading_age")
        articles = Article.objects.only("pk", "body", *derived_fields).annotate(source_total=Count("references"))
        for article in track(articles.iterator(), total=articles.count(), description="Articles", unit="article"):
            before = [getattr(article, name) for name in derived_fields]
            article.render_derived_fields(source_count=article.source_total)
            if [getattr(article, name) for name in derived_fields] != before:
                Article.objects.filter(pk=article.pk).update(
                    **{name: getattr(article, name) for name in derived_fields}
                )
                current.touched(article.pk)
                changed += 1
        # The researcher's page shows the biography; a site page is not an article: drop every page.
        changed += _rerender_stored_html(
            track, Author, "bio", "Authors", "author", lambda author: current.touched(objects=[author])
        )
        changed += _rerender_stored_html(track, SitePage, "body", "Site pages", "page", lambda page: current.touched())
    return changed


def _rerender_stored_html(track, model, text_field, description, unit, touch):
    """Render ``<text_field>_html`` of every ``model`` row again; ``touch(row)`` for each that changed."""
    html_field = f"{text_field}_html"
    rows = model.objects.only("pk", text_field, html_field)
    changed = 0
    for row in track(rows.iterator(), total=rows.count(), description=description, unit=unit):
        before = getattr(row, html_field)
        row.render_derived_fields()
        if getattr(row, html_field) != before:
            model.objects.filter(pk=row.pk).update(**{html_field: getattr(row, html_field)})
            touch(row)
            changed += 1
    return changed


# --- Articles: workflow actions -----------------------------------------------------------------


def submit(actor, article):
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.submit_refusal(actor, article))
        _refuse_if_checks_fail(article, "submitted for review")
        ReviewNote.objects.filter(article=article, answered_at__isnull=True).update(answered_at=timezone.now())
        if workflow.is_live(article):
            copy = article.working_copy
            copy.status, copy.submitted_by = WorkingCopyStatus.IN_REVIEW, actor
            copy.save(update_fields=["status", "submitted_by", "updated_at"])
            audit.record(
                actor, AuditAction.SUBMIT, article, from_state="Changes being edited", to_state="Changes in review"
            )
            current.then(lambda: notifications.submitted(article, actor, on_changes=True))
            return article
        before = workflow.state_label(article)
        article.status = Status.IN_REVIEW
        _save_article_row(article)
        audit.record(actor, AuditAction.SUBMIT, article, from_state=before, to_state="In review")
        current.then(lambda: notifications.submitted(article, actor, on_changes=False))
        return article


def return_to_draft(actor, article):
    """An Editor takes back their own submission to keep working on it (not audited: no decision made)."""
    with change(actor):
        article = _locked(article)
        _refuse_if(workflow.withdraw_refusal(actor, article))
        article.status = Status.DRAFT
        _save_article_row(article)
        return article


def _editor_of(article):
    """Whom to tell about a decision: who last submitted it, else who created it."""
    submitted = AuditEntry.objects.filter(
        action=AuditAction.SUBMIT, object_id=str(article.pk), content_type__model="article", actor_id__isnull=False
    ).first()
    if submitted is not None:
        return get_user_model().objects.filter(pk=submitted.actor_id).first()
    return article.created_by


def publish(actor, article):
    """Publish now; an article with unpublished changes publishes those too."""
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.publish_refusal(actor, article))
        _refuse_if_checks_fail(article, "published")
        before = workflow.state_label(article)
        _fold_in_working_copy(article)
        now = timezone.now()
        review.move_scheduled_review(article, article.published_at if article.is_scheduled else None, now)
        article.status, article.published_at = Status.PUBLISHED, now
        article.first_published_at = article.first_published_at or now
        reviewed = _save_with_review(actor, article, now)
        audit.record(
            actor, AuditAction.PUBLISH, article, from_state=before, to_state="Live", detail=review.in_words(reviewed)
        )
        current.touched(article.pk)
        to = _editor_of(article)
        current.then(lambda: notifications.published(article, actor, to))
        return article


def schedule(actor, article, at):
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.schedule_refusal(actor, article))
        if at is None or at <= timezone.now():
            raise Refused("Choose a date and time in the future, or publish now.")
        _refuse_if_checks_fail(article, "scheduled")
        before = workflow.state_label(article)
        _fold_in_working_copy(article)
        review.move_scheduled_review(article, article.published_at if article.is_scheduled else None, at)
        article.status, article.published_at = Status.PUBLISHED, at
        reviewed = _save_with_review(actor, article, at)
        audit.record(
            actor,
            AuditAction.SCHEDULE,
            article,
            from_state=before,
            to_state=f"Scheduled for {uk_time(at)}",
            detail=review.in_words(reviewed),
        )
        current.touched(article.pk)
        return article


def publish_changes(actor, article):
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.publish_changes_refusal(actor, article))
        _refuse_if_checks_fail(article, "published")
        content = ArticleContent.from_json(article.working_copy.content)
        # Published now, whatever the article's first publication date: so is its review, if marked.
        now = timezone.now()
        _refuse_if(review.pending_review_refusal(content, now))
        reviewed = review.record_pending_review(actor, article, content, now)
        _save_article_row(article, content, ArticleContent.of_article(article))
        submitter = article.working_copy.submitted_by or article.working_copy.created_by
        in_review = article.working_copy.status == WorkingCopyStatus.IN_REVIEW
        before = "Changes in review" if in_review else "Changes being edited"
        _forget_working_copy(article)
        audit.record(
            actor,
            AuditAction.PUBLISH_CHANGES,
            article,
            from_state=before,
            to_state="Live",
            detail=review.in_words(reviewed),
        )
        current.touched(article.pk)
        current.then(lambda: notifications.published(article, actor, submitter))
        return article


def discard_changes(actor, article):
    with change(actor):
        article = _locked(article)
        _refuse_if(workflow.discard_refusal(actor, article))
        _forget_working_copy(article)
        audit.record(actor, AuditAction.DISCARD_CHANGES, article, from_state="Unpublished changes", to_state="Live")
        return article


def unpublish(actor, article):
    """Take down a live or scheduled article; readers get a 'withdrawn' page (410)."""
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.unpublish_refusal(actor, article))
        before = workflow.state_label(article)
        # Not public any more, so the unpublished changes become the article's text: nothing is lost.
        _fold_in_working_copy(article)
        article.status = Status.UNPUBLISHED
        _save_article_row(article)
        audit.record(actor, AuditAction.UNPUBLISH, article, from_state=before, to_state="Unpublished")
        current.touched(article.pk)
        return article


def send_back(actor, article, comment):
    comment = (comment or "").strip()
    if not comment:
        raise Refused("Write a comment saying what needs to change.")
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.send_back_refusal(actor, article))
        on_changes = _copy_of(article) is not None and article.working_copy.status == WorkingCopyStatus.IN_REVIEW
        if on_changes:
            copy = article.working_copy
            to = copy.submitted_by or copy.updated_by
            copy.status = WorkingCopyStatus.EDITING
            copy.save(update_fields=["status", "updated_at"])
            before, after = "Changes in review", "Changes being edited"
        else:
            to = _editor_of(article)
            article.status = Status.DRAFT
            _save_article_row(article)
            before, after = "In review", "Draft"
        ReviewNote.objects.create(article=article, on_changes=on_changes, comment=comment, written_by=actor, sent_to=to)
        audit.record(actor, AuditAction.SEND_BACK, article, from_state=before, to_state=after, detail=comment)
        current.then(lambda: notifications.sent_back(article, actor, to, comment))
        return article, to


def _save_with_review(actor, article, at):
    """Save an article being published at ``at``, recording the review its content is marked as (returned)."""
    if not article.pending_review:
        _save_article_row(article)
        return None
    live = ArticleContent.of_article(article)
    content = ArticleContent(dict(live.values))
    _refuse_if(review.pending_review_refusal(content, at))
    record = review.record_pending_review(actor, article, content, at)
    _save_article_row(article, content, live)
    return record


def _fold_in_working_copy(article):
    if _copy_of(article) is None:
        return
    content = ArticleContent.from_json(article.working_copy.content)
    previous = ArticleContent.of_article(article)
    content.apply_scalars(article)  # the caller saves the row
    content.apply_relations(article, previous)
    _forget_working_copy(article)


# --- Articles: the bin, restores and recovery ------------------------------------------------------


def move_to_bin(actor, article):
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.bin_refusal(actor, article))
        before = workflow.state_label(article)
        article.deleted_at, article.deleted_by = timezone.now(), actor
        _save_article_row(article)
        audit.record(actor, AuditAction.DELETE, article, from_state=before, to_state="In the bin")
        current.touched(article.pk)
        return article


def restore_from_bin(actor, article):
    with change(actor) as current:
        article = _locked(article)
        _refuse_if(workflow.restore_from_bin_refusal(actor, article))
        article.deleted_at, article.deleted_by = None, None
        article.status, article.published_at = Status.DRAFT, None
        _save_article_row(article)
        audit.record(actor, AuditAction.RESTORE, article, from_state="In the bin", to_state="Draft")
        current.touched(article.pk)
        return article


def purge_bin(older_than_days=None):
    """Delete for good what has been in the bin longer than the retention period; returns how many."""
    days = settings.BIN_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - timezone.timedelta(days=days)
    purged = 0
    for article in Article.objects.binned().filter(deleted_at__lte=cutoff):
        with change(None) as current:
            # A last revision, so "Recover deleted" can still bring it back as a draft.
            reversion.add_to_revision(article)
            reversion.set_comment("Emptied from the bin.")
            audit.record(None, AuditAction.PURGE, article, from_state="In the bin", to_state="Deleted")
            current.touched(article.pk)
            article.delete()
        purged += 1
    return purged


def article_content_of_version(version):
    """The content an article had in a revision: its fields, and the byline saved beside it."""
    fields = version.field_dict
    values = {}
    for name in ArticleContent.empty().values:
        if name in (BYLINE, REFERENCES):
            continue
        attname = Article._meta.get_field(name).attname
        value = fields.get(attname, fields.get(name))
        if hasattr(value, "name"):
            value = value.name
        if name in RELATION_FIELDS:
            value = sorted(value or [])
        elif name in DATE_FIELDS and value is not None and not isinstance(value, str):
            value = value.isoformat()
        values[name] = value
    links = [
        v.field_dict
        for v in version.revision.version_set.all()
        if v._model is ArticleAuthor and str(v.field_dict["article_id"]) == str(version.object_id)
    ]
    links.sort(key=lambda link: (link["position"], link["id"]))
    values[BYLINE] = [link["author_id"] for link in links]
    sources = [
        v._object_version.object
        for v in version.revision.version_set.all()
        if v._model is Reference and str(v.field_dict["article_id"]) == str(version.object_id)
    ]
    sources.sort(key=lambda source: (source.number, source.pk))
    values[REFERENCES] = [source.as_content() for source in sources]
    return ArticleContent(values)


def revert_article(actor, article, version, *, base=None):
    """Restore an earlier version's content; runs the same rules as a save (live: a working copy)."""
    _check_version_is_of(version, article)
    with change(actor):
        content = article_content_of_version(version)
        saved = save_article(
            actor,
            article,
            content,
            base=base,
            note=f"Restored the version of {uk_time(version.revision.date_created)}.",
        )
        audit.record(actor, AuditAction.REVERT, saved, detail=f"Version of {uk_time(version.revision.date_created)}")
        return saved


def recover_article(actor, version):
    """Bring back one deleted article, alone and always as a draft."""
    if version.content_type.model_class() is not Article:
        raise Refused("This is not a saved version of an article.")
    if Article.objects.filter(pk=version.object_id).exists():
        raise Refused("This article still exists; find it in the list or in the bin.")
    with change(actor) as current:
        _refuse_if(None if actor is None or actor.has_perm("articles.add_article") else workflow.NO_CHANGE_PERMISSION)
        content = article_content_of_version(version)
        fields = version.field_dict
        article = Article(pk=int(version.object_id), created_by=actor)
        if Article.objects.filter(slug=content.values["slug"]).exists():
            content.values["slug"] = f"{content.values['slug']}-recovered-{version.object_id}"[:200]
        article.status, article.published_at = Status.DRAFT, None
        article.first_published_at = fields.get("first_published_at")
        # A byline author deleted since then is left out (one query for them all).
        remaining = set(Author.objects.filter(pk__in=content.values[BYLINE]).values_list("pk", flat=True))
        content.values[BYLINE] = [pk for pk in content.values[BYLINE] if pk in remaining]
        _save_article_row(article, content)
        audit.record(actor, AuditAction.RECOVER, article, from_state="Deleted", to_state="Draft")
        current.touched(article.pk)
        return article


def _check_version_is_of(version, obj):
    """A version id from a URL belongs to exactly this object, of exactly this model."""
    if version.content_type.model_class() is not obj._meta.concrete_model or str(version.object_id) != str(obj.pk):
        raise Refused("That saved version does not belong to this item.")


# --- Authors, topics, donation links ---------------------------------------------------------------


def _may(actor, action, model):
    if actor is None:
        return
    if model is SitePage and not workflow.can_publish(actor):
        # A site page has no draft: what is saved is what readers see, so a Publisher saves it.
        raise Refused("Only Publishers can change the site's pages, because a saved page is live at once.")
    codename = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
    if not actor.has_perm(codename):
        raise Refused(f"You do not have permission to {action} {model._meta.verbose_name_plural}.")


def _articles_showing(obj):
    """Articles whose pages or search text show ``obj`` (an author, topic or donation link)."""
    model = obj._meta.model_name
    if model == "author":
        return list(obj.article_links.values_list("article_id", flat=True))
    if model == "topic":
        return list(obj.articles.values_list("pk", flat=True))
    if model == "reviewer":
        return list(obj.reviews.values_list("article_id", flat=True))
    return []


def save_object(actor, obj, save_relations=None, *, note=""):
    """Save an author, topic, donation link or site page (``save_relations``: e.g. a form's ``save_m2m``)."""
    with change(actor) as current:
        _may(actor, "change" if obj.pk else "add", type(obj))
        if hasattr(obj, "render_derived_fields"):
            obj.render_derived_fields()
        obj.save()
        if save_relations is not None:
            save_relations()
        _keep_version(obj)
        if isinstance(obj, SitePage):
            audit.record(actor, AuditAction.PUBLISH, obj, detail="Site page saved (live at once).")
        _photo_saved(current, obj)
        current.touched(*_articles_showing(obj), objects=[obj])
        _note(note)
        return obj


def _photo_saved(current, obj):
    if isinstance(obj, Author) and obj.photo:
        current.image_saved(obj.photo.name, renditions.PHOTO, (obj.photo_width, obj.photo_height))


def delete_object(actor, obj):
    with change(actor) as current:
        _may(actor, "delete", type(obj))
        current.touched(*_articles_showing(obj), objects=[obj])
        _keep_version(obj)
        reversion.set_comment("Deleted.")
        audit.record(actor, AuditAction.DELETE, obj, to_state="Deleted")
        obj.delete()


def revert_object(actor, obj, version):
    _check_version_is_of(version, obj)
    with change(actor) as current:
        _may(actor, "change", type(obj))
        restored = version._object_version.object
        for field in obj._meta.concrete_fields:
            if field.attname in version.field_dict and not field.primary_key:
                setattr(obj, field.attname, getattr(restored, field.attname))
        if hasattr(obj, "render_derived_fields"):
            obj.render_derived_fields()
        obj.full_clean(validate_unique=True, validate_constraints=False)
        obj.save()
        _photo_saved(current, obj)
        for name, values in version._object_version.m2m_data.items():
            getattr(obj, name).set(values)
        reversion.add_to_revision(obj)
        current.touched(*_articles_showing(obj), objects=[obj])
        audit.record(actor, AuditAction.REVERT, obj, detail=f"Version of {uk_time(version.revision.date_created)}")
        return obj


def recover_object(actor, model, version):
    """Bring back exactly one deleted author, topic or donation link (never what was deleted beside it)."""
    if version.content_type.model_class() is not model:
        raise Refused("That saved version is not of this kind of item.")
    if model._default_manager.filter(pk=version.object_id).exists():
        raise Refused("This item still exists.")
    if model is Article:
        return recover_article(actor, version)
    with change(actor) as current:
        _may(actor, "add", model)
        obj = version._object_version.object
        if getattr(obj, "is_default", False):
            obj.is_default = False  # another link is the default now; tick it again to hand over
        if hasattr(obj, "render_derived_fields"):
            obj.render_derived_fields()
        obj.save(force_insert=True)
        _photo_saved(current, obj)
        for name, values in version._object_version.m2m_data.items():
            getattr(obj, name).set(values)
        reversion.add_to_revision(obj)
        audit.record(actor, AuditAction.RECOVER, obj, from_state="Deleted", to_state="Restored")
        current.touched(*_articles_showing(obj), objects=[obj])
        return obj


# --- Share links and staff roles -------------------------------------------------------------------


def create_share_link(actor, article, days, shared_with=""):
    from articles.editorial.sharing import create_share_link as new_share_link

    with change(actor):
        if not workflow.can_publish(actor):
            raise Refused("Only Publishers can create share links.")
        link = new_share_link(article, actor, days, shared_with)
        audit.record(
            actor, AuditAction.SHARE_CREATED, article, detail=f"For {shared_with or 'no one named'}, {days} days"
        )
        return link


def withdraw_share_links(actor, links):
    with change(actor):
        if not workflow.can_publish(actor):
            raise Refused("Only Publishers can withdraw share links.")
        withdrawn = 0
        for link in links.filter(revoked_at__isnull=True).select_related("article"):
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            audit.record(
                actor, AuditAction.SHARE_WITHDRAWN, link.article, detail=f"For {link.shared_with or 'no one named'}"
            )
            withdrawn += 1
        return withdrawn


def record_role_change(actor, user, before, after):
    if before != after:
        with change(actor):
            audit.record(actor, AuditAction.ROLE_CHANGED, user, from_state=before, to_state=after)


def uk_time(moment):
    """ "Thu 24 Dec, 09:00 (UK time)": how the site tells editors a time."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'D j M Y, H:i')} (UK time)"
