"""What the stories app contributes to pages of other apps.

The council page shows the stories about the council and a link to its press kit through
``{% council_stories page %}``, the home page the latest stories with a photo through
``{% featured_stories 3 %}``, so neither the councils nor the home app imports the stories app.
"""

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Locale

from councils.templatetags.council_tags import dumps_for_script
from home.templatetags.site_tags import (
    OG_DEFAULT_IMAGE,
    absolute,
    home_url,
    locale_of,
    logo_url,
    organisation_name,
    page_url,
    plain_text,
)

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


# --- JSON-LD for stories and press releases ----------------------------------------------------

ARTICLE_IMAGE_SPEC = "fill-1200x630"


def _publisher(request, locale):
    org = {"@type": "Organization", "name": organisation_name(request),
           "logo": {"@type": "ImageObject", "url": logo_url(request)}}
    home = home_url(request, locale)
    if home:
        org["url"] = home
    return org


def _article_image(page, request):
    """The page's picture if it may be shared (consent for "social"), else the site's fallback."""
    image = getattr(page, "og_image", None)
    if image is not None:
        rendition = image.get_rendition(ARTICLE_IMAGE_SPEC)
        return {"@type": "ImageObject", "url": absolute(request, rendition.url),
                "width": rendition.width, "height": rendition.height}
    return {"@type": "ImageObject", "url": absolute(request, static(OG_DEFAULT_IMAGE)), "width": 1200, "height": 630}


def article_data(page, request):
    """schema.org Article (a story) or NewsArticle (a press release)."""
    is_release = not hasattr(page, "author")
    locale = locale_of(page, request)
    publisher = _publisher(request, locale)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if is_release else "Article",
        "headline": Truncator(page.seo_title or page.title).chars(110, truncate="…"),
        "datePublished": page.date.isoformat(),
        "inLanguage": locale.language_code,
        "image": _article_image(page, request),
        "publisher": publisher,
        "author": ({"@type": "Person", "name": page.author} if getattr(page, "author", "")
                   else {k: v for k, v in publisher.items() if k != "logo"}),
    }
    modified = page.last_published_at or page.latest_revision_created_at
    data["dateModified"] = modified.isoformat() if modified else data["datePublished"]
    description = page.search_description or plain_text(page.intro)
    if description:
        data["description"] = description
    url = page_url(page, request)
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    return data


@register.simple_tag(takes_context=True)
def article_jsonld(context, page):
    return mark_safe(dumps_for_script(article_data(page, context.get("request"))))
