"""The councils' sections of the home page, so the home app never imports this one:

    {% load council_highlights %}
    {% upcoming_councils 3 %} {% latest_results 3 %} {% latest_followups 3 %}
    {% key_figures %} {% council_map %}

Each shows the pages of the current page's language (or the active language) and renders nothing
when it has nothing to show.
"""

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .. import highlights

register = template.Library()


def _locale_id(context):
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    return locale_id or Locale.get_active().pk


@register.inclusion_tag("councils/includes/home_upcoming.html", takes_context=True)
def upcoming_councils(context, limit=3):
    request = context.get("request")
    councils = highlights.upcoming_councils(_locale_id(context), limit, request=request)
    return {"request": request, "councils": councils,
            "index_url": highlights.index_url(councils[0].get_url(request)) if councils else None}


@register.inclusion_tag("councils/includes/home_results.html", takes_context=True)
def latest_results(context, limit=3):
    request = context.get("request")
    return {"request": request, "councils": highlights.latest_results(_locale_id(context), limit, request=request)}


@register.inclusion_tag("councils/includes/home_followups.html", takes_context=True)
def latest_followups(context, limit=3):
    request = context.get("request")
    return {"request": request, "follow_ups": highlights.latest_followups(_locale_id(context), limit, request)}


@register.inclusion_tag("councils/includes/home_figures.html", takes_context=True)
def key_figures(context):
    return {"figures": highlights.key_figures(_locale_id(context), request=context.get("request"))}


@register.inclusion_tag("councils/includes/home_map.html", takes_context=True)
def council_map(context):
    request = context.get("request")
    preview = highlights.map_preview(_locale_id(context), request, title=_("Wahlkreise mit Wahlkreisrat"),
                                     link_label=_("Wahlkreis {number}: {name}"))
    return {"request": request, **preview}
