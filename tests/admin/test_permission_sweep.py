"""Every door of the admin, tried by every role: the rules table below is the admin's access policy.

The URLs are not listed by hand: ``sweep.admin_routes()`` walks Django's URL resolver, so a
view added later (a bin, an audit log, a review page) is swept as soon as it exists, and this
module fails until RULES says who may open it and whether it writes. Each GET is made as an
anonymous visitor, a logged-in non-staff account, staff without permissions, an Editor, a
Publisher and a superuser. Every view that writes is then POSTed to by each role it refuses,
and nothing in the database nor on the public site may change; the same POST by a superuser
must change something, so a payload that no longer works cannot pass in silence.

The side doors found by an attacker (another model's revision or recovery page restoring an
article, one recovery bringing back every article deleted with it, an Editor deleting a live
article, a restore silently replacing a colleague's later save, an Editor publishing from the
bin) are at the end. The editorial core's single write path closed the first ones; a door found
open again fails here, it is never marked as expected to fail.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from articles.editorial import changes
from articles.models import (
    Article,
    ArticleStatus,
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
from tests.admin import sweep
from tests.admin.sweep import DENIED, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, REFUSED, ROLES
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Rule:
    """What a GET answers each role (or, per case, a dict of those), and how the view writes.

    ``post`` names the kind of POST that changes data through the view (see ``post_data``),
    or is None for a view that only reads; a tuple names several kinds (a page with two buttons).
    ``post_on`` limits the POST cases to the variants where the action is possible, so the
    superuser's POST proves the payload works. ``post_refused`` names the roles refused on POST
    beyond those refused on GET (an Editor may open a publishing page but not publish); when it
    holds "superuser", nobody may write through the view and there is no payload to prove.
    """

    expect: dict
    post: str | tuple | None
    post_on: tuple | None = None
    post_refused: tuple = ()


def roles(anonymous, member, staff, editor, publisher, superuser):
    return dict(zip(ROLES, (anonymous, member, staff, editor, publisher, superuser), strict=True))


# Content: Editors and Publishers (and superusers); staff without the model permission get 403.
CONTENT = roles(LOGIN, LOGIN, DENIED, OK, OK, OK)
# Share links: publishing decisions belong to Publishers (articles/admin/sharing.py).
PUBLISHERS = roles(LOGIN, LOGIN, DENIED, DENIED, OK, OK)
# Accounts and groups: superusers only; the Editors and Publishers groups hold no auth permission.
ACCOUNTS = roles(LOGIN, LOGIN, DENIED, DENIED, DENIED, OK)
# Pages of the admin site itself: any active staff member.
ANY_STAFF = roles(LOGIN, LOGIN, OK, OK, OK, OK)
# "<model>/<id>/" and "r/<ct>/<id>/" only redirect (to the change page, or to the object's public
# address); the page they lead to does its own check.
STAFF_REDIRECT = roles(LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT)


# Read-only or closed to everyone: staff get 403 whatever their role (the audit log cannot be
# added to, changed or deleted from; nothing is added to or deleted from the bin through the admin).
NOBODY = roles(LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED)
# Pages about one's own account, open to any signed-in staff member before any permission.
OWN_ACCOUNT = ANY_STAFF
EVERYONE = ROLES


def content(post=None):
    return Rule(CONTENT, post)


def per_article(answers, **variants):
    """The same answers for every article variant but those named."""
    return {state: variants.get(state, answers) for state in sweep.ARTICLE_STATES}


# The workflow pages redirect to the change form when there is nothing to show.
CONTENT_REDIRECT = roles(LOGIN, LOGIN, DENIED, REDIRECT, REDIRECT, REDIRECT)
NOT_LIVE = ("draft", "in_review", "scheduled", "unpublished")


def publishers(post=None):
    return Rule(PUBLISHERS, post)


def accounts(post=None):
    return Rule(ACCOUNTS, post)


RULES = {
    # The admin site's own pages.
    "index": Rule(ANY_STAFF, None),
    # Staff who are already logged in are sent on to the index.
    "login": Rule(roles(OK, OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT), None),
    # Logging out is a POST (Django 5); a GET by someone not logged in as staff goes to the index.
    "logout": Rule(roles(REDIRECT, REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED), None),
    "password_change": Rule(ANY_STAFF, "own_password"),
    "password_change_done": Rule(ANY_STAFF, None),
    # Answers with the remote model's view permission; every autocomplete here looks up content.
    "autocomplete": Rule(CONTENT, None),
    "jsi18n": Rule(ANY_STAFF, None),
    # The guarded shortcut (articles/admin/shortcut.py): only for an object the user may view.
    "view_on_site": Rule(roles(LOGIN, LOGIN, NOT_FOUND, REDIRECT, REDIRECT, REDIRECT), None),
    # An app's index is 404 to whoever may see none of its models (Django's choice, not 403).
    "app_list": Rule(
        {
            "articles": roles(LOGIN, LOGIN, NOT_FOUND, OK, OK, OK),
            "auth": roles(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
            "otp_static": roles(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
            "otp_totp": roles(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
        },
        None,
    ),
    # Anything else below /admin/: staff get 404, the others the login page (nothing is revealed).
    "(unnamed) (?P<url>.*)$": Rule(roles(LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND), None),
    # Groups and users.
    "auth_group_changelist": accounts("actions"),
    "auth_group_add": accounts("add"),
    "auth_group_history": accounts(),
    "auth_group_delete": accounts("delete"),
    "auth_group_change": accounts("change"),
    "(unnamed) auth/group/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    "auth_user_password_change": accounts("password"),
    "auth_user_changelist": accounts("actions"),
    "auth_user_add": accounts("add"),
    "auth_user_history": accounts(),
    "auth_user_delete": accounts("delete"),
    "auth_user_change": accounts("change"),
    "(unnamed) auth/user/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Articles.
    "articles_article_compare": content(),
    "articles_article_recoverlist": content(),
    "articles_article_recover": content("recover"),
    "articles_article_revision": content("revision"),
    "articles_article_changelist": content("actions"),
    "articles_article_add": content("add"),
    "articles_article_history": content(),
    # Deleting moves to the bin, which nobody may do to a live or scheduled article.
    "articles_article_delete": Rule(CONTENT, "delete", post_on=("draft", "in_review", "unpublished")),
    "articles_article_change": content("change"),
    "(unnamed) articles/article/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # The article's workflow pages (articles/admin/workflow.py): whoever may see articles opens them
    # (an Editor sees why the action is refused); only Publishers act, so Editors are refused on POST.
    "articles_article_preview": content(),
    # The editor's live figures and checks (articles/admin/editor_stats.py): POST only, and it writes nothing.
    "articles_article_editor_stats": Rule(roles(LOGIN, LOGIN, DENIED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED), None),
    "articles_article_publish": Rule(CONTENT, "publish", post_on=NOT_LIVE, post_refused=("editor",)),
    "articles_article_schedule": Rule(CONTENT, "schedule", post_on=NOT_LIVE, post_refused=("editor",)),
    "articles_article_unpublish": Rule(
        CONTENT, "unpublish", post_on=("published", "scheduled", "with_changes"), post_refused=("editor",)
    ),
    "articles_article_send_back": Rule(
        CONTENT, "send_back", post_on=("in_review", "with_changes"), post_refused=("editor",)
    ),
    # Live text against unpublished changes: an article without a working copy goes back to its form.
    "articles_article_changes": Rule(
        per_article(CONTENT_REDIRECT, with_changes=CONTENT),
        ("publish_changes", "discard_changes"),
        post_on=("with_changes",),
        post_refused=("editor",),
    ),
    # Health-information reviews due (articles/admin/reviews.py): whoever may see articles; it only reads.
    "articles_article_reviews": content(),
    # Taking a submission back to draft is an Editor's own act; a GET only leads to the form.
    "articles_article_withdraw": Rule(CONTENT_REDIRECT, "withdraw", post_on=("in_review",)),
    # The bin (articles/admin/bin.py): whoever may change articles sees it and restores from it;
    # nobody adds, edits or deletes there (emptying it is the purge command's job).
    "articles_binnedarticle_changelist": content("actions"),
    "articles_binnedarticle_add": Rule(NOBODY, "add", post_refused=EVERYONE),
    "articles_binnedarticle_history": content(),
    "articles_binnedarticle_delete": Rule(NOBODY, "delete", post_refused=EVERYONE),
    "articles_binnedarticle_change": Rule(CONTENT, "change", post_refused=EVERYONE),
    "(unnamed) articles/binnedarticle/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # The audit log (articles/admin/audit.py): Publishers and superusers read it; nobody writes it.
    "articles_auditentry_changelist": Rule(PUBLISHERS, None),
    "articles_auditentry_add": Rule(NOBODY, "add", post_refused=EVERYONE),
    "articles_auditentry_history": Rule(PUBLISHERS, None),
    "articles_auditentry_delete": Rule(NOBODY, "delete", post_refused=EVERYONE),
    "articles_auditentry_change": Rule(PUBLISHERS, "change", post_refused=EVERYONE),
    "(unnamed) articles/auditentry/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Donation links and the fundraising report.
    "articles_donationlink_report": content(),
    "articles_donationlink_report_csv": content(),
    "articles_donationlink_compare": content(),
    "articles_donationlink_recoverlist": content(),
    "articles_donationlink_recover": content("recover"),
    "articles_donationlink_revision": content("revision"),
    "articles_donationlink_changelist": content("actions"),
    "articles_donationlink_add": content("add"),
    "articles_donationlink_history": content(),
    "articles_donationlink_delete": content("delete"),
    "articles_donationlink_change": content("change"),
    "(unnamed) articles/donationlink/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Authors.
    "articles_author_compare": content(),
    "articles_author_recoverlist": content(),
    "articles_author_recover": content("recover"),
    "articles_author_revision": content("revision"),
    "articles_author_changelist": content("actions"),
    "articles_author_add": content("add"),
    "articles_author_history": content(),
    "articles_author_delete": content("delete"),
    "articles_author_change": content("change"),
    "(unnamed) articles/author/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Topics.
    "articles_topic_compare": content(),
    "articles_topic_recoverlist": content(),
    "articles_topic_recover": content("recover"),
    "articles_topic_revision": content("revision"),
    "articles_topic_changelist": content("actions"),
    "articles_topic_add": content("add"),
    "articles_topic_history": content(),
    "articles_topic_delete": content("delete"),
    "articles_topic_change": content("change"),
    "(unnamed) articles/topic/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Reader feedback (articles/admin/feedback.py): whoever may see articles reads it; nobody, not even a
    # superuser, adds, changes or deletes what readers said.
    "articles_feedback_changelist": Rule(CONTENT, None),
    "articles_feedback_add": Rule(NOBODY, "add", post_refused=EVERYONE),
    "articles_feedback_history": content(),
    "articles_feedback_delete": Rule(NOBODY, "delete", post_refused=EVERYONE),
    "articles_feedback_change": Rule(CONTENT, "change", post_refused=EVERYONE),
    "(unnamed) articles/feedback/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # The site's own pages (articles/admin/pages.py): Editors read them; a saved page is live at once, so
    # only Publishers change one; the set is fixed, so nobody adds or deletes one.
    "articles_sitepage_changelist": Rule(CONTENT, None),
    "articles_sitepage_add": Rule(NOBODY, "add", post_refused=EVERYONE),
    "articles_sitepage_history": content(),
    "articles_sitepage_delete": Rule(NOBODY, "delete", post_refused=EVERYONE),
    "articles_sitepage_change": Rule(CONTENT, "change", post_refused=("editor",)),
    "(unnamed) articles/sitepage/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Reviewers (articles/admin/reviews.py): kept by Editors and Publishers, like authors.
    "articles_reviewer_compare": content(),
    "articles_reviewer_recoverlist": content(),
    "articles_reviewer_recover": content("recover"),
    "articles_reviewer_revision": content("revision"),
    "articles_reviewer_changelist": content("actions"),
    "articles_reviewer_add": content("add"),
    "articles_reviewer_history": content(),
    "articles_reviewer_delete": content("delete"),
    "articles_reviewer_change": content("change"),
    "(unnamed) articles/reviewer/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Staff accounts (articles/accounts/). The code step without a password step first starts again.
    "login_code": Rule(roles(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN), None),
    # Setting up two-factor sign-in and seeing new recovery codes: any staff member, for their own account.
    "two_factor": Rule(OWN_ACCOUNT, None),
    "recovery_codes": Rule(OWN_ACCOUNT, None),
    # Unlocking sign-ins locked by django-axes: superusers only.
    "locked_sign_ins": accounts("unlock"),
    # django-otp's device admins: superusers only. The secret key and QR code pages are closed even to
    # them (OTP_ADMIN_HIDE_SENSITIVE_DATA): a device's secret is shown once, to its owner.
    "otp_totp_totpdevice_config": Rule(NOBODY, None),
    "otp_totp_totpdevice_qrcode": Rule(NOBODY, None),
    "otp_totp_totpdevice_changelist": accounts("actions"),
    "otp_totp_totpdevice_add": accounts("add"),
    "otp_totp_totpdevice_history": accounts(),
    "otp_totp_totpdevice_delete": accounts("delete"),
    "otp_totp_totpdevice_change": accounts("change"),
    "(unnamed) otp_totp/totpdevice/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    "otp_static_staticdevice_changelist": accounts("actions"),
    "otp_static_staticdevice_add": accounts("add"),
    "otp_static_staticdevice_history": accounts(),
    "otp_static_staticdevice_delete": accounts("delete"),
    "otp_static_staticdevice_change": accounts("change"),
    "(unnamed) otp_static/staticdevice/<path:object_id>/": Rule(STAFF_REDIRECT, None),
    # Share links.
    "articles_sharelink_changelist": publishers("actions"),
    "articles_sharelink_add": publishers("add"),
    "articles_sharelink_history": publishers(),
    "articles_sharelink_delete": publishers("delete"),
    "articles_sharelink_change": publishers("change"),
    "(unnamed) articles/sharelink/<path:object_id>/": Rule(STAFF_REDIRECT, None),
}

ROUTES = {route.key: route for route in sweep.admin_routes()}
GET_CASES = [(key, variant) for key, route in ROUTES.items() for variant in route.variants]


def _case_id(case):
    key, variant = case
    return f"{key}[{variant}]" if variant else key


def expected(key, variant):
    """The rule's answers for one case; a case without a rule fails here, naming what to add."""
    if key not in RULES:
        pytest.fail(f"add a rule for admin:{key} in RULES (tests/admin/test_permission_sweep.py)")
    expect = RULES[key].expect
    if set(expect) <= set(ROLES):
        return expect
    if variant not in expect:
        pytest.fail(f"add the case {variant!r} to the rule for admin:{key} in RULES")
    return expect[variant]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The sweep's objects, made once for the module inside a transaction rolled back at its end.

    Each test runs in a savepoint inside it (pytest-django's ``db``), as Django's
    ``TestCase.setUpTestData`` does, so a test's writes are undone before the next test.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = sweep.build_world(get_user_model())
            world.public_pages = sweep.public_pages(world.public_slugs)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


# --- The table is complete and current ---------------------------------------------------------


def test_every_admin_url_has_a_rule():
    missing = [f"add a rule for admin:{key} in RULES" for key in ROUTES if key not in RULES]
    assert not missing, "\n".join(missing)


def test_every_rule_matches_an_admin_url():
    stale = [f"admin:{key} no longer exists: remove its rule from RULES" for key in RULES if key not in ROUTES]
    assert not stale, "\n".join(stale)


def test_the_sweep_finds_the_admin_urls_it_is_known_for():
    # Guards the resolver walk itself: if it stopped descending into includes, the sweep would be empty.
    for key in (
        "articles_article_change",
        "articles_article_history",
        "articles_article_revision",
        "articles_article_recover",
        "articles_article_recoverlist",
        "articles_article_compare",
        "articles_donationlink_report",
        "auth_user_password_change",
        "view_on_site",
        "app_list",
        "autocomplete",
        "jsi18n",
        "login",
        "logout",
        "password_change",
    ):
        assert key in ROUTES


# --- GET: every URL, every role ----------------------------------------------------------------


@pytest.mark.parametrize("case", GET_CASES, ids=_case_id)
def test_each_role_gets_what_the_rules_say(case, world, client):
    key, variant = case
    expect = expected(key, variant)
    url = sweep.address(ROUTES[key], variant, world)
    wrong = []
    for role in ROLES:
        got = sweep.outcome(sweep.login_as(client, world, role).get(url))
        if got != expect[role]:
            wrong.append(f"GET {url} (admin:{key}) as {role}: the rule says {expect[role]}, got {got}")
    assert not wrong, "\n".join(wrong)


# --- POST: every view that writes, by every role it refuses ------------------------------------


def _superuser_client(world):
    client = Client()
    client.force_login(world.users["superuser"])
    return client


CHANGES = {
    Article: {"title": "Changed through a side door", "status": ArticleStatus.PUBLISHED},
    BinnedArticle: {"title": "Changed through a side door", "status": ArticleStatus.PUBLISHED, "deleted_at": ""},
    AuditEntry: {"object_repr": "Changed through a side door", "detail": "Forged"},
    TOTPDevice: {"name": "Changed through a side door", "confirmed": "on"},
    StaticDevice: {"name": "Changed through a side door", "confirmed": "on"},
    Author: {"name": "Changed through a side door"},
    Reviewer: {"name": "Changed through a side door"},
    Topic: {"name": "Changed through a side door"},
    DonationLink: {"name": "Changed through a side door"},
    ShareLink: {"shared_with": "Changed through a side door"},
    Feedback: {"comment": "Changed through a side door"},
    SitePage: {"title": "Changed through a side door", "body": "Changed through a side door."},
    Group: {"name": "Changed through a side door"},
    get_user_model(): {"first_name": "Changed", "is_superuser": "on"},
}


def _add_data(model, world):
    author = world.author.pk
    payloads = {
        Article: {
            "title": "Added through a side door",
            "slug": "added-through-a-side-door",
            "standfirst": "Nobody asked for this.",
            "body": "Text.",
            "status": ArticleStatus.PUBLISHED,
            "article_authors-TOTAL_FORMS": "1",
            "article_authors-INITIAL_FORMS": "0",
            "article_authors-MIN_NUM_FORMS": "1",
            "article_authors-MAX_NUM_FORMS": "1000",
            "article_authors-0-author": str(author),
            "article_authors-0-position": "0",
        },
        Author: {"name": "Added author", "slug": "added-author"},
        Reviewer: {"name": "Added reviewer"},
        Topic: {"name": "Added topic", "slug": "added-topic"},
        DonationLink: {
            "name": "Added appeal",
            "call_to_action": "Give now",
            "button_label": "Donate",
            "url": "https://breastcancernow.org/donate/",
            "campaign": "added",
            "is_active": "on",
        },
        ShareLink: {"article": str(world.articles["in_review"].pk), "shared_with": "Someone", "days": "7"},
        Group: {"name": "Added group"},
        Feedback: {"article": str(world.articles["published"].pk), "useful": "on", "comment": "Forged answer"},
        SitePage: {"title": "Added page", "body": "Nobody asked for this."},
        get_user_model(): {
            "username": "added-user",
            "password1": "a-long-password-2",
            "password2": "a-long-password-2",
            "usable_password": "true",
        },
    }
    payloads[BinnedArticle] = {**payloads[Article], "deleted_at": ""}
    payloads[AuditEntry] = {"action": "publish", "object_repr": "Forged entry", "actor_name": "Nobody"}
    if model in (TOTPDevice, StaticDevice):
        shown = _superuser_client(world).get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
        return {**sweep.form_data(shown), "user": str(world.device_user.pk), "name": "Added device"}
    if model not in payloads:
        pytest.fail(f"add a payload for adding a {model._meta.label} to _add_data()")
    return payloads[model]


def post_data(kind, route, variant, world, url):
    """What a browser would POST to change data through the view; None when a role has nothing to send."""
    if kind in ("change", "revision", "recover"):
        shown = _superuser_client(world).get(url)
        assert shown.status_code == 200, f"the superuser cannot open {url}"
        if kind != "change" and "adminform" not in shown.context:
            # The write path's restore and recover pages are a confirmation, not a form (articles/admin/revisions.py).
            return {"edit_base": shown.context.get("edit_base") or ""}
        data = sweep.form_data(shown)
        return {**data, **CHANGES[route.model]} if kind == "change" else data
    if kind == "add":
        return _add_data(route.model, world)
    if kind == "delete":
        return {"post": "yes"}
    if kind == "password":
        return {"password1": "a-new-password-9", "password2": "a-new-password-9", "usable_password": "true"}
    if kind == "own_password":
        new = "n3w-pass-phrase"
        return {"old_password": "a-long-password-1", "new_password1": new, "new_password2": new}
    if kind in ("publish", "unpublish", "publish_changes", "withdraw"):
        return {"post": "yes"}
    if kind == "discard_changes":
        return {"_action": "discard"}
    if kind == "schedule":
        return {"date": (timezone.localdate() + timedelta(days=10)).isoformat(), "time": "09:30"}
    if kind == "send_back":
        return {"comment": "Please check the dose figures in the second paragraph."}
    if kind == "unlock":
        return {"username": sweep.LOCKED_OUT}
    if kind == "action":
        # Every article (so each workflow action has one to move); of other models the swept object,
        # which nothing protects from deletion.
        if route.model is Article:
            pks = list(Article.objects.values_list("pk", flat=True))
        else:
            pks = [sweep.object_for(world, route.model, "").pk]
        # "confirmed": the article admin's publish, unpublish and bin actions ask first.
        return {"action": variant, "_selected_action": pks, "index": "0", "post": "yes", "confirmed": "yes"}
    pytest.fail(f"post_data() does not know how to POST {kind!r} (admin:{route.key})")


def _actions(route):
    return [name for _, name, _ in route.owner._get_base_actions()]


POST_CASES = []
for _key, _route in ROUTES.items():
    _rule = RULES.get(_key)
    _kinds = () if _rule is None or _rule.post is None else _rule.post
    for _kind in (_kinds,) if isinstance(_kinds, str) else _kinds:
        if _kind == "actions":
            POST_CASES += [(_key, "action", action) for action in _actions(_route)]
        else:
            _variants = _rule.post_on or _route.variants
            POST_CASES += [(_key, _kind, variant) for variant in _variants]


def _post_case_id(case):
    key, kind, variant = case
    named = f"{key}:{kind}" if isinstance(RULES[key].post, tuple) else key
    return f"{named}[{variant}]" if variant else named


def _refused_roles(key, kind, variant, world):
    get_variant = "" if kind == "action" else variant
    refused = [role for role, answer in expected(key, get_variant).items() if answer in REFUSED]
    refused += [role for role in RULES[key].post_refused if role not in refused]
    if kind == "action":
        # Roles who may open the list but are not offered the action must not be able to run it either.
        model_admin = ROUTES[key].owner
        for role in ROLES:
            if role not in refused and role != "anonymous":
                request = RequestFactory().get("/")
                request.user = world.users[role]
                if variant not in model_admin.get_actions(request):
                    refused.append(role)
    return refused


@pytest.mark.parametrize("case", POST_CASES, ids=_post_case_id)
def test_post_by_a_refused_role_changes_nothing(case, world, client):
    key, kind, variant = case
    route = ROUTES[key]
    url = sweep.address(route, "" if kind == "action" else variant, world)
    refused = _refused_roles(key, kind, variant, world)
    nobody_writes = "superuser" in refused
    data = post_data(kind, route, variant, world, url)
    before = sweep.snapshot()
    wrong, previous = [], before
    for role in refused:
        response = sweep.login_as(client, world, role).post(url, data)
        current = sweep.snapshot()
        changed, previous = sweep.differences(previous, current), current
        if response.status_code >= 500 or changed:
            wrong.append(f"POST {url} (admin:{key}) as {role}: HTTP {response.status_code}, changed {changed}")
    assert not wrong, "\n".join(wrong)
    assert sweep.public_pages(world.public_slugs) == world.public_pages, "a refused POST changed what readers see"
    if nobody_writes:
        return  # the view writes for nobody, so there is no working payload to prove
    # The same POST by a superuser does change something: the payload is one that works.
    _superuser_client(world).post(url, data)
    assert sweep.differences(before, sweep.snapshot()), f"POST {url} as superuser changed nothing"


# --- Side doors found by an attacker -----------------------------------------------------------

OTHER_ADMINS = [Author, Topic, DonationLink]


def _reader_sees(slug):
    return Client().get(reverse("articles:article_detail", args=[slug])).status_code == 200


def _content_staff(world):
    """Staff who keep authors, topics and donation links but hold no article permission."""
    user = get_user_model().objects.create_user("keeper", "keeper@example.org", "a-long-password-1", is_staff=True)
    codenames = [
        f"{action}_{model}" for model in ("author", "topic", "donationlink") for action in ("add", "change", "view")
    ]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
    return user


def _door_user(world, who):
    return _content_staff(world) if who == "content staff" else world.users[who]


def _first_version(article):
    return Version.objects.get_for_object(article).order_by("pk").first()


@pytest.mark.parametrize("who", ["content staff", "editor"])
@pytest.mark.parametrize("model", OTHER_ADMINS, ids=lambda model: model._meta.model_name)
def test_another_models_revision_page_does_not_restore_an_article(world, client, model, who):
    # The unpublished article's first version was live. django-reversion finds the Version by its id
    # and object id only, so under another model's admin whose object has the same id, the article's
    # whole revision is reverted, and saving that object's form keeps it.
    article = world.articles["unpublished"]
    if not model.objects.filter(pk=article.pk).exists():
        _clone_with_pk(sweep.object_for(world, model, ""), article.pk)
    url = reverse(f"admin:articles_{model._meta.model_name}_revision", args=[article.pk, _first_version(article).pk])
    client.force_login(_door_user(world, who))
    shown = client.get(url)
    client.post(url, sweep.form_data(shown) if shown.status_code == 200 else {})
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.UNPUBLISHED
    assert not _reader_sees(article.slug)


def _clone_with_pk(obj, pk):
    unique = {
        f.attname: f"{getattr(obj, f.attname)}-{pk}"
        for f in obj._meta.concrete_fields
        if f.unique and not f.primary_key
    }
    clone = type(obj)._default_manager.get(pk=obj.pk)
    clone.pk = pk
    for name, value in unique.items():
        setattr(clone, name, value)
    clone.save(force_insert=True)
    return clone


@pytest.mark.parametrize("who", ["content staff", "editor"])
@pytest.mark.parametrize("model", OTHER_ADMINS, ids=lambda model: model._meta.model_name)
def test_another_models_recover_page_does_not_bring_back_a_deleted_article(world, client, model, who):
    # django-reversion's recover page looks the Version up by id alone, whatever its model, and keeps
    # the revert when the form answers with a redirect ("no such object" is one).
    deleted = world.deleted[Article]
    assert not model.objects.filter(pk=deleted.object_id).exists()
    url = reverse(f"admin:articles_{model._meta.model_name}_recover", args=[deleted.pk])
    client.force_login(_door_user(world, who))
    client.post(url, {})
    assert not Article.objects.filter(slug="the-deleted-article").exists()
    assert not _reader_sees("the-deleted-article")


def _bulk(client, action, articles):
    # "confirmed": the article admin's publish, unpublish and bin actions ask first.
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles], "index": "0", "confirmed": "yes"},
    )


