"""System checks of the private side."""

from django.conf import settings
from django.core.checks import Error, register

#: Cache backends that live inside one worker process.
PER_PROCESS_BACKENDS = ("django.core.cache.backends.locmem.LocMemCache",
                        "django.core.cache.backends.dummy.DummyCache")


@register()
def shared_attempt_counters(app_configs, **kwargs):
    """In production the attempt counters of the public code pages must be shared by all workers."""
    if not getattr(settings, "RECRUITMENT_SHARED_COUNTERS_REQUIRED", False):
        return []
    from config.ratelimit import CACHE_ALIAS

    backend = settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "")
    if backend in PER_PROCESS_BACKENDS or not backend:
        return [Error(
            f"The cache '{CACHE_ALIAS}' ({backend or 'not configured'}) is not shared by the workers: every "
            "worker would count the failed code attempts on its own.",
            hint="Set REDIS_URL, or use django.core.cache.backends.db.DatabaseCache and run "
                 "`manage.py createcachetable`.",
            id="recruitment.E001")]
    return []
