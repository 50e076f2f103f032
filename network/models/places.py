"""Places of the network: a town or a district with its contact people, meetings and projects."""

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.visibility import ViewRestrictionsInOneQuery


class PlaceIndexPage(ViewRestrictionsInOneQuery, Page):
    """„Orte“: the map of all places and the search for the nearest one by postcode."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.PlacePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Orte des Netzwerks")
        verbose_name_plural = _("Orte des Netzwerks")

    def get_context(self, request, *args, **kwargs):
        from ..places import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class PlacePage(ViewRestrictionsInOneQuery, Page):
    KINDS = [("town", _("Stadt oder Gemeinde")), ("district", _("Stadtteil oder Quartier"))]

    kind = models.CharField(_("Art"), max_length=16, choices=KINDS, default="town")
    municipality = models.CharField(_("Gemeinde"), max_length=120, blank=True,
                                    help_text=_("Bei einem Stadtteil: die Stadt, zu der er gehört."))
    postcode = models.CharField(_("Postleitzahl"), max_length=5)
    latitude = models.DecimalField(_("Breitengrad"), max_digits=8, decimal_places=5, null=True, blank=True,
                                   help_text=_("Leer lassen: wird aus der Postleitzahl bestimmt."))
    longitude = models.DecimalField(_("Längengrad"), max_digits=8, decimal_places=5, null=True, blank=True)
    intro = models.TextField(_("Einleitung"), blank=True)
    meetings_text = models.TextField(_("Regelmäßige Treffen"), blank=True,
                                     help_text=_("z. B. „Jeden ersten Dienstag im Monat, 19 Uhr, Stadtbibliothek“"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("municipality"), FieldPanel("postcode"),
                         FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])], heading=_("Lage")),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("meetings_text"), InlinePanel("meetings", label=_("Nächste Termine"))],
                        heading=_("Treffen")),
        InlinePanel("contacts", label=_("Ansprechpersonen")),
    ]
    # Contacts are never indexed: their names are public only with consent and only on the page.
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("meetings_text"),
                                          index.FilterField("postcode")]
    parent_page_types = ["network.PlaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")

    def save(self, *args, **kwargs):
        if self.latitude is None or self.longitude is None:
            from ..logic.geo import locate

            found = locate(self.postcode)
            if found:
                self.latitude, self.longitude = (Decimal(f"{v:.5f}") for v in found)
        super().save(*args, **kwargs)

    @property
    def position(self):
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    def public_contacts(self):
        return [c for c in self.contacts.all() if c.public_consent]

    def upcoming_meetings(self):
        today = timezone.localdate()
        return [m for m in self.meetings.all() if m.date >= today]

    def get_context(self, request, *args, **kwargs):
        from ..places import place_context

        context = super().get_context(request, *args, **kwargs)
        context.update(place_context(self, request))
        return context


class PlaceMeeting(Orderable):
    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"), null=True, blank=True)
    venue = models.CharField(_("Ort des Treffens"), max_length=200, blank=True)
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("start_time")]), FieldPanel("venue"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["date", "start_time"]


class PlaceContact(Orderable):
    """A contact person. Name, e-mail and phone are shown only with `public_consent`; without it the
    page shows the role and the network's own address."""

    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(_("Aufgabe"), max_length=120, blank=True, help_text=_("z. B. „Moderation“"))
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    public_consent = models.BooleanField(
        _("Einwilligung zur Veröffentlichung"), default=False,
        help_text=_("Nur ankreuzen, wenn die Person schriftlich eingewilligt hat, dass Name und Kontaktdaten "
                    "öffentlich gezeigt werden."))
    consent_recorded_on = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
              FieldRowPanel([FieldPanel("public_consent"), FieldPanel("consent_recorded_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
