"""Settings shared by every environment. Environment-specific files import from here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"  # site-wide templates, static assets and locale files
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))  # git-ignored runtime data


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks; config/client_ip.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

INSTALLED_APPS = [
    # our apps first so their templates win
    "accounts",
    "home",
    "councils",
    "stories",
    "media",
    "events",
    "recruitment",
    "network",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # database queue for background tasks (see TASKS)
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.api.v2",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # outermost: times the whole request and logs one line without personal data (config/request_log.py)
    "config.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # right after SecurityMiddleware: static files skip sessions, CSRF and auth
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # stores what home.pagecache.PageCacheMiddleware (below) did not find: outside the session, CSRF and
    # message middleware, so a response that sets their cookies is seen as such and never stored
    "home.pagecache.PageCacheStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # 304 for an unchanged page (ETag), then whole cached pages for anonymous readers (home.pagecache),
    # served already compressed
    "django.middleware.http.ConditionalGetMiddleware",
    "home.pagecache.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # last, as django-axes asks: it turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# DATABASE_URL selects the database; without it an embedded SQLite file under var/.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked username+address before checking
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German first: the first Locale and the root page are created from LANGUAGE_CODE
# in the very first migration, so it must be "de" before anything is migrated.
LANGUAGE_CODE = "de"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
WAGTAIL_I18N_ENABLED = True
# The admin speaks what the site speaks: German by default (home/middleware.py), English on request.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
# Dates and numbers per language: {{ value|date:"DATE_FORMAT" }} is "3. Dezember 2026" / "3 December 2026"
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [SITE_DIR / "static"]
# The one type family of PDFs and generated images, shipped with its licence (never a server font).
FONT_DIR = SITE_DIR / "static" / "fonts" / "open-sans"
# Uploads never land inside the `media` app package.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# Signatures for the letters and renditions of pictures that may not be shown publicly: outside
# MEDIA_ROOT, served only through a permission-checked admin view (media/private.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "media.private.RenditionStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# "ratelimit" holds the attempt counters of the public code pages (recruitment/public/code_entry.py).
# They must be shared by all workers: production uses Redis or the database (production.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
}
# With REDIS_URL every instance shares one cache: the page cache and its purge counters
# (home.pagecache), Wagtail's caches, the attempt counters and the session cache (below).
# CACHE_KEY_PREFIX keeps several sites (or a scale-out check) apart on one Redis database.
if os.environ.get("REDIS_URL"):
    _PREFIX = os.environ.get("CACHE_KEY_PREFIX", "wkr")
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": _PREFIX,
    }
    CACHES["ratelimit"] = {**CACHES["default"], "KEY_PREFIX": f"{_PREFIX}-ratelimit"}
    # Sessions are rows in the shared database in any case (a sign-in on one instance holds on
    # every other); with Redis they are read through the cache. `clearsessions` still cleans up.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Production refuses a non-delivering backend (system check accounts.E001) unless this is true.
ALLOW_CONSOLE_EMAIL = os.environ.get("ALLOW_CONSOLE_EMAIL", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wahlkreisrat <kontakt@wahlkreisrat.example>")

# Whole public pages for anonymous readers (home.pagecache); 0 switches the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_VIEWS = ("wagtail_serve", "search", "sitemap", "robots_txt", "councils:*", "wagtailapi:*")
# Pages that list others without referencing them, purged on every publish: exactly, or with every
# route below them (the press room's kits).
PAGE_CACHE_LISTING_TYPES = ("home.HomePage", "councils.CouncilIndexPage", "stories.StoryIndexPage",
                            "network.PlaceIndexPage", "network.PlacePage", "network.ProjectIndexPage")
PAGE_CACHE_LISTING_TREES = ("stories.PressRoomPage",)

WAGTAIL_SITE_NAME = "Wahlkreisrat"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to a third party from the admin
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The citizens' network (network app): links in its e-mails, the list id, where dock-on requests go
# when a project has no contact of its own.
NETWORK_BASE_URL = os.environ.get("NETWORK_BASE_URL", WAGTAILADMIN_BASE_URL)
NETWORK_LIST_DOMAIN = os.environ.get("NETWORK_LIST_DOMAIN", "lists.wahlkreisrat.example")
NETWORK_OFFICE_EMAIL = os.environ.get("NETWORK_OFFICE_EMAIL", "netzwerk@wahlkreisrat.example")
WAGTAILIMAGES_IMAGE_MODEL = "site_media.CustomImage"
# An unreadable file (e.g. "GIF89a<script>") is a form error, not a server error (media/forms.py).
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.ImageForm"
# Larger images are refused at upload with a message: decoding them would eat the server's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # German stemming on PostgreSQL: "Verkehrswenden" finds "Verkehrswende".
        "SEARCH_CONFIG": "german",
    }
}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None  # no calls to outside services

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background tasks (django-tasks). Wagtail's own tasks use "default" and run at once. The register
# import uses "recruitment": a database queue worked by `manage.py db_worker --backend recruitment`
# when RECRUITMENT_TASKS=database (the production default), else run at once in the request.
RECRUITMENT_TASKS = os.environ.get("RECRUITMENT_TASKS", "immediate")
_TASK_BACKENDS = {
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
TASKS = {"default": _TASK_BACKENDS["immediate"], "recruitment": _TASK_BACKENDS[RECRUITMENT_TASKS]}

# The private side: register extracts are stored here while they are imported, outside
# MEDIA_ROOT (never served), and deleted after the import or with the council's personal data.
RECRUITMENT_PRIVATE_ROOT = Path(os.environ.get("RECRUITMENT_PRIVATE_ROOT", VAR_DIR / "private"))
RECRUITMENT_DEFAULT_SEATS = 35
RECRUITMENT_DEFAULT_MIN_AGE = 16
RECRUITMENT_RETENTION_MONTHS = 3  # personal data is deleted this long after the workshop
# The latest deletion date a case may have, in months after the workshop (a ceiling managers cannot
# raise: the form refuses later dates, saving clamps them, purge_expired purges after it regardless).
RECRUITMENT_RETENTION_MAX_MONTHS = 12
RECRUITMENT_MAX_UPLOAD_MB = 200
# A running register import writes a heartbeat with every progress step; one silent for this long
# lost its worker (killed, out of memory) and is marked failed (see `fail_stale_imports`).
RECRUITMENT_IMPORT_STALE_SECONDS = int(os.environ.get("RECRUITMENT_IMPORT_STALE_SECONDS", "120"))

# --- Sign-in security (app `accounts`; README "Security") -------------------------------------
# Everyone who can see personal data (superusers, regional managers) needs a second factor
# (django-otp: authenticator app + recovery codes) before any admin URL answers.
OTP_REQUIRED_FOR_PERSONAL_DATA = True
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# ... and their admin sessions end after 30 idle minutes (`clearsessions` removes the rows).
PERSONAL_DATA_SESSION_IDLE_SECONDS = 30 * 60

# Login throttling (django-axes): five wrong passwords lock this username from this address for
# 30 minutes; colleagues behind the same office address keep signing in.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_STR_CALLABLE = "accounts.lockout.client_str"  # no user name or address in its log lines
AXES_SENSITIVE_PARAMETERS = ["password", "token"]
# The failure counters live in the shared database (django-axes' database handler, stated here so
# that nobody switches to a per-process cache handler): a lockout holds on every instance.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Content Security Policy (django-csp): no inline script anywhere on the public site; the few
# inline <script> blocks carry the per-request nonce. Inline style attributes stay allowed
# (responsive embed wrappers). The admin gets the same policy report-only: Wagtail's admin
# still needs inline script in places.
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # the two-click video players (stories/embeds.py), loaded only after a click
    "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CONTENT_SECURITY_POLICY = {"EXCLUDE_URL_PREFIXES": ["/admin/"], "DIRECTIVES": _CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "hid",
    "magnetometer", "microphone", "midi", "payment", "serial", "usb", "xr-spatial-tracking",
]

# The public code pages: after this many failed codes from one client within the window (seconds),
# every lookup from that client gets HTTP 429 until the window has passed.
RECRUITMENT_RESPONSE_ATTEMPTS = 10
RECRUITMENT_RESPONSE_WINDOW = 600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Django's request loggers name the path: codes in it are replaced (config/request_log.py).
    "filters": {"redact_paths": {"()": "config.request_log.RedactPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_paths"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request (production: JSON on stdout); off in development, where runserver
        # prints its own line. REQUEST_LOG_LEVEL=INFO switches it on.
        "wkr.requests": {"level": os.environ.get("REQUEST_LOG_LEVEL", "WARNING")},
        # Request bodies and locals never reach logs: no personal data in log lines.
        "django.request": {"level": "ERROR", "propagate": True},
        # per-task and per-publish chatter
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        # lockouts and failed sign-ins (username and address, never the password)
        "axes": {"level": "WARNING"},
    },
}

# Events with open registration (events app): registrants' data is deleted this many days after the
# event (`manage.py purge_event_registrations`, daily); addresses that get every moderation notice.
EVENTS_PURGE_DAYS = int(os.environ.get("EVENTS_PURGE_DAYS", "30"))
EVENTS_MODERATION_EMAILS = env_list("EVENTS_MODERATION_EMAILS")
# The network (network app): applicants' contacts and dock-on requests are deleted this many days after
# the decision or the request (`manage.py purge_network_requests`, daily).
NETWORK_PURGE_DAYS = int(os.environ.get("NETWORK_PURGE_DAYS", "180"))
# Public forms without an account (config/ratelimit.py): submissions per client address and form.
PUBLIC_FORM_SUBMISSIONS = int(os.environ.get("PUBLIC_FORM_SUBMISSIONS", "10"))
PUBLIC_FORM_WINDOW = int(os.environ.get("PUBLIC_FORM_WINDOW", "600"))
