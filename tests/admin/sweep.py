"""The machinery of the admin permission sweep (the rules live in ``test_permission_sweep.py``).

Every URL pattern of the admin site is found by walking Django's URL resolver, so a view
added later is swept without anyone listing it. Each pattern's parameters are filled from
one set of real objects (``build_world``), by parameter name and by the model of the admin
that serves the view; a pattern whose parameters cannot be filled fails with a message
saying what to teach this module. Positional groups (django-reversion's regex routes) are
named from the view's own signature.

What a refused request must leave alone is checked with ``snapshot()``: every row of the
content, account and revision tables (``snapshot``), and what an anonymous reader gets at each
article's public address (``public_pages``).
"""

import inspect
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

import reversion
from axes.models import AccessAttempt
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from articles.editorial import changes, derived
from articles.editorial.content import ArticleContent
from articles.models import (
    Article,
    ArticleStatus,
    AuditAction,
    AuditEntry,
    Author,
    BinnedArticle,
    DonationLink,
    Feedback,
    Reviewer,
    ShareLink,
    SitePage,
    Topic,
)
from tests import editing
from tests.conftest import make_staff
from tests.factories import ArticleFactory, AuthorFactory, DonationLinkFactory, ReviewerFactory, TopicFactory

# Who knocks. "member" is a logged-in account that is not staff (a reader, once readers have
# accounts); "staff" is staff with no group and no permission of its own.
ROLES = ("anonymous", "member", "staff", "editor", "publisher", "superuser")

# What a GET may answer.
OK = "200"
LOGIN = "redirect to login"
DENIED = "403"
REDIRECT = "redirect (not to login)"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
REFUSED = {LOGIN, DENIED, NOT_FOUND, NOT_ALLOWED}

# "with_changes" is a live article whose working copy waits for review (the changes page has something to show).
ARTICLE_STATES = ("draft", "in_review", "published", "scheduled", "unpublished", "with_changes")
MISSING_PAGE = "no-such-page/"
LOCKED_OUT = "locked-out"  # an account django-axes has locked after too many failed sign-ins


@dataclass(frozen=True)
class AdminRoute:
    """One URL pattern of the admin site and what is needed to build an address for it."""

    key: str  # the URL name without the namespace; unnamed patterns: "(unnamed) <route>"
    route: str  # the route below /admin/, as written in the URL conf
    params: tuple  # parameter names, in order
    positional: bool  # reverse with args (regex groups without names) rather than kwargs
    owner: object = field(compare=False, repr=False)  # the ModelAdmin or AdminSite serving it
    callback: object = field(compare=False, repr=False)

    @property
    def model(self):
        return getattr(self.owner, "model", None)

    @property
    def variants(self):
        """The cases swept for this route: article states, app labels, autocomplete sources."""
        if self.model is Article and "object_id" in self.params:
            return ARTICLE_STATES
        if "app_label" in self.params:
            return tuple(sorted({model._meta.app_label for model in admin.site._registry}))
        if self.key == "autocomplete":
            return tuple(f"{model._meta.label_lower}.{name}" for model, name in autocomplete_sources())
        return ("",)


def admin_routes(site=admin.site):
    """Every URL pattern below the admin site's namespace, nested includes walked."""
    found = []

    def walk(patterns, below_admin, route):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inside = below_admin or pattern.namespace == site.name
                walk(pattern.url_patterns, inside, route + str(pattern.pattern) if below_admin else "")
            elif below_admin:
                found.append(_describe(pattern, route + str(pattern.pattern)))

    walk(get_resolver().url_patterns, False, "")
    return found


def _describe(pattern, route):
    owner, view = _owner_and_view(pattern.callback)
    regex = pattern.pattern.regex
    if isinstance(pattern.pattern, RoutePattern):
        params, positional = tuple(pattern.pattern.converters), False
    elif regex.groupindex:
        params, positional = tuple(sorted(regex.groupindex, key=regex.groupindex.get)), False
    else:
        # django-reversion's routes use unnamed groups: name them after the view's arguments.
        names = [name for name in inspect.signature(view).parameters if name != "request"]
        params, positional = tuple(names[: regex.groups]), True
    key = pattern.name or f"(unnamed) {route}"
    return AdminRoute(key, route, params, positional, owner, pattern.callback)


