"""The event pages: an index per language (/de/veranstaltungen/, /en/events/) and one page per event.

Registrations, groups, challenges and ballots hang on the event in the site's default language (the
"canonical" page, `EventPage.canonical`): a registration made on the English page counts for the same
event. The online link is a private field: it is never rendered on the page, only on a confirmed
registrant's personal page shortly before the start (events/views.py).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

from home.visibility import ViewRestrictionsInOneQuery


class EventIndexPage(ViewRestrictionsInOneQuery, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Übersicht Veranstaltungen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        events = EventPage.objects.child_of(self).live().public().order_by("date", "start_time", "pk")
        context["upcoming"] = [e for e in events if e.date >= today]
        context["past"] = sorted((e for e in events if e.date < today), key=lambda e: e.date, reverse=True)
        return context


class EventPage(ViewRestrictionsInOneQuery, Page):
    CONFERENCE, NETWORK_MEETING, CONGRESS, LOCAL_MEETING = "conference", "network_meeting", "congress", "local"
    KINDS = [
        (CONFERENCE, _("Bürgerkonferenz")),
        (NETWORK_MEETING, _("Netzwerktreffen")),
        (CONGRESS, _("Kongress")),
        (LOCAL_MEETING, _("Lokales Treffen")),
    ]
    MIXED, BY_NEIGHBOURHOOD, BY_INTEREST = "mixed", "neighbourhood", "interest"
    GROUPINGS = [
        (MIXED, _("gemischt")),
        (BY_NEIGHBOURHOOD, _("nach Nachbarschaft")),
        (BY_INTEREST, _("nach Interesse")),
    ]

    kind = models.CharField(_("Format"), max_length=20, choices=KINDS, default=CONFERENCE)
    intro = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = RichTextField(_("Beschreibung"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"))
    end_time = models.TimeField(_("Ende"))
    online = models.BooleanField(_("Online"), default=False,
                                 help_text=_("Findet online statt; der Zugangslink steht unten."))
    online_url = models.URLField(_("Zugangslink"), blank=True,
                                 help_text=_("Nie öffentlich: nur bestätigte Angemeldete sehen ihn kurz vor "
                                             "Beginn auf ihrer persönlichen Seite."))
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    venue_street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    venue_postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    venue_town = models.CharField(_("Ort"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"), default=50)
    registration_open = models.BooleanField(_("Anmeldung offen"), default=True)
    challenges_open = models.BooleanField(_("Lokale Herausforderungen sammeln"), default=False)
    group_size = models.PositiveSmallIntegerField(_("Größe der Kleingruppen"), default=4)
    grouping = models.CharField(_("Kleingruppen bilden"), max_length=20, choices=GROUPINGS, default=MIXED)
    ballot_deadline = models.DateTimeField(_("Prioritätenliste: Abstimmung bis"), null=True, blank=True)
    organisers = models.ForeignKey(Group, verbose_name=_("Veranstaltungsteam"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text=_("Nur diese Gruppe sieht die Anmeldungen."))

    content_panels = Page.content_panels + [
        FieldPanel("kind"), FieldPanel("intro"), FieldPanel("body"),
        MultiFieldPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")], heading=_("Termin")),
        MultiFieldPanel([FieldPanel("online"), FieldPanel("online_url"), FieldPanel("venue_name"),
                         FieldPanel("venue_street"), FieldPanel("venue_postcode"), FieldPanel("venue_town")],
                        heading=_("Ort")),
        MultiFieldPanel([FieldPanel("capacity"), FieldPanel("registration_open"), FieldPanel("organisers"),
                         FieldPanel("challenges_open"), FieldPanel("group_size"), FieldPanel("grouping"),
                         FieldPanel("ballot_deadline")],
                        heading=_("Anmeldung und Beteiligung")),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    # --- time ---------------------------------------------------------------------------------
    @staticmethod
    def zone():
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.zone())

    @property
    def ends_at(self):
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.zone())

    @property
    def is_past(self):
        return timezone.now() >= self.ends_at

    @property
    def venue_address(self):
        town = " ".join(part for part in (self.venue_postcode, self.venue_town) if part)
        return [line for line in (self.venue_name, self.venue_street, town) if line]

    # --- one event in every language -----------------------------------------------------------
    @property
    def canonical(self):
        """The event in the default language: registrations, groups and ballots belong to it."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return EventPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    def confirmed_count(self):
        from .people import Registration

        return Registration.objects.filter(event=self.canonical, status=Registration.CONFIRMED).count()

    def places_left(self):
        return max(self.capacity - self.confirmed_count(), 0)

    @property
    def ballot_published(self):
        """Published by the organisers (admin "Prioritätenliste"); kept outside the page's revisions, so
        publishing an older revision or a translation cannot take it back."""
        from .participation import BallotResult

        return BallotResult.objects.filter(event=self.canonical).exists()

    @property
    def ballot_open(self):
        return self.ballot_deadline is not None and timezone.now() < self.ballot_deadline

    def get_context(self, request, *args, **kwargs):
        from ..public import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """Never cached: the places left change with every registration, which purges nothing (pages
        with a form's CSRF token or a message are kept out of home.pagecache by the cache itself)."""
        if request.method == "POST":
            from ..public import handle_post

            response = handle_post(self, request)
            if response is not None:
                return response
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response
