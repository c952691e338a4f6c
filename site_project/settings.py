"""Settings for Research Voices, read from the environment.

Development works with no environment at all (SQLite, debug on). Anything that is
not debug mode must be configured explicitly: the site refuses to start without a
secret key and allowed hosts rather than run with a guessable default.

Environment variables: DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
DJANGO_CSRF_TRUSTED_ORIGINS, DJANGO_SECURE_SSL_REDIRECT, DATABASE_URL, REDIS_URL,
MEDIA_ROOT, DJANGO_STATIC_ROOT, DJANGO_DONATION_ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

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
    "django.contrib.admin",
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
    "articles",
]

MIDDLEWARE = [
    "site_project.headers.cross_origin_resource_policy",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
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
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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

# A strict policy: no inline script or style anywhere, so injected markup cannot run
# even if it slipped past the sanitiser. The admin and the markdownx editor work under it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Nothing by default: each kind of resource the site uses is allowed below by name.
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
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

# Uploads: the web server refuses anything larger before Django reads it into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# --- Site -------------------------------------------------------------------------------
SITE_NAME = "Research Voices"
SITE_TAGLINE = "Breast cancer researchers explain their work"
CHARITY_NAME = os.environ.get("DJANGO_CHARITY_NAME", "Breast Cancer Now")
# Hosts a donation link may lead to (see articles/donation_urls.py); ".example.org" also
# allows its subdomains. The demo default is the charity's own site.
DONATION_ALLOWED_HOSTS = env_list("DJANGO_DONATION_ALLOWED_HOSTS", "breastcancernow.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
