"""Site furniture: navigation, language switcher, footer links and Open Graph metadata, each in one or
two queries (Open Graph in none: it reuses what the page has already loaded)."""

import datetime
import html

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import formats, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from home.chrome import Chrome, organisation
from home.models import OrganisationSettings

register = template.Library()

OG_LOCALES = {"de": "de_DE", "en": "en_GB"}
DESCRIPTION_CHARS = 300
#: shown when sharing a page without a picture of its own (1200 × 630), and the publisher's logo
OG_DEFAULT_IMAGE = "img/og-default.png"
OG_DEFAULT_SIZE = (1200, 630)
LOGO_IMAGE = "img/logo.svg"
#: the sign after a number: German sets a (no-break) space before %, English none
PERCENT_SIGNS = {"de": "\u00a0%"}


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def active_locale(request):
    """Locale.get_active(), once per request."""
    if not hasattr(request, "_active_locale"):
        request._active_locale = Locale.get_active()
    return request._active_locale


def remember_active_locale(request, locale, language_code):
    """Routing has read the home page's locale: it is the active one if its code matches."""
    if locale.language_code == language_code and not hasattr(request, "_active_locale"):
        request._active_locale = locale


def locale_of(page, request):
    """``page.locale``, without a query when it is the active locale (read once per request)."""
    if request is not None:
        active = active_locale(request)
        if page.locale_id == active.pk:
            return active
    return page.locale


def remember_localized_home(request, home):
    """Routing has found the home page of the active language (as Page.localized would)."""
    request._localized_home = home


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
def main_menu(context, lang_links=()):
    """The site header: wordmark, search, Leichte Sprache link, language switch and main navigation."""
    request = context["request"]
    home = localized_home(request)
    current = context.get("page")
    items = []
    for page in chrome(request, current).menu():
        items.append({
            "page": page,
            "url": page.get_url(request),
            "current": bool(current and current.pk == page.pk),
            "ancestor": bool(current and current.path.startswith(page.path) and current.pk != page.pk),
        })
    org = organisation(request)
    easy = next((link for link in important_pages(context) if link["field"] == "easy_language"), None)
    return {"home_url": home.get_url(request), "items": items, "site_name": org.name,
            "lang_links": lang_links, "easy_language": easy}


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
    overrides = context.get("alternate_urls")
    if overrides:
        # a view below a page (e.g. a press kit) knows its own URL in each language
        homes = chrome(request, page).home_translations() if isinstance(page, Page) else {}
        for code, _name in settings.LANGUAGES:
            if overrides.get(code):
                links.append(_link(code, names[code], overrides[code], True, current_lang))
            elif code in homes:
                links.append(_link(code, names[code], homes[code].get_url(request), False, current_lang))
    elif isinstance(page, Page) and page.pk:
        found = chrome(request, page)
        translations, homes = found.page_translations(), found.home_translations()
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            alternate = target is not None
            if target is None:
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
def organisation_settings(context):
    """The organisation's settings (home.chrome.organisation: read together with the footer's pages)."""
    return organisation(context["request"])


@register.simple_tag(takes_context=True)
def important_pages(context):
    """Footer links to Impressum, Datenschutz etc. in the active language (one query, once per request:
    the council page's data section reuses them)."""
    request = context["request"]
    if not hasattr(request, "_important_links"):
        request._important_links = _important_links(request, context.get("page"))
    return request._important_links


def _important_links(request, page):
    return [{"title": p.title, "url": p.get_url(request), "field": field}
            for field, p in chrome(request, page).important()]


def chrome(request, page=None):
    """The menu, footer and language-switch pages (home.chrome), read once per request."""
    key = page.translation_key if isinstance(page, Page) and page.pk else None
    found = getattr(request, "_chrome", None)
    if found is None or (key and found.page_key != key):  # a view may show a page of its own
        found = request._chrome = Chrome(request, localized_home(request), active_locale(request), page)
    return found


# --- absolute URLs, names and plain text (also used by the councils' JSON-LD) -------------------

def _site_or_default(request):
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def organisation_name(request):
    if request is not None:
        return organisation(request).name  # cached on the request
    site = _site_or_default(request)
    return OrganisationSettings.for_site(site).name if site else "Wahlkreisrat"


def absolute(request, url):
    """`url` made absolute against the current request (unchanged if already absolute)."""
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


def page_url(page, request):
    return absolute(request, page.get_url(request))


def home_url(request, locale):
    """Absolute URL of the home page in `locale`."""
    if request is not None and locale.language_code == translation.get_language():
        return page_url(localized_home(request), request)  # cached on the request
    site = _site_or_default(request)
    if not site:
        return None
    root = site.root_page
    home = root if root.locale_id == locale.pk else (root.get_translation_or_none(locale) or root)
    return page_url(home, request)


def plain_text(value, chars=DESCRIPTION_CHARS):
    """HTML (rich text) to one line of plain text, shortened on a word boundary."""
    text = " ".join(html.unescape(strip_tags(str(value or ""))).split())
    return Truncator(text).chars(chars, truncate="…") if chars else text


# --- Open Graph -------------------------------------------------------------------------------

