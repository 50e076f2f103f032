"""The home page's machine-readable metadata: schema.org Organization as JSON-LD."""

import json

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from home.models import OrganisationSettings

from .site_tags import absolute

register = template.Library()

LOGO = "img/logo.svg"


def _logo_url(request):
    try:
        return absolute(request, static(LOGO))
    except ValueError:  # a manifest storage without the logo: leave it out rather than fail the page
        return None


def organisation_data(request, page):
    """schema.org Organization from the OrganisationSettings of the request's site."""
    org = OrganisationSettings.for_request(request)
    data = {"@context": "https://schema.org", "@type": "Organization", "name": org.name}
    url = absolute(request, page.get_url(request)) if page is not None else None
    optional = {
        "url": url,
        "logo": _logo_url(request),
        "email": org.email,
        "telephone": org.phone,
        "address": ", ".join(line.strip() for line in org.address.splitlines() if line.strip()),
    }
    data.update({key: value for key, value in optional.items() if value})
    same_as = [link for _label, link in org.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


@register.simple_tag(takes_context=True)
def organisation_jsonld(context):
    """The JSON for <script type="application/ld+json">; `</` is written as `<\\/` so no value can
    close the element."""
    data = organisation_data(context["request"], context.get("page"))
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("</", "<\\/"))
