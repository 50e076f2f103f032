"""Structured request logs: one JSON line per request, with nothing personal in it.

:class:`RequestLogMiddleware` (first in ``MIDDLEWARE``) logs every request to the logger
``wkr.requests`` at INFO with these fields::

    {"event": "request", "method": "GET", "view": "wagtail_serve", "path": "/de/ueber-uns/",
     "status": 200, "duration_ms": 12.3, "instance": "web1-8001", "pid": 4711, "cache": "hit"}

- ``path`` never has a query string (searches, filters and tokens travel there), and every value
  the URL pattern captured is replaced by its name: ``/de/antwort/{code}/``,
  ``/admin/password_reset/confirm/{uidb64}/{token}/``. A response code of the residents' code
  pages therefore never reaches a log line.
- A path that matched no view or answered 404 is not logged at all (``"path": null``): it is
  whatever somebody typed, a mistyped code or a name included.
- ``cache`` is the page cache's verdict (``hit``/``miss``, ``home.pagecache``), or null when the
  page cache did not take part.
- ``instance`` is ``INSTANCE_ID`` from the environment (default: the host name), so the lines of
  several instances can be told apart.
- No client address, no user name or id, no e-mail, no cookie, no header, no request body.

:class:`JsonFormatter` writes any log record as one JSON line (production logs to stdout, where
journald or the container runtime collects it); :class:`RedactPaths` replaces the request path in
Django's own error lines ("Internal Server Error: /de/antwort/…") by the redacted one.
"""

import datetime
import json
import logging
import os
import socket
import time

from django.conf import settings

logger = logging.getLogger("wkr.requests")

INSTANCE = os.environ.get("INSTANCE_ID") or socket.gethostname()


def redacted_path(request, status=None):
    """The path with every captured URL value replaced by ``{name}``; None for unmatched paths and 404s."""
    match = getattr(request, "resolver_match", None)
    if status == 404:
        return None
    if match is None:  # static files answered by whitenoise before URL resolution; nothing else
        static = settings.STATIC_URL
        return request.path if status in (200, 304) and request.path.startswith(static) else None
    segments = request.path.split("/")
    captured = list(match.kwargs.items()) + [(f"arg{i}", value) for i, value in enumerate(match.args)]
    if match.url_name == "wagtail_serve":  # the page path is the content's own address, not input
        captured = []
    for name, value in captured:
        parts = str(value).strip("/").split("/")
        if parts == [""]:
            continue
        for start in range(len(segments) - len(parts) + 1):
            if segments[start:start + len(parts)] == parts:
                segments[start:start + len(parts)] = ["{" + name + "}"]
                break
    return "/".join(segments)


def view_name(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return match.view_name or None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            logger.info("request", extra={"fields": {
                "event": "request",
                "method": request.method,
                "view": view_name(request),
                "path": redacted_path(request, response.status_code),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "instance": INSTANCE,
                "pid": os.getpid(),
                "cache": response.get("X-Page-Cache"),
            }})
        return response


class RedactPaths(logging.Filter):
    """Django's request loggers name the path in their message: replace it by the redacted path."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple) and hasattr(request, "path"):
            safe = redacted_path(request) or "(path not logged)"
            record.args = tuple(safe if arg == request.path else arg for arg in record.args)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger and message, or a request line's fields."""

    def format(self, record):
        fields = getattr(record, "fields", None)
        when = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
        data = {"time": when.isoformat(timespec="milliseconds"), "level": record.levelname,
                "logger": record.name}
        if fields is not None:
            data.update(fields)
        else:
            data["message"] = record.getMessage()
            data["instance"] = INSTANCE
            if record.exc_info:
                data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)
