"""The pages every public page links to (main menu, footer's important pages, language switch), read
in one query per request, plus Wagtail's cached site setting.

Before, these were three queries, one of them a join of seven full page rows (the most expensive
query of a council page to compile). Here every page row is read with only the columns a link needs.
"""

from django.db.models import F, Q
from wagtail.models import Page, Site

from home.models import ImportantPages, OrganisationSettings

LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "translation_key", "locale_id", "live", "show_in_menus")


def organisation(request):
    """The site's OrganisationSettings, carrying the ImportantPages choices as ``important_<field>``:
    both settings in one query (joined through the site, cheaper to compile than subqueries), once
    per request (templates use it instead of ``settings.home``)."""
    if not hasattr(request, "_organisation"):
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
        both = Site.objects.select_related("organisationsettings", "importantpages").get(pk=site.pk)
        try:
            org = both.organisationsettings
        except OrganisationSettings.DoesNotExist:  # not saved yet: Wagtail creates it
            org = OrganisationSettings.for_site(site)
        try:
            chosen = both.importantpages
        except ImportantPages.DoesNotExist:
            chosen = None
        for field in ImportantPages.FIELDS:
            setattr(org, f"important_{field}", getattr(chosen, f"{field}_id", None))
        request._organisation = org
    return request._organisation


def wanted_with_route(request, root, steps):
    """The chrome's pages as a condition for the routing query (home.routing.route_request), so
    that they come with it: the menu pages below every home page, the footer's chosen pages and their
    translations, and the translations of every page the URL's slugs may name. Kept simple: a
    condition with many subqueries costs more to compile than a query."""
    org = organisation(request)
    chosen = [pk for pk in (getattr(org, f"important_{f}", None) for f in ImportantPages.FIELDS) if pk]
    wanted = Q(depth=root.depth + 1, live=True, show_in_menus=True)
    if chosen:
        wanted |= Q(pk__in=chosen) | Q(translation_key__in=Page.objects.filter(pk__in=chosen).values("translation_key"),
                                      live=True)
    if steps:
        wanted |= Q(translation_key__in=Page.objects.filter(steps).values("translation_key"), live=True)
    return wanted


def remember_route_rows(request, rows):
    """Page rows read by the routing query (with their locale) that hold the chrome's pages."""
    for row in rows:
        row.language_code = row.locale.language_code
    request._route_rows = rows


class Chrome:
    def __init__(self, request, home, locale, page=None):
        self.home, self.locale = home, locale
        org = organisation(request)
        self.chosen = {f: getattr(org, f"important_{f}", None) for f in ImportantPages.FIELDS}
        self.chosen = {f: pk for f, pk in self.chosen.items() if pk}
        self.page_key = page.translation_key if isinstance(page, Page) and page.pk else None
        rows = getattr(request, "_route_rows", None)
        if rows is not None and (self.page_key is None or any(r.translation_key == self.page_key for r in rows)):
            self.pages = rows  # read with the route (wanted_with_route)
            return
        wanted = (Q(depth=home.depth + 1, path__startswith=home.path, live=True, show_in_menus=True)
                  | Q(translation_key=home.translation_key, live=True))
        if self.chosen:
            keys = Page.objects.filter(pk__in=self.chosen.values()).values("translation_key")
            wanted |= Q(pk__in=self.chosen.values()) | Q(translation_key__in=keys, locale=locale, live=True)
        if self.page_key:
            wanted |= Q(translation_key=self.page_key, live=True)
        self.pages = list(Page.objects.filter(wanted).only(*LINK_FIELDS)
                          .annotate(language_code=F("locale__language_code")).order_by("path"))

    def menu(self):
        home = self.home
        return [p for p in self.pages if p.live and p.show_in_menus and p.depth == home.depth + 1
                and p.path.startswith(home.path)]

    def translations(self, translation_key):
        """{language code: live page} of one translation key (this page's or the home page's)."""
        return {p.language_code: p for p in self.pages if p.live and p.translation_key == translation_key}

    def page_translations(self):
        return self.translations(self.page_key) if self.page_key else {}

    def home_translations(self):
        return self.translations(self.home.translation_key)

    def important(self):
        """[(field, page in the active language)] in the setting's order; a chosen page without a
        live version in the active language is left out."""
        key_by_pk = {p.pk: p.translation_key for p in self.pages}
        localized = {p.translation_key: p for p in self.pages if p.live and p.locale_id == self.locale.pk}
        found = []
        for field in ImportantPages.FIELDS:
            page = localized.get(key_by_pk.get(self.chosen.get(field)))
            if page is not None:
                found.append((field, page))
        return found
