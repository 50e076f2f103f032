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


def _index_url(context, locale_id):
    request = context.get("request")
    index = highlights.council_index(locale_id, request)
    return index.get_url(request) if index else None


@register.inclusion_tag("councils/includes/home_upcoming.html", takes_context=True)
def upcoming_councils(context, limit=3):
    locale_id = _locale_id(context)
    councils = highlights.upcoming_councils(locale_id, limit)
    return {"request": context.get("request"), "councils": councils,
            "index_url": _index_url(context, locale_id) if councils else None}


@register.inclusion_tag("councils/includes/home_results.html", takes_context=True)
def latest_results(context, limit=3):
    return {"request": context.get("request"), "councils": highlights.latest_results(_locale_id(context), limit)}


@register.inclusion_tag("councils/includes/home_followups.html", takes_context=True)
def latest_followups(context, limit=3):
    return {"request": context.get("request"), "follow_ups": highlights.latest_followups(_locale_id(context), limit)}


@register.inclusion_tag("councils/includes/home_figures.html", takes_context=True)
def key_figures(context):
    return {"figures": highlights.key_figures(_locale_id(context))}


@register.inclusion_tag("councils/includes/home_map.html", takes_context=True)
def council_map(context):
    locale_id = _locale_id(context)
    request = context.get("request")
    preview = highlights.map_preview(locale_id, request, title=_("Wahlkreise mit einem Wahlkreisrat"),
                                     link_label=_("Wahlkreis {number}: {name}"))
    return {"request": request, **preview, "index_url": _index_url(context, locale_id)}
