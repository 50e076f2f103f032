"""JSON-LD (schema.org Event) for event pages; the JSON escaping is the councils' (dumps_for_script)."""

from django import template
from django.utils.safestring import mark_safe

from councils.templatetags.council_tags import dumps_for_script
from home.templatetags.site_tags import home_url, organisation_name, page_url

register = template.Library()


def event_data(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "startDate": page.starts_at.isoformat(),
        "endDate": page.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "inLanguage": page.locale.language_code,
        "isAccessibleForFree": True,
        "maximumAttendeeCapacity": page.capacity,
    }
    if page.intro:
        data["description"] = page.intro
    organizer = {"@type": "Organization", "name": organisation_name(request)}
    home = home_url(request, page.locale)
    if home:
        organizer["url"] = home
    data["organizer"] = organizer
    url = page_url(page, request)
    if page.online:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        # the access link is private; the page itself is where one registers
        data["location"] = {"@type": "VirtualLocation", "url": url or ""}
    else:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        address = {"@type": "PostalAddress", "addressLocality": page.venue_town, "addressCountry": "DE"}
        if page.venue_street:
            address["streetAddress"] = page.venue_street
        if page.venue_postcode:
            address["postalCode"] = page.venue_postcode
        data["location"] = {"@type": "Place", "name": page.venue_name or page.venue_town, "address": address}
    if url:
        data["url"] = url
    return data


@register.simple_tag(takes_context=True)
def event_jsonld(context, page):
    return mark_safe(dumps_for_script(event_data(page, context.get("request"))))
