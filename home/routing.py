"""Page routing in two queries, however deep the page: the home page finds every page along the
URL in one query (by ``url_path``) instead of Wagtail's two queries per level (child by slug, then
its specific object).

The walk follows Wagtail's rules: it stops at the first page whose type routes by itself (any page
overriding ``route``; a routable page only for a path one of its sub-URLs matches) and hands it the
rest of the path, and the page reached serves only if it is live (``Page.route``). A missing slug
is a 404.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction

from .templatetags.site_tags import remember_active_locale


def _routes_itself(page):
    return page.specific_class is not None and page.specific_class.route is not Page.route


def _stops_at(page, remaining):
    """Does Wagtail hand `remaining` to this page's own routing? A routable page (with Wagtail's
    ``RoutablePageMixin.route``) only takes a path one of its sub-URLs matches, and only while
    live; otherwise Wagtail looks for a child page, and so does the walk."""
    if not _routes_itself(page):
        return False
    cls = page.specific_class
    if remaining and issubclass(cls, RoutablePageMixin) and cls.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return False
    return True


def _specific(page):
    """``page.specific``, with the related rows its type names in ``route_select_related`` joined in
    (a council's Wahlkreis and its directly elected MdB: one query less on every council page)."""
    related = getattr(page.specific_class, "route_select_related", ())
    if not related:
        return page.specific
    specific = page.specific_class._default_manager.select_related(*related).get(pk=page.pk)
    for key, value in page.__dict__.items():  # as get_specific() does: keep what is already known
        specific.__dict__.setdefault(key, value)
    return specific


def route_from(home, request, path_components):
    """Route `path_components` below `home` (a page using Wagtail's default routing).

    The same query reads the home page's ancestors and the active locale, and tells for every page
    in the chain whether it has a view restriction: a page reached through a chain without any
    (and without aliases) answers ``get_view_restrictions()`` without a query (home.visibility).
    """
    prefixes = [home.url_path + "".join(f"{c}/" for c in path_components[: i + 1])
                for i in range(len(path_components))]
    above = [home.path[:end] for end in range(home.steplen, len(home.path) + 1, home.steplen)]
    rows = list(Page.objects.filter(Q(url_path__in=prefixes, depth__gt=home.depth, path__startswith=home.path)
                                    | Q(path__in=above))
                .select_related("locale")
                .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))))
    found = {p.url_path: p for p in rows if p.depth > home.depth}
    chain = [p for p in rows if p.depth <= home.depth]
    for row in chain:
        if row.pk == home.pk:
            remember_active_locale(request, row.locale, get_supported_content_language_variant(
                translation.get_language()))
    page, depth = home, 0
    while depth < len(path_components):
        child = found.get(prefixes[depth])
        if child is None or child.depth != page.depth + 1:
            raise Http404
        child.route_parent = page  # read by home.visibility.ParentFromRoute.get_parent()
        chain.append(child)
        page, depth = child, depth + 1
        if _stops_at(page, path_components[depth:]):
            break
    if page is home:
        return Page.route(home, request, [])
    specific = _specific(page)
    if not any(p.restricted or p.alias_of_id for p in chain) and len(chain) == page.depth:
        specific.route_has_no_view_restrictions = True
    if _routes_itself(page):
        return specific.route(request, path_components[depth:])
    return Page.route(specific, request, [])