def _bulk_delete(client, articles):
    """Deleting from the article list moves to the bin (articles/admin/articles.py)."""
    return _bulk(client, "move_to_bin", articles)


def test_recovering_one_article_leaves_those_deleted_with_it_deleted(world, client):
    # Articles published, taken down and deleted together, then emptied from the bin: recovering
    # one must not bring back the others deleted beside it.
    client.force_login(world.users["publisher"])
    draft, in_review = world.articles["draft"], world.articles["in_review"]
    for action in ("publish_now", "unpublish", "move_to_bin"):
        _bulk(client, action, [draft, in_review])
    assert changes.purge_bin(older_than_days=0) >= 2
    assert not Article.objects.filter(pk__in=[draft.pk, in_review.pk]).exists()
    version = Version.objects.get_deleted(Article).get(object_id=str(draft.pk))
    url = reverse("admin:articles_article_recover", args=[version.pk])
    assert client.get(url).status_code == 200
    client.post(url, {})
    assert Article.objects.filter(pk=draft.pk).exists()  # the one asked for is back
    assert not Article.objects.filter(pk=in_review.pk).exists()
    assert not _reader_sees(in_review.slug)


def test_an_editor_cannot_delete_a_live_article(world, client):
    article = world.articles["published"]
    client.force_login(world.users["editor"])
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert _reader_sees(article.slug)


