"""Blocks shared by every page type (bakerydemo's base/blocks.py idea)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from media.blocks import PublicImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(label=_("Überschrift"), form_classname="title")
    size = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "blocks/heading_block.html"
        description = _("Zwischenüberschrift; die Ebene hält die Gliederung für Screenreader intakt.")
        preview_value = {"heading_text": "Was ist ein Wahlkreisrat?", "size": "h2"}


class ImageBlock(blocks.StructBlock):
    # Consent-aware (media/blocks.py): prefetches consents and renditions, stored like ImageChooserBlock.
    image = PublicImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "blocks/image_block.html"
        description = _("Ein Bild mit Bildunterschrift und Credit.")

    def get_api_representation(self, value, context=None):
        # An image that may not be shown leaves no trace in the API, caption included.
        if not value or not value.get("image") or not value["image"].is_public("website"):
            return None
        return super().get_api_representation(value, context)


class ContactBlock(blocks.StructBlock):
    """A contact box, e.g. the feedback contact in the accessibility statement."""

    heading = blocks.CharBlock(label=_("Überschrift"), default=_("Kontakt"))
    name = blocks.CharBlock(label=_("Name oder Stelle"), required=False)
    email = blocks.EmailBlock(label=_("E-Mail"), required=False)
    phone = blocks.CharBlock(label=_("Telefon"), required=False)
    text = blocks.TextBlock(label=_("Hinweis"), required=False)

    class Meta:
        icon = "mail"
        label = _("Kontakt")
        template = "blocks/contact_block.html"
        description = _("Kontaktangaben, z. B. für Rückmeldungen zur Barrierefreiheit.")
        preview_value = {
            "heading": "Feedback",
            "name": "Redaktion",
            "email": "barrierefreiheit@wahlkreisrat.example",
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading_block = HeadingBlock()
    paragraph_block = blocks.RichTextBlock(
        label=_("Absatz"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
        description=_("Fließtext mit Links und Listen."),
        preview_value="<p>Ein Wahlkreisrat bringt ausgeloste Menschen mit ihrer oder ihrem Abgeordneten zusammen.</p>",
    )
    image_block = ImageBlock()
    contact_block = ContactBlock()
