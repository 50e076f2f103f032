"""The councils' part of the "Offene Daten" page: every council with its own feeds and calendar entry."""

from django import template
from wagtail.models import Locale

from ..models import ATTRIBUTION, CouncilPage

register = template.Library()


@register.inclusion_tag("councils/includes/open_data_councils.html", takes_context=True)
def council_data_links(context):
    """A table of the live councils of the active language: RSS, Atom and iCal for each."""
    councils = (CouncilPage.objects.live().public().filter(locale=Locale.get_active())
                .select_related("wahlkreis").order_by("wahlkreis__number", "date", "title"))
    return {"councils": councils, "request": context.get("request")}


@register.simple_tag
def official_data_attribution():
    """The source note the official constituency data must carry (dl-de/by-2-0)."""
    return ATTRIBUTION
