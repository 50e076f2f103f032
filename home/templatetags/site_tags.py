"""Site furniture: navigation, language switcher and footer links, each in one or two queries."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import ImportantPages, OrganisationSettings

register = template.Library()


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def active_locale(request):
    """Locale.get_active(), once per request."""
    if not hasattr(request, "_active_locale"):
        request._active_locale = Locale.get_active()
    return request._active_locale


def localized_home(request):
    """The home page of the active language (cached on the request)."""
    if not hasattr(request, "_localized_home"):
        root = _site(request).root_page
        locale = active_locale(request)
        request._localized_home = root if root.locale_id == locale.pk else (
            root.get_translation_or_none(locale) or root
        )
    return request._localized_home


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = localized_home(request)
    current = context.get("page")
    items = []
    for page in home.get_children().live().in_menu().only("id", "title", "path", "url_path", "depth"):
        items.append({
            "page": page,
            "url": page.get_url(request),
            "current": bool(current and current.pk == page.pk),
            "ancestor": bool(current and current.path.startswith(page.path) and current.pk != page.pk),
        })
    # the settings context processor has already loaded (and cached) the organisation setting
    org = context["settings"]["home"]["OrganisationSettings"] if "settings" in context else \
        OrganisationSettings.for_request(request)
    return {"home_url": home.get_url(request), "items": items, "site_name": org.name}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: the translated page if it exists, else that language's home.

    `alternate` is True only for a real translation of the current page; those are the
    ones announced with <link rel="alternate" hreflang>.
    """
    request = context["request"]
    page = context.get("page")
    current_lang = translation.get_language()
    names = dict(settings.LANGUAGES)
    links = []
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        homes = None
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            alternate = target is not None
            if target is None:
                if homes is None:
                    homes = {h.locale.language_code: h for h in
                             localized_home(request).get_translations(inclusive=True).live().select_related("locale")}
                target = homes.get(code)
            if target is None:
                continue
            links.append(_link(code, names[code], target.get_url(request), alternate, current_lang))
    else:
        path = request.get_full_path()
        for code, _name in settings.LANGUAGES:
            links.append(_link(code, names[code], translate_url(path, code), True, current_lang))
    return links


def _link(code, name, url, alternate, current_lang):
    with translation.override(code):
        # each language's name in its own language, as switchers should
        native = str(name)
    return {"code": code, "name": native, "url": url, "alternate": alternate, "current": code == current_lang}


@register.simple_tag(takes_context=True)
def important_pages(context):
    """Footer links to Impressum, Datenschutz etc. in the active language (one query)."""
    request = context["request"]
    setting = ImportantPages.for_request(request)
    ids = {field: getattr(setting, f"{field}_id") for field in ImportantPages.FIELDS}
    ids = {k: v for k, v in ids.items() if v}
    if not ids:
        return []
    # The chosen pages and their translations in the active language, in one query.
    chosen_keys = Page.objects.filter(pk__in=ids.values()).values("translation_key")
    pages = list(
        Page.objects.filter(translation_key__in=chosen_keys)
        .filter(Q(pk__in=ids.values()) | Q(locale=active_locale(request), live=True))
        .only("id", "title", "url_path", "path", "depth", "translation_key", "locale_id", "live")
    )
    key_by_pk = {p.pk: p.translation_key for p in pages}
    localized = {p.translation_key: p for p in pages if p.locale_id == active_locale(request).pk and p.live}
    links = []
    for field in ImportantPages.FIELDS:
        page = localized.get(key_by_pk.get(ids.get(field)))
        if page:
            links.append({"title": page.title, "url": page.get_url(request), "field": field})
    return links
