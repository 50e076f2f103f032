"""Open formats of the councils app. Included inside i18n_patterns: /de/feeds/…, /en/calendar.ics."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, map_view

app_name = "councils"

urlpatterns = [
    path("feeds/rueckmeldungen.rss", feeds.FollowUpFeed(), name="followups_rss"),
    path("feeds/rueckmeldungen.atom", feeds.FollowUpAtomFeed(), name="followups_atom"),
    path("feeds/wahlkreisrat/<int:page_id>.rss", feeds.CouncilFollowUpFeed(), name="council_followups_rss"),
    path("feeds/wahlkreisrat/<int:page_id>.atom", feeds.CouncilFollowUpAtomFeed(),
         name="council_followups_atom"),
    # /de/kalender.ics, /en/calendar.ics; the German name keeps working in English for old links
    path(_("kalender.ics"), feeds.calendar_ics, name="calendar_ics"),
    path("kalender.ics", feeds.calendar_ics),
    path(_("kalender/wahlkreisrat/<int:page_id>.ics"), feeds.council_ics, name="council_ics"),
    # the council index's map as a cacheable image (/de/karte/wahlkreisraete.svg)
    path(_("karte/wahlkreisraete.svg"), map_view.council_map_svg, name="map_svg"),
]
