# Varnish in front of gunicorn for Research Voices (Varnish 7.x, Debian's `varnish` package).
#
# What it caches: only anonymous GET/HEAD answers that Django marks `Cache-Control: public`
# with a lifetime (s-maxage, else max-age), for as long as Django says, then serves them stale
# for the `stale-while-revalidate` window while it fetches a fresh copy in the background.
# Django bounds s-maxage by the next scheduled publication, so a cached page never outlives it.
#
# What it never caches or shares: anything for a request carrying Django's session, CSRF or
# messages cookie (staff, or a reader part-way through a form); the admin, the Markdown editor,
# previews and share links, the donate redirect (every click is counted by Django), the health
# check; any method but GET/HEAD; any answer that sets a cookie or that Django did not mark
# public (the safe default: a page Django forgot to label is passed, never shared).
#
# Invalidation: after every change through the editorial write path the site sends
# `BAN /` with `X-Purge-Tags: article:12 lists …` (articles/operations/proxy_purge.py); every
# object whose `Cache-Tag` holds one of those tags is banned at once. Bans are accepted only on
# the listener named `purge` (`-a purge=127.0.0.1:6091`) and only from the `purgers` ACL. The
# `Cache-Tag` header is removed before answers reach readers.
#
# deploy/README.md explains how to run it; tests/operations/test_caching_proxy.py runs it.
vcl 4.1;

import std;

# gunicorn. The test replaces this port with the one its server listens on.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;  # a little above gunicorn's --timeout for a slow page
}

# Who may ban: the site's own servers. Add the application servers' addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN" || req.method == "PURGE") {
        # Both checks are needed: a TLS terminator on this machine connects from 127.0.0.1 for
        # every reader, so the address alone would let anyone on the internet ban through it.
        # Readers reach the public listener only; the purge listener is bound to localhost.
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Tags are words such as `article:12` or `topic:3`; anything else could smuggle a
        # regular expression (or a ban of everything) into the ban list.
        if (req.http.X-Purge-Tags !~ "^[A-Za-z0-9_:-]+( [A-Za-z0-9_:-]+)*$") {
            return (synth(400, "X-Purge-Tags must list tags separated by single spaces"));
        }
        # obj.* only, so the ban lurker can clear matching objects in the background.
        # A tag matches whole words of Cache-Tag: `article:1` must not ban `article:12`.
        ban("obj.http.Cache-Tag ~ (^|[[:space:]])(" + regsuball(req.http.X-Purge-Tags, " ", "|")
            + ")([[:space:]]|$)");
        return (synth(200, "Banned"));
    }

    # A reader never sends these; a client that does must not choose what gets banned.
    unset req.http.X-Purge-Tags;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|editor|preview|donate)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Tracking parameters added by social media and newsletters never change a page (Django's
    # page cache ignores the same list): without them, every reader arriving from a post shares
    # one copy instead of each click being a miss.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|_ga|ref)=") {
        set req.url = regsuball(req.url,
            "(?<=[?&])(utm_[a-z]+|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|_ga|ref)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    # Django's own cookies mean a signed-in editor or a reader with a form token: never shared.
    if (req.http.Cookie ~ "(^|;[[:space:]]*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics and the like) means nothing to Django: dropping it lets every
    # anonymous reader share one copy.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Cache only what Django explicitly marks public with a lifetime, and never an answer that
    # sets a cookie or is private. Hit-for-miss keeps later requests for it going straight to
    # Django without queueing behind each other.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)(^|[,[:space:]])public([,[:space:]]|$)"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=[0-9]+"
        || beresp.http.Vary == "*") {
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish reads the lifetime (s-maxage before max-age) itself; the stale window is read
    # here so it does not depend on the Varnish version.
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "(?i)^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s);
    } else {
        set beresp.grace = 0s;
    }
    # Expired objects stay a while longer so Varnish can revalidate them with Django's ETag
    # (a cheap 304) instead of fetching the whole page again.
    set beresp.keep = 10m;
    return (deliver);
}

sub vcl_deliver {
    # Tags are for bans only; readers do not need to see how pages are grouped.
    unset resp.http.Cache-Tag;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