def test_an_editor_cannot_delete_a_live_article_in_bulk(world, client):
    article = world.articles["published"]
    client.force_login(world.users["editor"])
    _bulk_delete(client, [article])
    assert _reader_sees(article.slug)


def test_restoring_a_revision_does_not_silently_replace_a_colleagues_later_save(world, client):
    article = world.articles["draft"]
    url = reverse("admin:articles_article_revision", args=[article.pk, _first_version(article).pk])
    client.force_login(world.users["editor"])
    restore_form = {"edit_base": client.get(url).context["edit_base"]}
    # A colleague saves a new title while the restore page is open.
    colleague = Client()
    colleague.force_login(world.other_user)
    change = reverse("admin:articles_article_change", args=[article.pk])
    saved = colleague.post(change, {**sweep.form_data(colleague.get(change)), "title": "The colleague's title"})
    assert saved.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "The colleague's title"
    client.post(url, restore_form)
    assert Article.objects.get(pk=article.pk).title == "The colleague's title"


def test_an_article_deleted_in_bulk_can_be_recovered(world, client):
    # An article never saved through the admin (imported), deleted from the list, can be restored
    # from the bin; once the bin is emptied, "Recover deleted" still has its last version.
    imported = ArticleFactory(title="Imported article", slug="imported-article", draft=True)
    client.force_login(world.users["publisher"])
    _bulk_delete(client, [imported])
    assert BinnedArticle.objects.binned().filter(pk=imported.pk).exists()
    changes.purge_bin(older_than_days=0)
    assert not Article.objects.filter(slug="imported-article").exists()
    assert Version.objects.get_deleted(Article).filter(object_id=str(imported.pk)).exists()


def test_an_editor_cannot_publish_a_binned_article_through_the_bin(world, client):
    # The bin's change page is a full form of the article's fields, saved straight to the row: an
    # Editor (who may not publish) sets the state to published and readers see the binned article.
    article = world.binned
    client.force_login(world.users["editor"])
    url = reverse("admin:articles_binnedarticle_change", args=[article.pk])
    shown = client.get(url)
    if shown.status_code == 200 and "adminform" in shown.context:
        forged = {**sweep.form_data(shown), "status": ArticleStatus.PUBLISHED, "deleted_at": ""}
        forged.update({"published_at_0": "2026-01-01", "published_at_1": "10:00:00"})
        client.post(url, forged)
    binned = Article.objects.get(pk=article.pk)
    assert (binned.status, binned.is_binned) == (ArticleStatus.DRAFT, True)
    assert not _reader_sees(article.slug)