def _owner_and_view(callback):
    """The ModelAdmin (or AdminSite) whose method serves the pattern, and that method."""
    if hasattr(callback, "model_admin"):
        return callback.model_admin, callback
    view = callback
    while True:
        owner = getattr(view, "__self__", None)
        if isinstance(owner, admin.ModelAdmin | admin.AdminSite):
            return owner, view
        if not hasattr(view, "__wrapped__"):
            return None, view
        view = view.__wrapped__


def autocomplete_sources(site=admin.site):
    """(model, field name) of every autocomplete field in the site's admins and their inlines."""
    sources = []
    for model, model_admin in site._registry.items():
        sources += [(model, name) for name in model_admin.autocomplete_fields]
        for inline in model_admin.inlines:
            sources += [(inline.model, name) for name in inline.autocomplete_fields]
    return sorted(set(sources), key=lambda source: (source[0]._meta.label_lower, source[1]))


# --- The world the sweep runs in -------------------------------------------------------------


def _revised(make, note):
    with reversion.create_revision():
        reversion.set_comment(note)
        return make()


def build_world(django_user_model):
    """One object of each kind (an article in every state), each with two saved versions,
    a deleted object of each recoverable kind, an article in the bin, a device of each
    two-factor kind, and a user for each role.

    Content is written through the editorial write path (``articles.editorial.changes``, via
    the factories and ``tests/editing.py``), so revisions, the audit log and the search index
    are what the admin would have made."""
    now = timezone.now()
    w = SimpleNamespace()
    w.users = {
        "member": django_user_model.objects.create_user("member", "member@example.org", "a-long-password-1"),
        "staff": make_staff(django_user_model, "bare-staff"),
        "editor": make_staff(django_user_model, "editor", "Editors"),
        "publisher": make_staff(django_user_model, "publisher", "Publishers"),
        "superuser": django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-1"),
    }
    w.other_user = make_staff(django_user_model, "colleague", "Editors")
    w.group = Group.objects.get(name="Editors")
    w.donation_link = _revised(lambda: DonationLinkFactory(name="Spring appeal"), "Created.")
    w.topic = _revised(lambda: TopicFactory(name="Immunology", donation_link=w.donation_link), "Created.")
    # The author whose admin pages are swept has no articles, so deleting it is not refused for that reason.
    w.author = _revised(lambda: AuthorFactory(name="Sam Okafor"), "Created.")
    w.byline = _revised(lambda: AuthorFactory(name="Ana Lopez"), "Created.")
    w.reviewer = _revised(lambda: ReviewerFactory(name="Dr Priya Shah"), "Created.")
    states = {
        "draft": {"status": ArticleStatus.DRAFT, "published_at": None},
        "in_review": {"status": ArticleStatus.IN_REVIEW, "published_at": None},
        "published": {"status": ArticleStatus.PUBLISHED, "published_at": now - timedelta(days=3)},
        "scheduled": {"status": ArticleStatus.PUBLISHED, "published_at": now + timedelta(days=3)},
        "unpublished": {"status": ArticleStatus.PUBLISHED, "published_at": now - timedelta(days=9)},
        "with_changes": {"status": ArticleStatus.PUBLISHED, "published_at": now - timedelta(days=5)},
    }
    w.articles = {}
    for state, fields in states.items():
        article = _article(f"The {state} article", f"the-{state}-article", w, **fields)
        article = editing.edit(article, standfirst=f"Second standfirst, {state}.")
        if state == "unpublished":
            # Its first versions were live: restoring one of them must be a publisher's act.
            article = editing.unpublish(article)
        if state == "with_changes":
            content = ArticleContent.current(article)
            content.values["title"] = "The with_changes article, changed"
            article = changes.save_article(None, article, content)
            article = changes.submit(None, article)
        w.articles[state] = Article.objects.get(pk=article.pk)
    for obj, name in ((w.donation_link, "name"), (w.topic, "description"), (w.author, "role"), (w.reviewer, "role")):
        editing.save(obj, **{name: f"{getattr(obj, name)} (second version)"})
    w.share_link = ShareLink.objects.create(
        article=w.articles["draft"], shared_with="A reviewer", expires_at=now + timedelta(days=7)
    )
    # Deleted for good: an article emptied from the bin, and an author, a topic and a link deleted.
    w.deleted = {}
    gone = _article("The deleted article", "the-deleted-article", w, status=ArticleStatus.DRAFT, published_at=None)
    changes.move_to_bin(None, gone)
    changes.purge_bin(older_than_days=0)
    w.deleted[Article] = Version.objects.get_deleted(Article).get()
    deletable = {
        Author: lambda: AuthorFactory(name="A deleted author"),
        Topic: lambda: TopicFactory(name="A deleted topic"),
        DonationLink: lambda: DonationLinkFactory(name="A deleted appeal"),
        Reviewer: lambda: ReviewerFactory(name="A deleted reviewer"),
    }
    for model, make in deletable.items():
        changes.delete_object(None, _revised(make, "Created."))
        w.deleted[model] = Version.objects.get_deleted(model).get()
    # In the bin (after the purge above, which empties the bin).
    binned = _article("The binned article", "the-binned-article", w, status=ArticleStatus.DRAFT, published_at=None)
    w.binned = BinnedArticle.objects.get(pk=changes.move_to_bin(None, binned).pk)
    w.audit_entry = AuditEntry.objects.order_by("pk").first()
    w.feedback = Feedback.objects.create(article=w.articles["published"], useful=True, comment="Clear, thank you.")
    w.site_page = SitePage.objects.get(slug="privacy")  # made by migration 0013
    # Two-factor devices belong to an account of their own: a colleague with a device would be
    # asked for a code by the gate middleware on every admin page.
    w.device_user = make_staff(django_user_model, "has-a-phone")
    w.totp_device = TOTPDevice.objects.create(user=w.device_user, name="Phone", confirmed=True)
    w.static_device = StaticDevice.objects.create(user=w.device_user, name="Recovery codes", confirmed=True)
    AccessAttempt.objects.create(
        username=LOCKED_OUT,
        ip_address="203.0.113.9",
        user_agent="",
        http_accept="",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    w.public_slugs = [article.slug for article in w.articles.values()] + ["the-deleted-article", "the-binned-article"]
    derived.refresh([article.pk for article in w.articles.values()])
    return w


def _article(title, slug, w, **fields):
    return ArticleFactory(title=title, slug=slug, authors=[w.byline], topics=[w.topic], **fields)


def object_for(world, model, variant):
    if model is Article:
        return world.articles[variant]
    objects = {
        BinnedArticle: world.binned,
        AuditEntry: world.audit_entry,
        TOTPDevice: world.totp_device,
        StaticDevice: world.static_device,
        Author: world.author,
        Topic: world.topic,
        Reviewer: world.reviewer,
        DonationLink: world.donation_link,
        ShareLink: world.share_link,
        Feedback: world.feedback,
        SitePage: world.site_page,
        Group: world.group,
        apps.get_model("auth", "User"): world.other_user,
    }
    if model not in objects:
        raise LookupError(f"teach tests/admin/sweep.py object_for() which {model._meta.label} to use")
    return objects[model]


def address(route, variant, world):
    """The address to request for one case of a route, from the world's objects."""
    values, query = {}, ""
    model = route.model
    for param in route.params:
        if param == "object_id" and model is None:  # admin:view_on_site
            values[param] = world.articles["published"].pk
        elif param == "object_id":
            values[param] = object_for(world, model, variant).pk
        elif param == "version_id" and route.key.endswith("_recover"):
            values[param] = world.deleted[model].pk
        elif param == "version_id":
            values[param] = Version.objects.get_for_object(object_for(world, model, variant)).last().pk
        elif param == "pk":  # django-otp's device pages
            values[param] = object_for(world, model, variant).pk
        elif param == "id":  # the user admin's password page
            values[param] = world.other_user.pk
        elif param == "content_type_id":
            values[param] = ContentType.objects.get_for_model(Article).pk
        elif param == "app_label":
            values[param] = variant
        elif param == "url":  # the admin's catch-all
            values[param] = MISSING_PAGE
        else:
            raise LookupError(f"teach tests/admin/sweep.py address() to fill {param!r} of admin:{route.key}")
    if route.key.endswith("_compare"):
        older, newer = Version.objects.get_for_object(object_for(world, model, variant)).order_by("pk")[:2]
        query = f"?older={older.pk}&newer={newer.pk}"
    if route.key == "autocomplete":
        label, field_name = variant.rsplit(".", 1)
        app_label, model_name = label.split(".")
        query = f"?app_label={app_label}&model_name={model_name}&field_name={field_name}&term="
    if route.key.startswith("(unnamed) "):
        return _reverse_unnamed(route, values) + query
    if route.positional:
        return reverse(f"admin:{route.key}", args=[values[p] for p in route.params]) + query
    return reverse(f"admin:{route.key}", kwargs=values) + query


def _reverse_unnamed(route, values):
    admin_resolver = get_resolver().namespace_dict[admin.site.name][1]
    return reverse("admin:index") + admin_resolver.reverse(route.callback, **values)


def login_as(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def outcome(response):
    code = response.status_code
    if code in (301, 302):
        login = reverse("admin:login")
        return LOGIN if response.headers["Location"].split("?")[0] == login else REDIRECT
    return {200: OK, 403: DENIED, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(code, f"HTTP {code}")


# --- What must not change ----------------------------------------------------------------------

# Columns that change on every login, whoever logs in.
IGNORED_COLUMNS = {"last_login"}
# Audit entries written on every login (each role is logged in before its request), not by the view.
SIGN_IN_ACTIONS = (AuditAction.LOGIN, AuditAction.LOGIN_FAILED)


def snapshot():
    """Every row of the content, account and revision tables."""
    # With the many-to-many tables: group membership, user permissions, an article's topics.
    models = [
        model
        for app in ("articles", "auth", "reversion", "axes", "otp_totp", "otp_static")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    rows = {}
    for model in models:
        if not model._meta.managed or model._meta.proxy:
            continue  # the search index's virtual tables exist only on one database or the other
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in IGNORED_COLUMNS]
        found = model._default_manager.all()
        if model is AuditEntry:
            found = found.exclude(action__in=SIGN_IN_ACTIONS)
        rows[model._meta.label] = list(found.order_by("pk").values_list(*names))
    return rows


def public_pages(slugs):
    """What an anonymous reader gets at each article's address."""
    reader = Client()
    pages = [reverse("articles:article_detail", args=[slug]) for slug in slugs]
    return [(page, reader.get(page).status_code) for page in pages]


def differences(before, after):
    return sorted(label for label in before.keys() & after.keys() if before[label] != after[label])


# --- Form data as the browser would send it ----------------------------------------------------


def form_data(response):
    """The POST data of the admin form in ``response`` (change, revision or recover page), as shown."""
    data = {}
    context = response.context
    forms_shown = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        forms_shown += [inline.formset.management_form, *inline.formset.forms]
    for form in forms_shown:
        for bound in form:
            data.update(_field_data(bound))
    return data


def _field_data(bound):
    widget = bound.field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, forms.FileInput) or bound.field.disabled:
        return {}
    value = bound.value()
    if isinstance(widget, forms.CheckboxInput):
        return {bound.html_name: "on"} if widget.check_test(value) else {}
    shown = widget.get_context(bound.html_name, value, {})["widget"]
    if shown.get("subwidgets"):
        return {sub["name"]: sub["value"] or "" for sub in shown["subwidgets"]}
    return {bound.html_name: "" if shown["value"] is None else shown["value"]}
