"""Production: everything from the environment, nothing insecure by default."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import _TASK_BACKENDS, LOGGING, STORAGES, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The attempt counters of the public code pages are shared by all workers: Redis when REDIS_URL is set
# (base.py), otherwise a table in the database (`manage.py createcachetable` creates it). Never a
# per-process cache: three gunicorn workers would allow three times the attempts. The system check
# recruitment.E001 refuses a local-memory cache here.
if not os.environ.get("REDIS_URL"):
    CACHES["ratelimit"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wkr_ratelimit_cache",
    }
RECRUITMENT_SHARED_COUNTERS_REQUIRED = True

# Hashed, compressed static files served by whitenoise.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# The register import runs in the database queue: run `manage.py db_worker --backend recruitment`
# next to gunicorn (README, "Private side"). RECRUITMENT_TASKS=immediate runs it in the request.
RECRUITMENT_TASKS = os.environ.get("RECRUITMENT_TASKS", "database")
TASKS = {"default": _TASK_BACKENDS["immediate"], "recruitment": _TASK_BACKENDS[RECRUITMENT_TASKS]}

# Optional S3-compatible object storage for uploads (django-storages): images, their public
# renditions and documents, shared by every instance. Static files stay with whitenoise. The bucket
# stays private: files are reached through signed URLs that expire (originals are never public).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # e.g. https://s3.eu-central-1.example.com; unset for AWS itself
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # unset: boto3 finds AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment itself
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
        },
    }

if os.environ.get("EMAIL_BACKEND"):
    # A provider through django-anymail (requirements-production.txt), e.g.
    # EMAIL_BACKEND=anymail.backends.brevo.EmailBackend with ANYMAIL_BREVO_API_KEY=...
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
    ANYMAIL = {key.removeprefix("ANYMAIL_"): value for key, value in os.environ.items()
               if key.startswith("ANYMAIL_")}
elif os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
else:
    # Nothing configured: the server's own mail transfer agent, never the console (which would
    # print names and addresses into the logs).
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "localhost"
    EMAIL_PORT = 25
# A non-delivering backend (console, locmem, …) stops `manage.py check`/`migrate` (accounts.E001)
# unless ALLOW_CONSOLE_EMAIL=1, e.g. on a test installation.
ALLOW_CONSOLE_EMAIL = os.environ.get("ALLOW_CONSOLE_EMAIL", "0") == "1"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Load balancers probe instances over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Wagtail's live preview shows the site in a same-origin frame, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Logs: one JSON object per line on stdout (journald or the container runtime collects them), one
# line per request from config.request_log (method, view, redacted path, status, duration, instance,
# page cache hit/miss; never an address, a user, a query string or a code). INSTANCE_ID names the
# instance in every line (deploy/systemd sets it to host and port).
LOGGING["formatters"] = {"json": {"()": "config.request_log.JsonFormatter"}}
LOGGING["handlers"]["console"].update(formatter="json", stream="ext://sys.stdout")
LOGGING["loggers"]["wkr.requests"] = {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")}
