"""Page routing in two queries, however deep the page. ``route_request`` (the site's page view,
home.views.serve) reads the home page of the active language, every page along the URL, their
ancestors' view restrictions and the pages the header and footer link to in one query, then the
served page's specific object; ``route_from`` (HomePage.route, for Wagtail's own routing) does the
same below a known home page. Wagtail needs five queries before the first level and two per level.

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

from .chrome import remember_route_rows, wanted_with_route
from .templatetags.site_tags import remember_active_locale, remember_localized_home


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
    (a council's Wahlkreis and its directly elected MdB) and the values its ``route_annotations()``
    asks for (a council's public record): queries less on every such page."""
    cls = page.specific_class
    related = getattr(cls, "route_select_related", ())
    annotations = cls.route_annotations() if hasattr(cls, "route_annotations") else {}
    if not related and not annotations:
        return page.specific
    specific = cls._default_manager.select_related(*related).annotate(**annotations).get(pk=page.pk)
    for key, value in page.__dict__.items():  # as get_specific() does: keep what is already known
        specific.__dict__.setdefault(key, value)
    return specific


#: what routing, the view-restriction check and the chrome's links read of a page row; the served
#: page itself is read again whole as its specific type (_specific)
ROW_FIELDS = ("id", "path", "depth", "numchild", "slug", "title", "seo_title", "url_path", "live", "show_in_menus",
              "content_type_id", "alias_of_id", "translation_key", "locale__id", "locale__language_code",
              "first_published_at", "last_published_at", "latest_revision_id", "has_unpublished_changes")


def _annotated(rows):
    return (rows.select_related("locale").only(*ROW_FIELDS)
            .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))))


def _above(page):
    """The paths of `page` and its ancestors."""
    return [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]


def route_from(home, request, path_components):
    """Route `path_components` below `home` (a page using Wagtail's default routing): every page
    along the URL, the home page's ancestors and whether any of them has a view restriction, in
    one query."""
    prefixes = [home.url_path + "".join(f"{c}/" for c in path_components[: i + 1])
                for i in range(len(path_components))]
    rows = list(_annotated(Page.objects.filter(
        Q(url_path__in=prefixes, depth__gt=home.depth, path__startswith=home.path) | Q(path__in=_above(home)))))
    for row in rows:
        if row.pk == home.pk:
            _remember_locale(request, row.locale)
    return _walk(home, rows, request, path_components)


def route_request(site, request, path_components):
    """What ``Page.route_for_request`` does (``site.root_page.localized.specific.route()``) in two
    queries instead of five: one reads the site root's translations (the home page of every
    language, with its locale: no query for the active locale), the pages whose depth and slug
    match the URL and the ancestors with their view restrictions; the other the served page's
    specific object. A home page type with routing of its own gets the path as in Wagtail."""
    root = site.root_page
    steps = Q()
    for i, slug in enumerate(path_components):
        steps |= Q(depth=root.depth + 1 + i, slug=slug)
    rows = list(_annotated(Page.objects.filter(
        Q(translation_key=root.translation_key, depth=root.depth) | Q(path__in=_above(root)[:-1]) | steps
        | wanted_with_route(request, root, steps))))
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:  # as Page.localized: not a content language, the root serves
        language = None
    homes = [r for r in rows if r.depth == root.depth and r.translation_key == root.translation_key]
    home = next((h for h in homes if h.locale.language_code == language), None)
    if home is not None:
        _remember_locale(request, home.locale)
    else:
        home = next((h for h in homes if h.pk == root.pk), root)
    remember_localized_home(request, home)
    remember_route_rows(request, rows)
    if home.specific_class is None or home.specific_class.route is not _home_route():
        return home.specific.route(request, path_components)
    return _walk(home, rows, request, path_components)


def _home_route():
    from .models import HomePage

    return HomePage.route


def _remember_locale(request, locale):
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return
    remember_active_locale(request, locale, language)


def _walk(home, rows, request, path_components):
    """Walk from `home` down `path_components` through `rows` (pages below home, and home with its
    ancestors, each annotated with ``restricted``; others are ignored) and hand the page reached
    the rest of the path."""
    children = {(p.depth, p.slug, p.path[: (p.depth - 1) * p.steplen]): p for p in rows if p.depth > home.depth}
    chain = [p for p in rows if p.depth <= home.depth and home.path.startswith(p.path)]
    page, depth = home, 0
    while depth < len(path_components):
        child = children.get((page.depth + 1, path_components[depth], page.path))
        if child is None:
            raise Http404
        child.route_parent = page  # read by home.visibility.ParentFromRoute.get_parent()
        chain.append(child)
        page, depth = child, depth + 1
        if _stops_at(page, path_components[depth:]):
            break
    specific = home if page is home and type(home) is not Page else _specific(page)
    if len(chain) == page.depth and not any(p.restricted or p.alias_of_id for p in chain):
        specific.route_has_no_view_restrictions = True
    if page is home:
        return Page.route(specific, request, [])
    if _routes_itself(page):
        return specific.route(request, path_components[depth:])
    return Page.route(specific, request, [])
