"""Machine-readable metadata for council pages: JSON-LD (schema.org) and Open Graph."""

import html
import json

from django import template
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Page, Site

from home.models import OrganisationSettings
from home.templatetags.site_tags import localized_home

from ..models import CouncilPage

register = template.Library()

OG_LOCALES = {"de": "de_DE", "en": "en_GB"}
DESCRIPTION_CHARS = 300


# --- helpers ----------------------------------------------------------------------------------

def _site(request):
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def _org_name(request):
    if request is not None:
        return OrganisationSettings.for_request(request).name  # cached on the request
    site = _site(request)
    return OrganisationSettings.for_site(site).name if site else "Wahlkreisrat"


def absolute(request, url):
    """`url` made absolute against the current request (unchanged if already absolute)."""
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


def page_url(page, request):
    return absolute(request, page.get_url(request))


def _home_url(request, locale):
    if request is not None and locale.language_code == translation.get_language():
        return page_url(localized_home(request), request)  # cached on the request
    site = _site(request)
    if not site:
        return None
    root = site.root_page
    home = root if root.locale_id == locale.pk else (root.get_translation_or_none(locale) or root)
    return page_url(home, request)


def plain_text(value, chars=DESCRIPTION_CHARS):
    """HTML (rich text) to one line of plain text, shortened on a word boundary."""
    text = " ".join(html.unescape(strip_tags(str(value or ""))).split())
    return Truncator(text).chars(chars, truncate="…") if chars else text


def dumps_for_script(data):
    """JSON for inside <script>: `</` is written as `<\\/` so no string can close the element."""
    return json.dumps(data, ensure_ascii=False, default=str).replace("</", "<\\/")


def _organisation(request, locale):
    org = {"@type": "Organization", "name": _org_name(request)}
    home = _home_url(request, locale)
    if home:
        org["url"] = home
    return org


def _mdb_name(council):
    """The MdB's display name, or None if the constituency or its MdB is unknown."""
    try:
        wahlkreis = council.wahlkreis
        return wahlkreis.mdb.display_name if wahlkreis is not None else None
    except ObjectDoesNotExist:
        return None


# --- JSON-LD ----------------------------------------------------------------------------------

def council_event_data(council, request):
    """schema.org Event for a council (the workshop day)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": council.title,
        "description": council.guiding_question,
        "startDate": council.date.isoformat(),
        "endDate": council.date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": council.venue_town,
            "address": {"@type": "PostalAddress", "addressLocality": council.venue_town,
                        "addressCountry": "DE"},
        },
        "organizer": _organisation(request, council.locale),
        "inLanguage": council.locale.language_code,
    }
    url = page_url(council, request)
    if url:
        data["url"] = url
    return data


def followup_article_data(follow_up, request):
    """schema.org Article for a follow-up, by the MdB (if known), about the council's Event."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(follow_up.title).chars(110, truncate="…"),
        "datePublished": follow_up.date.isoformat(),
        "inLanguage": follow_up.locale.language_code,
        "publisher": _organisation(request, follow_up.locale),
    }
    if follow_up.last_published_at:
        data["dateModified"] = follow_up.last_published_at.isoformat()
    description = follow_up.search_description or plain_text(follow_up.body)
    if description:
        data["description"] = description
    url = page_url(follow_up, request)
    if url:
        data["url"] = url
    parent = follow_up.get_parent() if follow_up.pk else None
    council = parent.specific if parent is not None else None
    if isinstance(council, CouncilPage):
        name = _mdb_name(council)
        if name:
            data["author"] = {"@type": "Person", "name": name}
        about = {"@type": "Event", "name": council.title, "startDate": council.date.isoformat()}
        council_url = page_url(council, request)
        if council_url:
            about["url"] = council_url
        data["about"] = about
    return data


@register.simple_tag(takes_context=True)
def council_jsonld(context, page):
    return mark_safe(dumps_for_script(council_event_data(page, context.get("request"))))


@register.simple_tag(takes_context=True)
def followup_jsonld(context, page):
    return mark_safe(dumps_for_script(followup_article_data(page, context.get("request"))))


# --- feeds ------------------------------------------------------------------------------------

@register.simple_tag
def council_feed_urls(page):
    """{"rss": …, "atom": …} of a council's follow-up feed, in the active language."""
    return {
        "rss": reverse("councils:council_followups_rss", kwargs={"page_id": page.pk}),
        "atom": reverse("councils:council_followups_atom", kwargs={"page_id": page.pk}),
    }


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

    base.html has already computed them as `lang_links` (see home.templatetags.site_tags);
    reuse those so Open Graph costs no extra queries. Otherwise ask the database.
    """
    links = context.get("lang_links")
    if links is not None:
        return {link["code"] for link in links if link.get("alternate")}
    return set(page.get_translations().live().public().values_list("locale__language_code", flat=True))


@register.simple_tag(takes_context=True)
def opengraph(context):
    """Open Graph values for the current page (or a bare set for non-page views)."""
    request = context.get("request")
    page = context.get("page")
    languages = [code for code, _name in settings.LANGUAGES]
    code = translation.get_language() or settings.LANGUAGE_CODE
    if isinstance(page, Page) and page.pk:
        others = _alternate_codes(context, page)
        return {
            "title": page.seo_title or page.title,
            "description": _og_description(page),
            "type": _og_type(page),
            "url": page_url(page, request),
            "locale": _og_locale(code),
            "alternates": [_og_locale(c) for c in languages if c in others and c != code],
        }
    return {
        "title": _org_name(request),
        "description": "",
        "type": "website",
        "url": request.build_absolute_uri(request.path) if request is not None else None,
        "locale": _og_locale(code),
        "alternates": [_og_locale(c) for c in languages if c != code],
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return absolute(context.get("request"), url) or ""
