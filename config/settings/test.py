import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import WAGTAILSEARCH_BACKENDS

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "recruitment": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
WAGTAILSEARCH_BACKENDS = WAGTAILSEARCH_BACKENDS
# Off by default: tests change content without publishing signals; tests/home/test_page_cache.py
# switches it on.
PAGE_CACHE_SECONDS = 0

# Every file a test run writes (uploads, renditions, private extracts, caches) goes to a folder of its
# own, removed when the run ends: the tests never touch the development site's var/.
VAR_DIR = Path(tempfile.mkdtemp(prefix="wahlkreisrat-tests-"))
atexit.register(shutil.rmtree, VAR_DIR, ignore_errors=True)
# A test that starts the site in a subprocess (backups, the browser's demo server) names its own folders.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
RECRUITMENT_PRIVATE_ROOT = Path(os.environ.get("RECRUITMENT_PRIVATE_ROOT", VAR_DIR / "private"))
STATIC_ROOT = VAR_DIR / "static"
# whitenoise looks here at start-up; an empty folder keeps it quiet before collectstatic
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Room for every cached fragment and site root path of a full run (the default 300 evicts entries
# mid-test and makes query counts flaky).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": 100_000}},
          "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}}

# Existing tests sign in with force_login and no second factor; tests/security switches the
# production behaviour on with the `settings` fixture.
OTP_REQUIRED_FOR_PERSONAL_DATA = False
