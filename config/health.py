"""`/health/` for load balancers: is this instance able to serve? Says ok or which part fails, nothing else.

Checks the database, the default cache (Redis when configured, shared by all instances), the media
storage (local folder or object storage) and the task queue: a register import waiting longer than
HEALTH_MAX_TASK_WAIT seconds means no worker is running. No versions, counts, hosts or errors are
shown: the endpoint is public and load balancers need only the status code.
"""

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    cache.set("health:probe", "1", 10)
    return cache.get("health:probe") == "1"


def _storage():
    default_storage.exists("health-probe")  # raises when the bucket or folder is unreachable
    return True


def _tasks():
    backends = [name for name, conf in settings.TASKS.items() if conf["BACKEND"].startswith("django_tasks_db")]
    if not backends:
        return True  # tasks run in the request: no queue to fall behind
    from django_tasks_db.models import DBTaskResult

    limit = timezone.now() - datetime.timedelta(seconds=getattr(settings, "HEALTH_MAX_TASK_WAIT", 900))
    return not DBTaskResult.objects.ready().filter(backend_name__in=backends, enqueued_at__lt=limit).exists()


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "tasks": _tasks}


@never_cache
def health(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = "ok" if check() else "fail"
        except Exception:  # the reason goes to the log (no personal data in it), not to the caller
            logger.exception("health check %s failed", name)
            results[name] = "fail"
    ok = all(v == "ok" for v in results.values())
    return JsonResponse({"status": "ok" if ok else "fail", "checks": results}, status=200 if ok else 503)
