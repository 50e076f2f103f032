"""RSS 2.0 feed of the stories of one language (/de/geschichten/rss/, /en/stories/rss/).

Each item may carry its teaser image as an enclosure, only if the image may be shown on the website.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.utils.translation import gettext as _

from .listing import card_queryset

FEED_LIMIT = 30
ENCLOSURE_SPEC = "fill-1200x630|format-jpeg"


class StoryFeed(Feed):
    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return _("Geschichten aus den Wahlkreisräten")

    def description(self, index):
        return index.search_description or _("Neue Geschichten über die Wahlkreisräte und die Menschen darin.")

    def link(self, index):
        return index.get_url(self.request) or "/"

    def items(self, index):
        return list(card_queryset(index.locale).child_of(index).prefetch_related("tagged_items__tag")[:FEED_LIMIT])

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return story.get_url(self.request)

    def item_author_name(self, story):
        return story.author

    def item_pubdate(self, story):
        return timezone.make_aware(datetime.datetime.combine(story.date, datetime.time(9)))

    def item_updateddate(self, story):
        return story.last_published_at

    def item_categories(self, story):
        return [item.tag.name for item in story.tagged_items.all()]

    def item_enclosures(self, story):
        image = story.teaser_image
        if not image or not image.is_public("website"):
            return []
        rendition = image.get_rendition(ENCLOSURE_SPEC)
        return [Enclosure(self.request.build_absolute_uri(rendition.url), str(rendition.file.size), "image/jpeg")]
