"""The councils' part of the Leichte Sprache pages (home's templates load it; home never imports councils)."""

from django import template
from wagtail.models import Locale

from ..models import CouncilPage

register = template.Library()


@register.inclusion_tag("councils/includes/easy_results.html", takes_context=True)
def easy_council_results(context):
    """Every live council of the active language with a summary in Leichte Sprache, newest first."""
    councils = (CouncilPage.objects.live().public().filter(locale=Locale.get_active())
                .exclude(easy_summary="").order_by("-date", "title"))
    return {"councils": councils, "request": context.get("request")}
