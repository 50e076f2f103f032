"""Open formats of the councils app. Included inside i18n_patterns: /de/feeds/…, /en/kalender.ics."""

from django.urls import path

from . import feeds

app_name = "councils"

urlpatterns = [
    path("feeds/rueckmeldungen.rss", feeds.FollowUpFeed(), name="followups_rss"),
    path("feeds/rueckmeldungen.atom", feeds.FollowUpAtomFeed(), name="followups_atom"),
    path("feeds/wahlkreisrat/<int:page_id>.rss", feeds.CouncilFollowUpFeed(), name="council_followups_rss"),
    path("feeds/wahlkreisrat/<int:page_id>.atom", feeds.CouncilFollowUpAtomFeed(),
         name="council_followups_atom"),
    path("kalender.ics", feeds.calendar_ics, name="calendar_ics"),
    path("kalender/wahlkreisrat/<int:page_id>.ics", feeds.council_ics, name="council_ics"),
]
