"""The pages every public page links to (main menu, footer's important pages, language switch), read
in one query per request, plus Wagtail's cached site setting.

Before, these were three queries, one of them a join of seven full page rows (the most expensive
query of a council page to compile). Here every page row is read with only the columns a link needs.
"""

from django.db.models import F, Q
from wagtail.models import Page

from home.models import ImportantPages

LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "translation_key", "locale_id", "live", "show_in_menus")


class Chrome:
    def __init__(self, request, home, locale, page=None):
        self.home, self.locale = home, locale
        setting = ImportantPages.for_request(request)  # cached on the request by Wagtail
        self.chosen = {f: getattr(setting, f"{f}_id") for f in ImportantPages.FIELDS
                       if getattr(setting, f"{f}_id")}
        self.page_key = page.translation_key if isinstance(page, Page) and page.pk else None
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
