"""What the stories app contributes to pages of other apps.

The council page shows the stories about the council and a link to its press kit through
``{% council_stories page %}``, so the councils app never imports the stories app.
"""

from django import template

from ..listing import stories_for_council
from ..press import press_kit_url_for_council

register = template.Library()


@register.inclusion_tag("stories/includes/council_stories.html", takes_context=True)
def council_stories(context, council):
    """The "Geschichten und Presse" section of a council page (nothing if there is neither):
    up to six stories in one query; the press kit link costs no query once the room's URL is cached."""
    request = context.get("request")
    return {"request": request, "stories": stories_for_council(council),
            "press_kit_url": press_kit_url_for_council(council, request)}
