"""A rate limit for the public forms that take no account (event registration, local challenge,
micro-project application, dock-on request, mailing-list sign-up).

The code pages (recruitment/public/code_entry.py) count their failed attempts with the same counters: per client address
(:func:`config.client_ip.client_ip`, ``X-Forwarded-For`` only from a trusted proxy) in the cache alias
``ratelimit``, which all workers share in production. Each form has its own counter. The check runs
before the form is read, so a refused submission stores nothing and sends no mail; the answer is
HTTP 429 with a plain German (or English) message. The address is hashed in the key and never logged.

Settings: ``PUBLIC_FORM_SUBMISSIONS`` per ``PUBLIC_FORM_WINDOW`` seconds (default 10 per 10 minutes).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render

from .client_ip import client_ip

logger = logging.getLogger(__name__)

CACHE_ALIAS = "ratelimit"


def limits():
    return (getattr(settings, "PUBLIC_FORM_SUBMISSIONS", 10), getattr(settings, "PUBLIC_FORM_WINDOW", 600))


def key(request, scope):
    """The counter of `scope` for this client: the address hashed, never stored in the clear."""
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"{scope}:{digest}"


def over_limit(request, scope, limit):
    """True if this client's counter of `scope` has reached `limit`."""
    return (caches[CACHE_ALIAS].get(key(request, scope)) or 0) >= limit


def add_one(request, scope, window):
    """Count one event of `scope` for this client (the counter expires `window` seconds after its
    first event); returns the new count."""
    cache, name = caches[CACHE_ALIAS], key(request, scope)
    cache.add(name, 0, window)
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, window)
        return 1


def blocked(request, scope):
    """True if this client has used up its submissions of form `scope` in the window."""
    return over_limit(request, f"public-form:{scope}", limits()[0])


def count(request, scope):
    """Count one submission of form `scope` by this client."""
    add_one(request, f"public-form:{scope}", limits()[1])


def too_many(request, scope):
    """The 429 answer: nothing was stored."""
    logger.warning("public form %s: submissions limited (HTTP 429)", scope)
    response = render(request, "too_many_submissions.html", {"minutes": max(limits()[1] // 60, 1)}, status=429)
    response["Retry-After"] = str(limits()[1])
    return response


def limited_post(request, scope):
    """For a POST to form `scope`: the 429 answer if the client is over the limit (nothing else
    happens), else None after counting the submission."""
    if request.method != "POST":
        return None
    if blocked(request, scope):
        return too_many(request, scope)
    count(request, scope)
    return None
