"""What the stories app contributes to pages of other apps.

The council page shows the stories about the council and a link to its press kit through
``{% council_stories page %}``, the home page the latest stories with a photo through
``{% featured_stories 3 %}``, so neither the councils nor the home app imports the stories app.
"""

from django import template
from wagtail.models import Locale

from ..listing import featured_stories as latest_with_photo
from ..listing import index_url_of, stories_for_council
from ..press import press_kit_url_for_council

register = template.Library()


@register.inclusion_tag("stories/includes/council_stories.html", takes_context=True)
def council_stories(context, council):
    """The "Geschichten und Presse" section of a council page (nothing if there is neither):
    up to six stories in one query; the press kit link costs no query once the room's URL is cached."""
    request = context.get("request")
    return {"request": request, "stories": stories_for_council(council),
            "press_kit_url": press_kit_url_for_council(council, request)}


@register.inclusion_tag("stories/includes/featured_stories.html", takes_context=True)
def featured_stories(context, limit=3):
    """The latest stories whose teaser photo may be shown on the website, as cards (nothing if none);
    with their images and renditions in three queries."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
    stories = latest_with_photo(locale_id, limit)
    request = context.get("request")
    return {"request": request, "stories": stories,
            "index_url": index_url_of(stories[0], request) if stories else None}
