from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image as WagtailImage


class CustomImage(AbstractImage):
    """The site's image model.

    Wagtail's own `description` field is the alt text; it is required unless the
    image is marked decorative. Credit and licence are shown with the image.
    """

    decorative = models.BooleanField(
        _("rein dekorativ"),
        default=False,
        help_text=_("Dekorative Bilder bekommen ein leeres alt-Attribut und brauchen keinen Alternativtext."),
    )
    credit = models.CharField(_("Fotografin/Fotograf, Credit"), max_length=255, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=255, blank=True)

    admin_form_fields = WagtailImage.admin_form_fields + ("decorative", "credit", "licence")

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        permissions = [("choose_image", "Can choose image")]

    def clean(self):
        super().clean()
        if not self.decorative and not self.description.strip():
            raise ValidationError(
                {"description": _("Bitte einen Alternativtext angeben oder das Bild als dekorativ markieren.")}
            )

    @property
    def default_alt_text(self):
        # Used by {% image %} and {% picture %} for the alt attribute.
        return "" if self.decorative else (self.description or self.title)


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
