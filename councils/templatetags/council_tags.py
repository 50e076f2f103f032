"""Machine-readable metadata for council and follow-up pages: JSON-LD (schema.org).

Open Graph, used by every page, lives in home.templatetags.site_tags."""

import json

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from home.templatetags.site_tags import absolute, home_url, locale_of, organisation_name, page_url, plain_text
from media.templatetags.public_media import is_public

from ..logic.dates import local_moment
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


def _author(follow_up, council):
    """The member who answers: the follow-up's own, else the council's only member (or None)."""
    if follow_up.mdb_id:
        return follow_up.mdb
    mdbs = council.mdbs()
    return mdbs[0] if len(mdbs) == 1 else None


def _moment(council, time):
    """ISO date-time with the Berlin offset of that day (+01:00 or +02:00); the date alone without a time."""
    moment = local_moment(council.date, time, timezone.get_default_timezone())
    return moment.isoformat() if moment else council.date.isoformat()


def _place(council):
    address = {"@type": "PostalAddress", "addressLocality": council.venue_town, "addressCountry": "DE"}
    if council.venue_street:
        address["streetAddress"] = council.venue_street
    if council.venue_postcode:
        address["postalCode"] = council.venue_postcode
    return {"@type": "Place", "name": council.venue_name or council.venue_town, "address": address}


def _images(council, request, gallery=None):
    """Absolute URLs of the gallery photos that may be shown on the website (media.consent)."""
    if gallery is None:
        from ..ledger import gallery as council_gallery

        gallery = council_gallery(council) if council.pk else []
    urls = []
    for item in gallery[:3]:
        if is_public(item.image, "website"):
            urls.append(absolute(request, item.image.get_rendition("fill-1200x900|format-jpeg").url))
    return urls


# --- JSON-LD ----------------------------------------------------------------------------------

def council_event_data(council, request, gallery=None, mdbs=None):
    """schema.org Event for a council: the workshop day from its start to the end of the public
    presentation (times with the Berlin offset), the venue's address, photos and the presentation
    as a sub-event."""
    end = council.presentation_end or council.workshop_end
    locale = locale_of(council, request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": council.title,
        "description": council.guiding_question,
        "startDate": _moment(council, council.workshop_start or council.presentation_start),
        "endDate": _moment(council, end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(council),
        "organizer": _organisation(request, locale),
        "inLanguage": locale.language_code,
    }
    url = page_url(council, request)
    if url:
        data["url"] = url
    images = _images(council, request, gallery)
    if images:
        data["image"] = images
    if council.presentation_start:
        presentation = {
            "@type": "Event",
            "name": _("Öffentliche Präsentation der Ergebnisse: %(topic)s") % {"topic": council.title},
            "startDate": _moment(council, council.presentation_start),
            "location": _place(council),
            "isAccessibleForFree": True,
        }
        if council.presentation_end:
            presentation["endDate"] = _moment(council, council.presentation_end)
        performers = [{"@type": "Person", "name": mdb.display_name}
                      for mdb in (mdbs if mdbs is not None else council.mdbs())]
        if performers:
            presentation["performer"] = performers
        data["subEvent"] = [presentation]
    return data


def followup_article_data(follow_up, request):
    """schema.org Article for a follow-up, by the MdB (if known), about the council's Event."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(follow_up.title).chars(110, truncate="…"),
        "datePublished": follow_up.date.isoformat(),
        "inLanguage": locale_of(follow_up, request).language_code,
        "publisher": _organisation(request, locale_of(follow_up, request)),
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
        author = _author(follow_up, council)
        if author:
            data["author"] = {"@type": "Person", "name": author.display_name}
        about = {"@type": "Event", "name": council.title,
                 "startDate": _moment(council, council.workshop_start)}
        council_url = page_url(council, request)
        if council_url:
            about["url"] = council_url
        data["about"] = about
    return data


@register.simple_tag(takes_context=True)
def council_jsonld(context, page):
    data = council_event_data(page, context.get("request"), context.get("gallery"), context.get("mdbs"))
    return mark_safe(dumps_for_script(data))


@register.simple_tag(takes_context=True)
def followup_jsonld(context, page):
    return mark_safe(dumps_for_script(followup_article_data(page, context.get("request"))))
