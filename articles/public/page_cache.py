"""The page cache: readers' pages kept whole in the shared cache, invalidated exactly by tags.

A reader's page (home, lists, article, researchers, topic, search, feeds, sitemap, robots) is
stored by ``articles.public.page_cache_middleware`` once rendered, and served again without
running the view or touching the database. Each stored page carries the **tags** of what it
shows; every change made through the editorial write path names the tags it affects
(``articles.editorial.derived``) and gives each a new version here. A stored page is served
only if the versions it was stored with are all still current (one ``get_many``), so a change
is visible at once in every worker and server sharing the cache (Redis in production). No
key is ever searched for or deleted: stale pages are simply never read again and expire.

Tags (what a page shows, or what its content depends on):

``site``              every page; bumped by a change the write path cannot describe better.
``lists``             pages listing the published articles as a whole: home, the article list,
                      the researchers list, the site-wide feeds. Bumped when an article becomes
                      public or stops being, or moves in or between lists (date, featured,
                      topics, byline).
``article:<id>``      shows article <id>: its own page, its card on any list or in related
                      reading, a feed entry, a search result.
``related:<id>``      the related reading under article <id>: bumped when an article it picked
                      by hand becomes public or stops being.
``author:<id>``       shows researcher <id> (their page and feeds, the researchers list, an
                      article's byline and "about the author"), or lists their articles.
``topic:<id>``        shows topic <id> (its page and feeds, an article's topic links) or lists
                      its articles; article pages carry their topics because related reading is
                      drawn from articles sharing them.
``topics``            the list of topics (/topics/, /feeds/): bumped when any topic is saved.
``donation:<id>``     shows donation link <id>, or considered it (an article's own link, its
                      topics' links): switching one on or off changes the page.
``donation:default``  fell back to the site default donation link.
``search``            every search result page (any public change may change what matches).
``sitemap``           sitemap.xml and its sections (every public article's address and date).

Scheduled publication and donation campaigns have no write at their time. Instead no stored
page outlives the **next moment** one of them starts or ends: that moment is read from the
database by the write path after any change that may move it (``remember_next_change``) and
kept in the cache under the ``schedule`` tag, so readers' requests do not query for it. When it
has passed, the first request to notice (before rendering) asks the database for the next one
and starts the cached lists and related reading afresh.

Without Redis (local memory) each server process has its own cache: a change reaches the
other processes' pages only when their entries end (``PAGE_CACHE_SECONDS``, a minute by
default then). Run more than one process with ``REDIS_URL`` set.

A page is stored only if the change counter (``generation``) read before it was rendered is
unchanged when it is stored: a page rendered from the database while a change committed is
served once and not kept, so a reader can never pin an old page under new versions.
"""

import functools
import hashlib
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

TAG_PREFIX = "page-tag:"
ENTRY_PREFIX = "page:"
FRAGMENT_PREFIX = "page-part:"
GENERATION_KEY = "page-cache:generation"
NEXT_CHANGE_KEY = "page-cache:next-change"
SCHEDULE_TAG = "schedule"
RELEASE_FOLDERS = ("templates", "articles", "site_project", "static")
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg"}
EVERY_PAGE_TAG = "site"

# Added by links shared on social media and in newsletters; they never change a page, and
# keeping them in the key would make every click from a post a miss.
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "_ga", "ref"}


def _new_version():
    return uuid.uuid4().hex[:16]


# --- What a page shows ---------------------------------------------------------------------------


def is_personal(request):
    """Signed in, or with a message waiting: never answered from the cache, nor partly."""
    return any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages"))


def shows(request, *tags):
    """Declared by a reader's view: its page may be cached, and shows these tags."""
    declared = getattr(request, "page_tags", None)
    if declared is None:
        declared = request.page_tags = {EVERY_PAGE_TAG}
    declared.update(tag for tag in tags if tag)


def article_tags(articles):
    return [f"article:{article.pk}" for article in articles]


def article_content_tags(article, reviewers=()):
    """The article's own part of its page: the article, byline, topics, donation call and reviewers' pages.

    Its related reading is tagged apart (``related:<id>`` and each related article), by the view.
    """
    tags = [f"article:{article.pk}"]
    tags += [f"author:{link.author_id}" for link in article.article_authors.all()]
    tags += [f"author:{reviewer.author_id}" for reviewer in reviewers if reviewer.author_id]
    tags += donation_tags(article)
    for topic in article.topics.all():
        tags.append(f"topic:{topic.pk}")
    return tags


def donation_tags(article):
    """Every link ``Article.donation_call`` considered (no queries: ids from loaded rows)."""
    tags = ["donation:default"]
    if article.donation_link_id:
        tags.append(f"donation:{article.donation_link_id}")
    tags += [f"donation:{topic.donation_link_id}" for topic in article.topics.all() if topic.donation_link_id]
    return tags


def page_ids(page_obj):
    """Ids of a list page's articles without reading their rows (``PageOfArticles`` knows them)."""
    articles = page_obj.object_list
    ids = getattr(articles, "ids", None)
    return ids if ids is not None else [article.pk for article in articles]


# --- Keys and lookups ----------------------------------------------------------------------------


@functools.cache
def release():
    """A digest of what renders readers' pages: templates, the site's code and static files.

    Part of every stored page's and part's key, so that after a deploy that changes any of
    them no page rendered by the old release is served (its markup, or the addresses of
    static files the new release no longer has). Read once per process: a deploy restarts
    the workers.
    """
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    for folder in RELEASE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"  # the fingerprinted names, in production
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


def page_key(request):
    """One key per address (scheme, host, path, meaningful query), whatever the method (GET/HEAD), per release."""
    query = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    )
    address = f"{release()} {request.scheme}://{request.get_host()}{request.path}?{urlencode(query)}"
    return ENTRY_PREFIX + hashlib.blake2b(address.encode(), digest_size=20).hexdigest()