def _og_locale(code):
    return OG_LOCALES.get(code, f"{code}_{code.upper()}")


def _og_type(page):
    explicit = getattr(page, "og_type", None)
    if explicit:
        return explicit
    # dated content (councils, follow-ups, stories) is an article; index and home pages are not
    return "article" if hasattr(page, "date") else "website"


def _og_description(page):
    if page.search_description:
        return page.search_description
    for name in ("intro", "guiding_question", "summary", "body"):
        value = getattr(page, name, None)
        if isinstance(value, str):  # TextField, CharField or RichTextField (HTML)
            text = plain_text(value)
            if text:
                return text
    return ""


def _alternate_codes(context, page):
    """Languages with a live translation of `page`.

    base.html has already computed them as `lang_links` (see language_links above);
    reuse those so Open Graph costs no extra queries. Otherwise ask the database.
    """
    links = context.get("lang_links")
    if links is not None:
        return {link["code"] for link in links if link.get("alternate")}
    return set(page.get_translations().live().public().values_list("locale__language_code", flat=True))


def _is_page_view(context, page):
    """True on a page's own view; False on other views, including those below a page
    (a press kit renders its press room page but has its own URL, given as `canonical_url`)."""
    return isinstance(page, Page) and bool(page.pk) and not context.get("canonical_url")


def default_description():
    return _("Wahlkreisräte: Ausgeloste Bürgerinnen und Bürger beraten einen Tag lang mit ihren "
             "Bundestagsabgeordneten. Empfehlungen, Rückmeldungen und Berichte.")


def canonical_url(context):
    """The absolute address of what is shown: the page's URL, a view's own `canonical_url`, or the
    request path (without query string)."""
    request = context.get("request")
    page = context.get("page")
    if context.get("canonical_url"):
        return absolute(request, context["canonical_url"])
    if isinstance(page, Page) and page.pk:
        return page_url(page, request)
    return request.build_absolute_uri(request.path) if request is not None else None


@register.simple_tag(takes_context=True)
def opengraph(context):
    """Open Graph values for the current page (or a bare set for non-page views)."""
    request = context.get("request")
    page = context.get("page")
    languages = [code for code, _name in settings.LANGUAGES]
    code = translation.get_language() or settings.LANGUAGE_CODE
    if _is_page_view(context, page):
        others = _alternate_codes(context, page)
        return {
            "title": page.seo_title or page.title,
            "description": _og_description(page) or default_description(),
            "type": _og_type(page),
            "url": page_url(page, request),
            "locale": _og_locale(code),
            "alternates": [_og_locale(c) for c in languages if c in others and c != code],
        }
    links = context.get("lang_links")
    others = ({link["code"] for link in links if link.get("alternate")} if links is not None else set(languages))
    return {
        "title": context.get("seo_title") or organisation_name(request),
        "description": context.get("seo_description") or default_description(),
        "type": "website",
        "url": canonical_url(context),
        "locale": _og_locale(code),
        "alternates": [_og_locale(c) for c in languages if c in others and c != code],
    }


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Description, canonical URL and absolute hreflang alternates (x-default: the German one) for
    includes/seo_head.html; uses the `lang_links` base.html has already computed."""
    request = context.get("request")
    page = context.get("page")
    if _is_page_view(context, page):
        description = page.search_description or _og_description(page)
    else:
        description = context.get("seo_description")
    links = context.get("lang_links")
    if links is None:
        links = language_links(context)
    alternates = [{"code": link["code"], "url": absolute(request, link["url"])}
                  for link in links if link.get("alternate")]
    default = next((a["url"] for a in alternates if a["code"] == settings.LANGUAGE_CODE), None)
    return {
        "description": plain_text(description or default_description()),
        "canonical": canonical_url(context),
        "alternates": alternates,
        "x_default": default,
    }


@register.simple_tag(takes_context=True)
def default_share_image(context):
    """Absolute URL, width and height of the fallback sharing picture."""
    width, height = OG_DEFAULT_SIZE
    return {"url": absolute(context.get("request"), static(OG_DEFAULT_IMAGE)), "width": width, "height": height}


def logo_url(request):
    return absolute(request, static(LOGO_IMAGE))


# --- numbers and moments in the active language ---------------------------------------------

@register.filter
def percent(value, decimals=0):
    """45 → "45 %" in German (no-break space), "45%" in English; `decimals` places, localised."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    text = formats.number_format(round(number, int(decimals)), int(decimals))
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return text + PERCENT_SIGNS.get(code, "%")


def _as_moment(value):
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return value if isinstance(value, datetime.datetime) else None


@register.filter
def moment(value):
    """A stored moment ("2026-05-04 18:30", local time, or a datetime) in the language's
    DATETIME_FORMAT: "4. Mai 2026, 18:30 Uhr" / "4 May 2026, 18:30"."""
    when = _as_moment(value)
    if when is None:
        return value or ""
    return formats.date_format(when, "DATETIME_FORMAT")


@register.filter
def moment_iso(value):
    """The same moment for <time datetime="…">."""
    when = _as_moment(value)
    return when.isoformat(timespec="minutes") if when is not None else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return absolute(context.get("request"), url) or ""
