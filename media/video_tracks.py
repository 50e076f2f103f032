"""Captions and audio descriptions of a video (WebVTT), with a transcript."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


def validate_webvtt(file):
    """A WebVTT file starts with the signature "WEBVTT" (after an optional byte order mark)."""
    position = file.tell() if hasattr(file, "tell") else None
    file.seek(0)
    head = file.read(16)
    if position is not None:
        file.seek(position)
    if isinstance(head, str):
        head = head.encode("utf-8")
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_("Das ist keine WebVTT-Datei (sie muss mit „WEBVTT“ beginnen)."))


class VideoTrack(Orderable):
    KIND_CHOICES = [
        ("captions", _("Untertitel für Gehörlose und Hörgeschädigte (captions)")),
        ("descriptions", _("Textuelle Audiodeskription (descriptions)")),
    ]

    video = ParentalKey("site_media.Video", on_delete=models.CASCADE, related_name="tracks")
    kind = models.CharField(_("Art"), max_length=16, choices=KIND_CHOICES, default="captions")
    language = models.CharField(_("Sprache"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(_("WebVTT-Datei"), upload_to="videos/tracks/",
                            validators=[FileExtensionValidator(["vtt"]), validate_webvtt])
    transcript = models.TextField(_("Transkript"), blank=True,
                                  help_text=_("Der gesprochene Text und wichtige Geräusche als Fließtext."))

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]), FieldPanel("file"),
              FieldPanel("transcript")]

    class Meta(Orderable.Meta):
        app_label = "site_media"
        verbose_name = _("Textspur")
        verbose_name_plural = _("Textspuren")

    def __str__(self):
        return f"{self.video} ({self.language}, {self.kind})"
