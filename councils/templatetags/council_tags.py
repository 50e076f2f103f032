"""Machine-readable metadata for council and follow-up pages: JSON-LD (schema.org).

Open Graph, used by every page, lives in home.templatetags.site_tags."""

import json

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from home.templatetags.site_tags import home_url, organisation_name, page_url, plain_text

from ..models import CouncilPage

register = template.Library()


# --- helpers ----------------------------------------------------------------------------------

def dumps_for_script(data):
    """JSON for inside <script>: `</` is written as `<\\/` so no string can close the element."""
    return json.dumps(data, ensure_ascii=False, default=str).replace("</", "<\\/")


def _organisation(request, locale):
    org = {"@type": "Organization", "name": organisation_name(request)}
    home = home_url(request, locale)
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
