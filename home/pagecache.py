"""Whole responses of public pages, cached for anonymous readers, with exact purges.

What is cached: GET/HEAD requests without a session cookie or credentials, answered by one of the
views in ``PAGE_CACHE_VIEWS`` (Wagtail's page view, the feeds, calendars, sitemap, API, search
without a query) with a 200 that sets no cookie and is not marked private. The private side
(admin, the residents' response and evaluation pages) is never in that list, and anything that sets
a cookie (a form with a CSRF token, a session, a message) is never stored. That is why storing
happens in :class:`PageCacheStoreMiddleware`, outside the session, CSRF and message middleware: only
there are their cookies on the response. A reader with a pending message is never served from cache.

The key holds the path, the query string, whether the client takes gzip, the local date and two
generation counters: one per path (bumped by :func:`purge_paths`) and one for everything
(:func:`purge_all`). The date makes a cached page end at midnight, so a consent that expires
(``valid_until``) or a council whose day has come is never served from yesterday's cache.

Purges are exact (``home.purge`` wires them to signals): a published, unpublished, moved or deleted
page purges itself in every language, its ancestors (index, constituency, home page), every page it
references or that references it (Wagtail's reference index: a story and its council, a page and
its images) and the site-wide listings (feeds, sitemap, API, search, calendars).
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

# Views whose responses are the same for every anonymous reader.
PAGE_VIEW = "wagtail_serve"
LISTINGS = "listings"  # generation name shared by every non-page view
ALL = "all"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _generations(*names):
    found = _cache().get_many([f"pcgen:{n}" for n in names])
    return ".".join(str(found.get(f"pcgen:{n}", 0)) for n in names)


def _bump(names):
    cache = _cache()
    for name in names:
        key = f"pcgen:{name}"
        # add-then-incr is atomic on Redis and good enough for the local-memory cache
        cache.add(key, 0, None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, None)


def purge_paths(paths):
    """Forget every cached variant (query strings, encodings) of these URL paths."""
    _bump({f"path:{p}" for p in paths if p})


def purge_trees(paths):
    """Forget these paths and everything below them: a page with its routes (a council's
    documentation PDF, the press room's kits). Child pages go too."""
    _bump({f"tree:{p}" for p in paths if p})


def _prefixes(path):
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def purge_listings():
    _bump([LISTINGS])


def purge_all():
    _bump([ALL])


def _view_name(match):
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def _allowed(request, match):
    name = _view_name(match)
    allowed = getattr(settings, "PAGE_CACHE_VIEWS", ())
    if name not in allowed and not any(
        a.endswith(":*") and f"{match.namespace}:".startswith(a[:-1]) for a in allowed
    ):
        return False
    # search results depend on the query only, but would fill the cache with every word ever typed
    return not (match.url_name == "search" and request.GET.get("q"))


def _anonymous(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES  # a message waits to be shown
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request, generation):
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    raw = "|".join([generation, timezone.localdate().isoformat(), request.get_host(), request.path,
                    request.META.get("QUERY_STRING", ""), "gz" if gzip else ""])
    return "pc:" + hashlib.sha256(raw.encode()).hexdigest()


MAX_BYTES = 1_000_000  # press-kit archives and other large downloads are not worth the memory


def _storable(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and len(response.content) <= MAX_BYTES
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


class PageCacheStoreMiddleware:
    """Store the responses that :class:`PageCacheMiddleware` looked up in vain.

    Sits outside SessionMiddleware, CsrfViewMiddleware and MessageMiddleware (and inside the CSP
    middleware, so a stored page never carries another reader's nonce in its header): a page that put a
    CSRF token into a form, started a session or left a message sets a cookie, and is therefore not
    stored. Served pages are compressed already (GZipMiddleware sits inside both).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is None or getattr(response, "_from_page_cache", False):
            return response
        if _storable(response):
            if "max-age" in response.get("Cache-Control", ""):
                patch_cache_control(response, public=True)  # a view that names its lifetime keeps it
            else:
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ["Accept-Encoding"])
            if not response.has_header("ETag"):
                set_response_etag(response)
            _cache().set(key, response, _seconds())
            response["X-Page-Cache"] = "miss"
        return response


class PageCacheMiddleware:
    """Serve cached responses (see the module docstring) before the view runs.

    Sits after the authentication middleware and before GZipMiddleware, so hits skip the view and
    its queries.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _seconds() or not _anonymous(request) or not _allowed(request, request.resolver_match):
            return None
        if request.resolver_match.url_name == PAGE_VIEW:
            generation = _generations(ALL, f"path:{request.path}",
                                      *(f"tree:{p}" for p in _prefixes(request.path)))
        else:
            generation = _generations(ALL, LISTINGS, f"path:{request.path}")
        request._page_cache_key = _key(request, generation)
        cached = _cache().get(request._page_cache_key)
        if cached is None:
            return None
        cached._from_page_cache = True
        cached["X-Page-Cache"] = "hit"
        return cached
