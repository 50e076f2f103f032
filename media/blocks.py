"""Chooser blocks for images and videos that know about consent.

Both fetch everything a public rendering needs in a fixed number of queries for all blocks of a
stream (consents, renditions; for videos also text tracks and poster), and leave an image or video
that may not be shown out of the API representation.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .templatetags.public_media import is_public


def _in_order(objects, values):
    return [objects.get(v) for v in values]


class PublicImageChooserBlock(ImageChooserBlock):
    def bulk_to_python(self, values):
        ids = [v for v in values if v]
        objects = self.model_class.objects.for_public_rendering().in_bulk(ids) if ids else {}
        return _in_order(objects, values)

    def get_api_representation(self, value, context=None):
        return value.pk if is_public(value, "website") else None

    def deconstruct(self):
        # Stored exactly like Wagtail's ImageChooserBlock (an image id): migrations of the pages
        # that use it see the plain block, so switching to it needs no migration.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.images.blocks.ImageChooserBlock", args, kwargs


class VideoChooserBlock(SnippetChooserBlock):
    """Chooses a `media.Video`; a video without captions cannot be saved into a page."""

    def __init__(self, target_model="site_media.Video", **kwargs):
        super().__init__(target_model, **kwargs)

    def bulk_to_python(self, values):
        from .models import CustomImage

        # the website's consent flag annotated on the videos and their posters (no consent queries; another
        # use is checked against the consents as usual), the posters' renditions prefetched: four queries
        # for all videos of a stream
        ids = [v for v in values if v]
        if not ids:
            return [None] * len(values)
        objects = (
            self.model_class.objects.with_public_flags("website")
            .prefetch_related("tracks", Prefetch("poster", queryset=CustomImage.objects.with_public_flags("website")
                                                 .prefetch_renditions()))
            .in_bulk(ids)
        )
        return _in_order(objects, values)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not value.has_captions():
            raise ValidationError(_(
                "Das Video „%(title)s“ hat keine Untertitel (WebVTT). Ohne Untertitel kann es nicht auf "
                "einer öffentlichen Seite erscheinen; bitte zuerst beim Video eine Untertitel-Datei hochladen."
            ) % {"title": value.title})
        return value

    def get_api_representation(self, value, context=None):
        return value.pk if is_public(value, "website") else None

    class Meta:
        icon = "media"
