from .base import *  # noqa: F401,F403
from .base import STATIC_ROOT
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

# whitenoise looks here at start-up; an empty folder keeps it quiet before collectstatic
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Room for every cached fragment and site root path of a full run (the default 300 evicts entries
# mid-test and makes query counts flaky).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": 100_000}}}

# Existing tests sign in with force_login and no second factor; tests/security switches the
# production behaviour on with the `settings` fixture.
OTP_REQUIRED_FOR_PERSONAL_DATA = False
