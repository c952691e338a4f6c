"""Settings for Research Voices, read from the environment.

Development works with no environment at all (SQLite, debug on). Anything that is
not debug mode must be configured explicitly: the site refuses to start without a
secret key and allowed hosts rather than run with a guessable default.

Environment variables: DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
DJANGO_CSRF_TRUSTED_ORIGINS, DJANGO_SECURE_SSL_REDIRECT, DATABASE_URL, REDIS_URL,
MEDIA_ROOT, DJANGO_STATIC_ROOT, DJANGO_DONATION_ALLOWED_HOSTS, DJANGO_CHARITY_NAME, DJANGO_CHARITY_NUMBER,
DJANGO_FEEDBACK_RATE_LIMIT, DJANGO_FEEDBACK_RATE_WINDOW_SECONDS, DJANGO_FEEDBACK_EMAIL_RETENTION_DAYS;
staff accounts: DJANGO_LOGIN_FAILURE_LIMIT, DJANGO_LOGIN_LOCKOUT_MINUTES,
DJANGO_TRUSTED_PROXY_COUNT, DJANGO_TRUSTED_PROXIES, DJANGO_REQUIRE_2FA,
DJANGO_STAFF_SUPPORT_CONTACT, DJANGO_STAFF_IDLE_MINUTES, DJANGO_STAFF_SESSION_HOURS; the page cache:
DJANGO_PAGE_CACHE, DJANGO_PAGE_CACHE_SECONDS, DJANGO_PAGE_BROWSER_MAX_AGE, DJANGO_PAGE_SHARED_MAX_AGE,
DJANGO_PAGE_STALE_WHILE_REVALIDATE; caching proxy: DJANGO_PROXY_PURGE_URLS, DJANGO_PROXY_PURGE_TIMEOUT.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from site_project import inline_css

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "For local development run with DJANGO_DEBUG=true (make run does)."
        )
    SECRET_KEY = "development-only-insecure-key-never-used-in-production"  # noqa: S105 - debug only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names in production.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin with the staff sign-in steps (password, then code); see articles/accounts/site.py.
    "articles.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "markdownx",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "articles",
]

MIDDLEWARE = [
    "site_project.headers.cross_origin_resource_policy",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers' pages from the page cache, before sessions, CSRF and the rest (articles/public/page_cache.py).
    "articles.public.page_cache_middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Staff accounts (articles/accounts/): second factor, session limits, then login throttling last.
    "django_otp.middleware.OTPMiddleware",
    "articles.accounts.sessions.StaffSessionTimeoutMiddleware",
    "articles.accounts.two_factor.TwoFactorGateMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# --- Operations: SQLite for concurrent editors (issue 11) --------------------------------
# WAL lets readers carry on while an editor's save is being written; the busy timeout makes a
# second writer wait for the first instead of failing with "database is locked"; IMMEDIATE
# takes the write lock when a transaction begins, so two transactions that read and then write
# cannot each hold a read lock the other must wait out (SQLite answers that deadlock at once with
# "database is locked", whatever the timeout). synchronous=NORMAL is safe in WAL mode: a power
# cut can lose the last commits but never corrupts the file. Each connection keeps up to 16 MB
# of the file's pages (SQLite's default is 2 MB): counting 100,000 published articles for a
# list's "page 1 of N" went from 5.9 to 4.5 ms. (A memory map measured slower, 4.8 ms, and
# counted the mapped file in the workers' resident memory: 112 MB instead of 65.)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000;"),
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        **DATABASES["default"].get("OPTIONS", {}),
    }

# --- Caching proxy (deploy/varnish/) ------------------------------------------------------
# Where to send bans after a change through the write path (articles/operations/proxy_purge.py),
# e.g. "http://127.0.0.1:6091/", the purge listener of a Varnish on the same machine (deploy/README.md);
# comma-separated for several.
# Empty (the default): no proxy is told anything.
PROXY_PURGE_URLS = env_list("DJANGO_PROXY_PURGE_URLS")
# Seconds to wait for each proxy; a proxy that is down must not hold up an editor's publish.
PROXY_PURGE_TIMEOUT = float(os.environ.get("DJANGO_PROXY_PURGE_TIMEOUT", "2"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "research-voices",
        }
    }
else:
    # Room for the page cache's pages and tags (the default, 300 entries, is a few dozen pages).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}

# --- Page cache and HTTP caching (articles/public/page_cache.py) --------------------------
# Readers' pages are kept whole in the cache above and dropped exactly when the write path
# changes what they show. Without Redis every server process has its own copy, which other
# processes' changes cannot reach: then a page is kept for a minute at most.
PAGE_CACHE_ENABLED = env_flag("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600" if REDIS_URL else "60"))
# What browsers and shared caches (a CDN, the proxy) are told: browsers cannot be told of a
# change, so briefly; a shared cache the site purges (articles/operations/proxy_purge.py) may keep longer.
PAGE_BROWSER_MAX_AGE = int(os.environ.get("DJANGO_PAGE_BROWSER_MAX_AGE", "60"))
PAGE_SHARED_MAX_AGE = int(os.environ.get("DJANGO_PAGE_SHARED_MAX_AGE", "300"))
PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("DJANGO_PAGE_STALE_WHILE_REVALIDATE", "60"))

# Sessions live in the cache with the database behind it, so a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded images are served by Django itself (whitenoise never serves media); a
# deployment with a CDN or reverse proxy in front may turn this off and serve MEDIA_ROOT there.
SERVE_MEDIA = env_flag("DJANGO_SERVE_MEDIA", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "admin:login"

# --- Security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # markdownx's editor script reads the token from the cookie.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The header only permits submission to the browsers preload list; submitting is a separate, manual step.
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD", default=True)

# A strict policy: no inline script or style anywhere (but the public stylesheet, allowed by its
# hash), so injected markup cannot run even if it slipped past the sanitiser. The admin and the
# markdownx editor work under it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Nothing by default: each kind of resource the site uses is allowed below by name.
        "default-src": [NONE],
        "script-src": [SELF],
        # The one inline block allowed: the public stylesheet, by its hash (site_project/inline_css.py).
        "style-src": [SELF, inline_css.csp_hash()],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Scale-out: uploads on S3-compatible object storage (see site_project/storage.py) ------
# Unset, uploads stay in MEDIA_ROOT. Set, every server shares the bucket; readers still get
# images from /media/ through Django. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
if os.environ.get("DJANGO_S3_BUCKET", "").strip():
    STORAGES["default"] = {
        "BACKEND": "site_project.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DJANGO_S3_BUCKET"].strip(),
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,  # for a non-AWS service
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "location": os.environ.get("DJANGO_S3_PREFIX", "").strip("/"),
        },
    }

# --- Markdown editing (django-markdownx) --------------------------------------------
# markdownx reads these once, at import time. Its own views are never mounted: the
# routes in articles/urls_editor.py wrap them for staff only (see articles/uploads.py).
MARKDOWNX_MARKDOWNIFY_FUNCTION = "articles.content.rendering.render_markdown"
MARKDOWNX_URLS_PATH = "/editor/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/editor/upload/"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_EDITOR_RESIZABLE = True
# What an upload may be (formats, bytes, pixels) is decided in articles/images.py.

# Form fields other than files (see "Upload limits" below for files).
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# --- Site -------------------------------------------------------------------------------
SITE_NAME = "Research Voices"
SITE_TAGLINE = "Breast cancer researchers explain their work"
CHARITY_NAME = os.environ.get("DJANGO_CHARITY_NAME", "Breast Cancer Now")
# Shown in every footer; the default is Breast Cancer Now's number in England and Wales.
CHARITY_NUMBER = os.environ.get("DJANGO_CHARITY_NUMBER", "1160558")
# Readers' feedback (articles/feedback/spam.py): answers one client may send per window.
FEEDBACK_RATE_LIMIT = int(os.environ.get("DJANGO_FEEDBACK_RATE_LIMIT", "5"))
FEEDBACK_RATE_WINDOW_SECONDS = int(os.environ.get("DJANGO_FEEDBACK_RATE_WINDOW_SECONDS", "600"))
# Days a reader's email address is kept with their feedback (to be answered) before
# ``manage.py forget_feedback_emails`` removes it; the answer and comment stay, anonymous.
FEEDBACK_EMAIL_RETENTION_DAYS = int(os.environ.get("DJANGO_FEEDBACK_EMAIL_RETENTION_DAYS", "90"))
# Hosts a donation link may lead to (see articles/donation_urls.py); ".example.org" also
# allows its subdomains. The demo default is the charity's own site.
DONATION_ALLOWED_HOSTS = env_list("DJANGO_DONATION_ALLOWED_HOSTS", "breastcancernow.org")

# --- Editorial workflow -------------------------------------------------------------------
# The site's own address, for links in notification emails (e.g. https://voices.example.org).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")
# Days an article stays in the bin before ``manage.py purge_bin`` deletes it for good.
BIN_RETENTION_DAYS = int(os.environ.get("DJANGO_BIN_RETENTION_DAYS", "30"))
# Health information is reviewed at least this often (Breast Cancer Now aims for two years).
HEALTH_REVIEW_CYCLE_DAYS = int(os.environ.get("DJANGO_HEALTH_REVIEW_CYCLE_DAYS", "730"))
# Checks before publishing (articles/editorial/checks.py): warn above this UK reading age in years
# (Breast Cancer Now aims for 11 to 14) and above this many words.
READING_AGE_TARGET = int(os.environ.get("DJANGO_READING_AGE_TARGET", "14"))
LONG_ARTICLE_WORDS = int(os.environ.get("DJANGO_LONG_ARTICLE_WORDS", "2000"))
# Notifications go through Django's email backend: printed to the console in development,
# sent by SMTP when DJANGO_EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Research Voices <no-reply@localhost>")
if os.environ.get("DJANGO_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DJANGO_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Operations: logs, request ids, health (issue 11) -------------------------------------
# One line of JSON per record on stdout in production (DJANGO_LOG_FORMAT=json, the default when
# debug is off), readable text in development; every record made while a request is handled
# carries that request's id (articles/operations/request_id.py). Security events (refused
# permissions, refused uploads, login lockouts) go to the logger "security" at WARNING.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "articles.operations.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "articles.operations.request_id.JsonFormatter",
            "fmt": ["levelname", "name", "message", "request_id"],
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # runserver prints its own line per request in development.
    "loggers": {"access": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"}},
}
MIDDLEWARE = [
    "articles.operations.request_id.RequestIdMiddleware",
    "articles.operations.health.HealthCheckMiddleware",
    *MIDDLEWARE,
]

# --- Staff accounts: login throttling, two-factor sign-in, session limits -----------------
# See articles/accounts/. The axes backend comes first so a locked-out sign-in is refused
# before the password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
# Both the account and the address are counted: guessing one account from many addresses and
# many accounts from one address are both stopped.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# Tries made while locked out are refused without being written down: no database write per
# refused guess, and the stored attempt cannot grow without bound. The pause runs from the
# last counted failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "articles.accounts.throttling.client_ip"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "code"]
AXES_DISABLE_ACCESS_LOG = True  # Successful sign-ins are the audit log's business, not a second copy here.
AXES_ENABLE_ADMIN = False  # Superusers unlock from "Locked sign-ins" (articles/accounts/views.py).
# X-Forwarded-For is believed only when the request comes from one of these addresses, and
# only the last DJANGO_TRUSTED_PROXY_COUNT entries (those the proxies wrote) are read.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")

# Two-factor sign-in: on in production unless explicitly turned off, off in development.
REQUIRE_2FA = env_flag("DJANGO_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = SITE_NAME
# Superusers may remove someone's device (lost phone) but never see its secret key or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Whom a locked-out or stuck editor should ask (shown on the lockout page), e.g. an email address.
STAFF_SUPPORT_CONTACT = os.environ.get("DJANGO_STAFF_SUPPORT_CONTACT", "")

STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("DJANGO_STAFF_IDLE_MINUTES", "120")))
STAFF_SESSION_MAX_AGE = timedelta(hours=int(os.environ.get("DJANGO_STAFF_SESSION_HOURS", "12")))
SESSION_COOKIE_AGE = int(STAFF_SESSION_MAX_AGE.total_seconds())
SESSION_COOKIE_SAMESITE = "Lax"

# --- Upload limits (bounded work) -------------------------------------------------------
# File parts are not covered by DATA_UPLOAD_MAX_MEMORY_SIZE: this handler refuses a request
# announcing more than MAX_UPLOAD_REQUEST_BYTES before reading it, and any file past the 5 MB
# image limit while reading it (articles/content/upload_limits.py). Two images and the text
# of an article fit. Files are kept in memory only: nothing is written to disk before the
# image checks pass. The proxy in front should refuse larger bodies first (README).
MAX_UPLOAD_REQUEST_BYTES = 11 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_REQUEST_BYTES
FILE_UPLOAD_HANDLERS = [
    "articles.content.upload_limits.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
]

# --- Out-of-range numbers (bounded work) ------------------------------------------------
# A number in an address too large for the database is a 400, never a 500 (articles/public/errors.py).
MIDDLEWARE = [*MIDDLEWARE, "articles.public.errors.OutOfRangeNumberMiddleware"]