def fragment_key(request, name):
    """One key per part of a page (``name``) and host (parts hold absolute addresses), per release."""
    address = f"{release()} {request.scheme}://{request.get_host()}#{name}"
    return FRAGMENT_PREFIX + hashlib.blake2b(address.encode(), digest_size=20).hexdigest()


def fragment(request, name, render):
    """``(parts, tags)``: a part of a page kept like a page, by its tags, whether the page cache is on or off.

    Like whole pages, never for a request with a session: that is rendered afresh.

    ``render()`` returns ``(parts, tags)``, ``parts`` anything the cache can keep. The part is
    served again while every tag it was stored with is current and never past the next
    scheduled change, exactly as a stored page is (``lookup`` and ``store``), so the write
    path's invalidation reaches it too. The view declares the returned tags with ``shows``.
    """
    kept = not is_personal(request)  # staff see what they just changed, whatever the cache holds
    if kept:
        key = fragment_key(request, name)
        entry, generation = lookup(key)
        if entry is not None:
            return entry["parts"], list(entry["tags"])
        next_change = next_change_at()
    parts, tags = render()
    tags = [EVERY_PAGE_TAG, *dict.fromkeys(tags)]
    if kept:
        store(key, {"parts": parts}, tags, generation, next_change)
    return parts, tags


def lookup(key):
    """``(entry, generation)``: the stored page if all its tags are current, and the change counter."""
    found = cache.get_many([key, GENERATION_KEY])
    entry, generation = found.get(key), found.get(GENERATION_KEY)
    if entry is None or entry["until"] <= time.time():
        return None, generation
    versions = entry["tags"]
    current = cache.get_many([TAG_PREFIX + tag for tag in versions])
    for tag, version in versions.items():
        if current.get(TAG_PREFIX + tag) != version:
            return None, generation
    return entry, generation


def store(key, entry, tags, generation, next_change):
    """Keep ``entry`` under ``key`` with the current versions of ``tags``; returns it, or None if not kept.

    ``generation`` and ``next_change`` (``next_change_at()``) are read before the page was
    rendered. Sets ``entry["tags"]``, ``["until"]`` (never past ``next_change``) and ``["next_change"]``.
    """
    tag_keys = [TAG_PREFIX + tag for tag in tags]
    found = cache.get_many([*tag_keys, GENERATION_KEY])
    if found.get(GENERATION_KEY) != generation:
        return None  # something changed while the page was rendered: it may be half old
    missing = [key for key in tag_keys if key not in found]
    if missing:
        # One round trip, not one per tag (a list page has a dozen; each costs ~0.2 ms with
        # Redis). Overwriting a version another process has just set is safe: versions are
        # random, so it can only make a page stored meanwhile a miss, never revive an old one.
        cache.set_many({tag_key: _new_version() for tag_key in missing}, None)
        found.update(cache.get_many(missing))
    now = time.time()
    until = now + settings.PAGE_CACHE_SECONDS
    if next_change is not None:
        until = min(until, next_change)
    if until <= now:
        return None
    entry.update(tags={key[len(TAG_PREFIX) :]: found[key] for key in tag_keys}, until=until, next_change=next_change)
    cache.set(key, entry, max(1, int(until - now) + 1))
    return entry


def invalidate(tags):
    """Give each tag a new version: every page carrying one is not served again, in every server."""
    if not tags:
        return
    cache.set(GENERATION_KEY, _new_version(), None)  # first: a page rendered meanwhile is not kept
    cache.set_many({TAG_PREFIX + tag: _new_version() for tag in tags}, None)


# --- The next scheduled change -------------------------------------------------------------------


def next_change_at():
    """When the next scheduled article goes live or a campaign starts or ends (epoch seconds), or None."""
    return _schedule()["at"]


def scheduled_article_ids():
    """Ids of the articles published for a time still to come (what search leaves out), without a query."""
    return _schedule()["scheduled"]


def _schedule():
    found = cache.get_many([NEXT_CHANGE_KEY, TAG_PREFIX + SCHEDULE_TAG])
    known = found.get(NEXT_CHANGE_KEY)
    version = found.get(TAG_PREFIX + SCHEDULE_TAG)
    if known is not None and known["version"] == version and "scheduled" in known:
        if known["at"] is None or known["at"] > time.time():
            return known
        # Its time has come: totals and related reading cached by time must be read afresh.
        from articles.discovery.listing import listings_changed

        listings_changed()
    return _remember_schedule(version)


def remember_next_change(version=None):
    """Read the next scheduled change from the database and keep it (the write path calls this after a change)."""
    return _remember_schedule(version)["at"]


def _remember_schedule(version):
    if version is None:
        cache.add(TAG_PREFIX + SCHEDULE_TAG, _new_version(), None)
        version = cache.get(TAG_PREFIX + SCHEDULE_TAG)
    at, scheduled = _schedule_from_database()
    known = {"at": at, "scheduled": scheduled, "version": version}
    cache.set(NEXT_CHANGE_KEY, known, None)
    return known


def _schedule_from_database():
    """The next moment anything scheduled happens, and the scheduled articles' ids (few: editors schedule by hand)."""
    from articles.models import Article, DonationLink

    now = timezone.now()
    scheduled = list(Article.objects.scheduled().values_list("pk", "published_at"))
    moments = [published_at for _, published_at in scheduled]
    campaigns = DonationLink.objects.filter(is_active=True).aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)), ends=Min("ends_at", filter=Q(ends_at__gt=now))
    )
    moments += campaigns.values()
    moments = [moment for moment in moments if moment is not None]
    return (min(moments).timestamp() if moments else None), sorted(pk for pk, _ in scheduled)
