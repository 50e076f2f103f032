"""Settings shared by every environment. Environment-specific files import from here."""

import os
from pathlib import Path

import dj_database_url
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
    "home",
    "councils",
    "stories",
    "media",
    "recruitment",
    "django_tasks_db",  # database queue for background tasks (see TASKS)
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
    "django.middleware.security.SecurityMiddleware",
    # right after SecurityMiddleware: static files skip sessions, CSRF and auth
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SITE_DIR / "static"]
# The one type family of PDFs and generated images, shipped with its licence (never a server font).
FONT_DIR = SITE_DIR / "static" / "fonts" / "open-sans"
# Uploads never land inside the `media` app package.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# "ratelimit" holds the attempt counters of the public code pages (recruitment/public/code_entry.py).
# They must be shared by all workers: production uses Redis or the database (production.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "wkr",
    }
    CACHES["ratelimit"] = {**CACHES["default"], "KEY_PREFIX": "wkr-ratelimit"}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wahlkreisrat <kontakt@wahlkreisrat.example>")

WAGTAIL_SITE_NAME = "Wahlkreisrat"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "site_media.CustomImage"
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
# The public code pages: after this many failed codes from one client within the window (seconds),
# every lookup from that client gets HTTP 429 until the window has passed.
RECRUITMENT_RESPONSE_ATTEMPTS = 10
RECRUITMENT_RESPONSE_WINDOW = 600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies and locals never reach logs: no personal data in log lines.
        "django.request": {"level": "ERROR", "propagate": True},
        # per-task and per-publish chatter
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
