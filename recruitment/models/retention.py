"""What is kept after the purge with consent: the alumni network's contacts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Wahlkreis


class Alumnus(models.Model):
    """A former participant who agreed to stay in touch (alumni network): kept after the purge.

    Holds only what the person gave with their consent: their names and the contact they entered.
    """

    wahlkreis = models.ForeignKey(Wahlkreis, verbose_name=_("Wahlkreis"), on_delete=models.PROTECT,
                                  related_name="+")
    council_key = models.UUIDField(help_text="translation_key of the council")
    council_title = models.CharField(_("Wahlkreisrat"), max_length=255)
    given_names = models.CharField(_("Vornamen"), max_length=255, blank=True)
    family_name = models.CharField(_("Nachname"), max_length=255)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    consented_at = models.DateTimeField(_("Einwilligung am"))
    created_at = models.DateTimeField(default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Alumna/Alumnus")
        verbose_name_plural = _("Alumni")
        ordering = ["wahlkreis__number", "family_name", "given_names"]

    def __str__(self):
        return f"Alumnus {self.pk}"
