"""An image's alt text and caption in another language.

Wagtail's image `description` is the alt text in German (the source language). An `ImageText` gives
the same picture its alt text (and a default caption) in another language; `CustomImage.default_alt_text`
and `default_caption` pick the active language's. Captions chosen on a page (image blocks, a council's
gallery) are translated with the page (wagtail-localize) and take precedence.

All texts of all images are few; they are read from the cache as one dict (no query per picture)
and the cache is refreshed whenever an ImageText changes.
"""

from django.core.cache import cache
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

CACHE_KEY = "site_media:image-texts"
CACHE_SECONDS = 300


class ImageText(models.Model):
    image = models.ForeignKey("site_media.CustomImage", verbose_name=_("Bild"), on_delete=models.CASCADE,
                              related_name="texts")
    locale = models.ForeignKey("wagtailcore.Locale", verbose_name=_("Sprache"), on_delete=models.CASCADE,
                               related_name="+")
    alt_text = models.CharField(_("Alternativtext"), max_length=255, blank=True,
                                help_text=_("Was auf dem Bild zu sehen ist, in dieser Sprache."))
    caption = models.CharField(_("Bildunterschrift"), max_length=255, blank=True,
                               help_text=_("Wird gezeigt, wo die Seite keine eigene Bildunterschrift hat."))

    panels = [FieldPanel("image"), FieldPanel("locale"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta:
        app_label = "site_media"
        verbose_name = _("Bildtext in einer Sprache")
        verbose_name_plural = _("Bildtexte in anderen Sprachen")
        constraints = [models.UniqueConstraint(fields=["image", "locale"], name="unique_image_text_per_locale")]

    def __str__(self):
        return f"{self.image} ({self.locale.language_code})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_texts()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_texts()
        return result


def forget_texts():
    cache.delete(CACHE_KEY)


def all_texts():
    """{(image id, language code): (alt text, caption)}, cached."""
    texts = cache.get(CACHE_KEY)
    if texts is None:
        texts = {(image_id, code): (alt, caption) for image_id, code, alt, caption in
                 ImageText.objects.values_list("image_id", "locale__language_code", "alt_text", "caption")}
        cache.set(CACHE_KEY, texts, CACHE_SECONDS)
    return texts


def text_for(image_id, language=None):
    """(alt text, caption) of the image in `language` (default: the active one), or ("", "")."""
    language = (language or translation.get_language() or "").split("-")[0]
    return all_texts().get((image_id, language), ("", ""))
