"""Blocks for stories and press releases: the shared base blocks plus gallery, anonymised quote,
self-hosted video, key figure and the two-click embed for YouTube/Vimeo.

Every image or video goes through the consent check twice: the block's context keeps only
pictures that may be shown, and the templates render them with {% public_picture %}.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import HeadingBlock, ImageBlock
from home.templatetags.site_tags import locale_of
from media.blocks import PublicImageChooserBlock, VideoChooserBlock
from media.templatetags.public_media import is_public

from .embeds import parse_video_url


def _first_public_image():
    from media.models import CustomImage

    return CustomImage.objects.publicly_usable().order_by("pk").first()


def _is_preview(context):
    request = (context or {}).get("request")
    return bool(getattr(request, "is_preview", False))


class GalleryImageBlock(blocks.StructBlock):
    image = PublicImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "image"
        label = _("Foto")


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("Fotos"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Galerie")
        template = "blocks/gallery_block.html"
        description = _("Mehrere Fotos als Raster, jedes mit Bildunterschrift und Credit.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        items = list(value["images"])
        context["items"] = [item for item in items if is_public(item["image"], "website")]
        context["hidden_count"] = len(items) - len(context["items"]) if _is_preview(parent_context) else 0
        return context

    def get_preview_value(self):
        image = _first_public_image()
        return self.to_python({"heading": "", "images": [{"image": image.pk if image else None, "caption": ""}] * 2})


class QuoteValue(blocks.StructValue):
    def attribution(self):
        roles = dict(QuoteBlock.ROLE_CHOICES)
        ages = dict(QuoteBlock.AGE_CHOICES)
        parts = [str(roles.get(self.get("role"), ""))]
        if self.get("age_band"):
            parts.append(str(ages.get(self["age_band"], "")))
        return ", ".join(p for p in parts if p)


class QuoteBlock(blocks.StructBlock):
    """A participant's words without their name: attributed by role and age band only."""

    ROLE_CHOICES = [
        ("participant_f", _("Teilnehmerin")),
        ("participant_m", _("Teilnehmer")),
        ("participant", _("Teilnehmende Person")),
        ("moderation", _("Moderation")),
        ("volunteer", _("Ehrenamtliche Person")),
    ]
    AGE_CHOICES = [
        ("u25", _("unter 25")), ("25-34", "25–34"), ("35-49", "35–49"), ("50-64", "50–64"),
        ("65-74", "65–74"), ("75+", _("75 und älter")),
    ]

    text = blocks.TextBlock(label=_("Zitat"))
    role = blocks.ChoiceBlock(label=_("Rolle"), choices=ROLE_CHOICES, default="participant")
    age_band = blocks.ChoiceBlock(label=_("Altersgruppe"), choices=AGE_CHOICES, required=False)

    class Meta:
        icon = "openquote"
        label = _("Zitat (anonym)")
        template = "blocks/quote_block.html"
        value_class = QuoteValue
        description = _("Ein Zitat ohne Namen: zugeordnet nur nach Rolle und Altersgruppe.")
        preview_value = {"text": "Ich hätte nie gedacht, dass mir eine Abgeordnete so lange zuhört.",
                         "role": "participant_f", "age_band": "65-74"}


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Zahl"), max_length=20, help_text=_("z. B. „35“ oder „2 von 3“"))
    label = blocks.CharBlock(label=_("Bedeutung"), max_length=160)
    source = blocks.CharBlock(label=_("Quelle oder Erläuterung"), required=False)

    class Meta:
        icon = "pick"
        label = _("Kennzahl")
        template = "blocks/key_figure_block.html"
        description = _("Eine große Zahl mit kurzer Erklärung.")
        preview_value = {"value": "35", "label": "Menschen, ausgelost aus dem Melderegister"}


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("Video"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("Ein eigenes Video mit Untertiteln; abgespielt vom Browser, ohne Dienste Dritter.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        video = value["video"]
        page = (parent_context or {}).get("page")
        request = (parent_context or {}).get("request")
        locale = locale_of(page, request) if getattr(page, "locale_id", None) else None  # no query when active
        language = getattr(locale, "language_code", None) or get_language() or "de"
        shown = bool(video) and video.has_captions() and is_public(video, "website")
        context.update({
            "video": video if shown else None,
            "hidden": bool(video) and not shown and _is_preview(parent_context),
            "language": language,
            "default_track": video.default_caption_track(language) if shown else None,
            "transcript": video.transcript(language) if shown else None,
        })
        return context


class ExternalVideoValue(blocks.StructValue):
    @cached_property
    def external(self):
        return parse_video_url(self.get("url"))


class ExternalVideoBlock(blocks.StructBlock):
    """YouTube or Vimeo behind a two-click placeholder: nothing loads from them before the click."""

    url = blocks.URLBlock(label=_("Adresse des Videos"), help_text=_("YouTube- oder Vimeo-Link"))
    title = blocks.CharBlock(label=_("Titel des Videos"), max_length=200,
                             help_text=_("Beschriftet den Knopf und den eingebetteten Player."))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)
    poster = PublicImageChooserBlock(label=_("Eigenes Vorschaubild"), required=False,
                                     help_text=_("Optional; Vorschaubilder der Plattform werden nicht geladen."))

    class Meta:
        icon = "media"
        label = _("Externes Video (Zwei-Klick)")
        template = "blocks/external_video_block.html"
        value_class = ExternalVideoValue
        description = _("YouTube oder Vimeo, erst nach einem Klick geladen (datenschutzfreundlich).")
        preview_value = {"url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "title": "Ein Beispielvideo"}

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and parse_video_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(block_errors={"url": ValidationError(
                _("Bitte einen Link zu einem YouTube- oder Vimeo-Video angeben."))})
        return value


class StoryStreamBlock(blocks.StreamBlock):
    heading_block = HeadingBlock()
    paragraph_block = blocks.RichTextBlock(
        label=_("Absatz"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
        description=_("Fließtext mit Links und Listen."),
        preview_value="<p>Am Morgen kannten sich die 35 Menschen noch nicht.</p>",
    )
    image_block = ImageBlock()
    gallery_block = GalleryBlock()
    quote_block = QuoteBlock()
    video_block = VideoBlock()
    key_figure_block = KeyFigureBlock()
    embed_block = ExternalVideoBlock()
