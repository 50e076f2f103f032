"""Mailing lists and the newsletter: double opt-in, one-click unsubscribe, no account."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class MailingList(models.Model):
    """A list in both languages: `name`/`description` in German, `name_en`/`description_en` in English
    (`label`/`text` pick the active language, German where no English is given). Not a wagtail-localize
    translatable snippet: that makes one row per language, and a list must stay one list of addresses
    whichever page people signed up on; two fields keep it one object, edited in one form."""

    KINDS = [("newsletter", _("Newsletter")), ("network", _("Netzwerk-Verteiler")),
             ("alumni", _("Ehemalige von Wahlkreisräten"))]

    name = models.CharField(_("Name"), max_length=120)
    name_en = models.CharField(_("Name auf Englisch"), max_length=120, blank=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), unique=True)
    kind = models.CharField(_("Art"), max_length=16, choices=KINDS, default="network")
    description = models.TextField(_("Beschreibung"), blank=True)
    description_en = models.TextField(_("Beschreibung auf Englisch"), blank=True)
    is_open = models.BooleanField(_("Anmeldung offen"), default=True)
    managers = models.ManyToManyField(
        Group, verbose_name=_("Betreuende Gruppen"), blank=True, related_name="+",
        help_text=_("Mitglieder dieser Gruppen dürfen die Liste exportieren (mit der Berechtigung „Export“)."))

    class Meta:
        verbose_name = _("Verteiler")
        verbose_name_plural = _("Verteiler")
        ordering = ["name"]
        permissions = [("export_subscribers", _("Einwilligende Kontakte exportieren"))]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The name in the active language (German where no English name is given)."""
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def text(self):
        return self.description_en if get_language() == "en" and self.description_en else self.description


class Subscription(models.Model):
    PENDING, CONFIRMED, UNSUBSCRIBED = "pending", "confirmed", "unsubscribed"
    STATES = [(PENDING, _("Unbestätigt")), (CONFIRMED, _("Bestätigt")), (UNSUBSCRIBED, _("Abgemeldet"))]

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(_("E-Mail"))
    name = models.CharField(_("Name"), max_length=120, blank=True)
    state = models.CharField(_("Stand"), max_length=16, choices=STATES, default=PENDING)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [models.UniqueConstraint(fields=["mailing_list", "email"], name="one_subscription_per_list")]
