"""The official reference data: the 299 constituencies and their members of the Bundestag (the same in
every language, loaded from the Bundeswahlleiterin's lists; councils/models.py builds on them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from media.private import SignatureField

STATES = [
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
    "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
]
STATE_CHOICES = [(s, s) for s in STATES]  # stored values stay German (official data)
#: what readers see: the state's name in the active language
STATE_LABELS = {
    "Baden-Württemberg": _("Baden-Württemberg"), "Bayern": _("Bayern"), "Berlin": _("Berlin"),
    "Brandenburg": _("Brandenburg"), "Bremen": _("Bremen"), "Hamburg": _("Hamburg"), "Hessen": _("Hessen"),
    "Mecklenburg-Vorpommern": _("Mecklenburg-Vorpommern"), "Niedersachsen": _("Niedersachsen"),
    "Nordrhein-Westfalen": _("Nordrhein-Westfalen"), "Rheinland-Pfalz": _("Rheinland-Pfalz"),
    "Saarland": _("Saarland"), "Sachsen": _("Sachsen"), "Sachsen-Anhalt": _("Sachsen-Anhalt"),
    "Schleswig-Holstein": _("Schleswig-Holstein"), "Thüringen": _("Thüringen"),
}
ATTRIBUTION = "© Die Bundeswahlleiterin, Wiesbaden 2025, dl-de/by-2-0"


class Wahlkreis(models.Model):
    """One of the 299 Bundestag constituencies of 2025 (official data, same in every language)."""

    number = models.PositiveSmallIntegerField(_("Nummer"), unique=True)
    name = models.CharField(_("Name"), max_length=255)
    state = models.CharField(_("Land"), max_length=64, choices=STATE_CHOICES)
    population_thousands = models.DecimalField(_("Bevölkerung (in 1000)"), max_digits=7, decimal_places=1,
                                               null=True, blank=True)
    age_bands = models.JSONField(_("Altersstruktur (%)"), default=dict, blank=True,
                                 help_text=_("Anteile der amtlichen Altersgruppen in Prozent, Stand 31.12.2023."))
    age_bands_citywide = models.BooleanField(
        _("Altersstruktur stadtweit"), default=False,
        help_text=_("Die amtliche Altersstruktur gilt für die ganze Stadt, nicht nur diesen Wahlkreis."))

    panels = [FieldPanel("number", read_only=True), FieldPanel("name", read_only=True),
              FieldPanel("state", read_only=True)]

    class Meta:
        ordering = ["number"]
        verbose_name = _("Wahlkreis")
        verbose_name_plural = _("Wahlkreise")

    def __str__(self):
        return f"{self.number} – {self.name}"

    @property
    def state_label(self):
        """The state's name in the active language ("Bayern" / "Bavaria")."""
        return STATE_LABELS.get(self.state, self.state)


class MdB(models.Model):
    """A member of the Bundestag.

    The official import (councils/data, migration 0002) creates the directly elected member of each
    Wahlkreis and sets `wahlkreis`; ``wahlkreis.mdb`` is that member. Members elected on a party
    list, who also look after a constituency, are added by hand without a Wahlkreis; a council
    invites any of them (CouncilMdB).
    """

    wahlkreis = models.OneToOneField(Wahlkreis, verbose_name=_("Direkt gewählt im Wahlkreis"),
                                     on_delete=models.CASCADE, related_name="mdb", null=True, blank=True,
                                     help_text=_("Nur aus den amtlichen Daten; leer bei Abgeordneten, "
                                                 "die über eine Landesliste gewählt wurden."))
    title = models.CharField(_("Titel"), max_length=64, blank=True)
    given_names = models.CharField(_("Vornamen"), max_length=255)
    family_name = models.CharField(_("Nachname"), max_length=255)
    party = models.CharField(_("Partei"), max_length=64)
    photo = models.ForeignKey("site_media.CustomImage", verbose_name=_("Foto"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    contact_url = models.URLField(_("Kontakt-Link"), blank=True)
    # Printed under the invitation letters; never shown on a public page.
    # A private file (media.private), not a Wagtail image: no public URL, in no image listing or API.
    signature = SignatureField(_("Unterschrift (für Einladungsbriefe)"), upload_to="signatures/mdb/")

    panels = [FieldPanel("wahlkreis", read_only=True),
              FieldRowPanel([FieldPanel("title"), FieldPanel("given_names"), FieldPanel("family_name")]),
              FieldPanel("party"), FieldPanel("photo"), FieldPanel("contact_url"), FieldPanel("signature")]

    class Meta:
        ordering = ["wahlkreis__number", "family_name", "given_names"]
        verbose_name = _("Abgeordnete/r (MdB)")
        verbose_name_plural = _("Abgeordnete (MdB)")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return " ".join(p for p in (self.title, self.given_names, self.family_name) if p)

    @property
    def directly_elected(self):
        return self.wahlkreis_id is not None

    @property
    def label(self):
        """'Name (Partei)', as the public pages name a member."""
        return f"{self.display_name} ({self.party})" if self.party else self.display_name
