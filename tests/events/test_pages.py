"""Public pages: the index in both languages, iCal, JSON-LD, the sitemap and the navigation. That no
registrant's name or address is anywhere public is checked by the crawl (tests/network/test_privacy_crawl.py)."""

import json
import re

import pytest
from django.utils import timezone

from events.models import Registration

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def test_index_in_german_and_english_lists_the_demo_events(client):
    de = client.get("/de/veranstaltungen/")
    en = client.get("/en/events/")
    assert de.status_code == en.status_code == 200
    assert "Bürgerkonferenz Südstadt" in de.content.decode()
    assert "Citizens' conference Südstadt" in en.content.decode().replace("&#x27;", "'")


def test_events_are_in_the_main_navigation(client):
    assert 'href="/de/veranstaltungen/"' in client.get("/de/").content.decode()


def test_ical_of_an_event_has_berlin_times(client, event):
    response = client.get(f"/de/kalender/veranstaltung/{event.pk}.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Berlin:20260711T170000" in text and "SUMMARY:Testkonferenz" in text
    assert "meet.example.org" not in text


def test_event_jsonld_is_an_online_event_without_the_access_link(client, event):
    html = client.get(event.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event" and data["startDate"] == "2026-07-11T17:00:00+02:00"
    assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert "meet.example.org" not in html


def test_sitemap_lists_the_event_pages(client, event):
    text = client.get("/sitemap.xml").content.decode()
    assert "/de/veranstaltungen/" in text and "/en/events/" in text and event.url in text


def test_full_event_offers_the_waiting_list(client, event):
    for n in range(event.capacity):
        Registration.objects.create(event=event, name=f"P {n}", email=f"p{n}@example.org", status="confirmed",
                                    consent_at=timezone.now(), confirmed_at=timezone.now())
    page = client.get(event.url).content.decode()
    assert "Auf die Warteliste" in page and "0 von 2 Plätzen frei" in page


def test_event_page_with_its_forms_is_never_stored_in_the_page_cache(client, settings, event):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(event.url)
    assert "private" in first["Cache-Control"] and "X-Page-Cache" not in first
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get(event.url), "another reader never gets the first one's CSRF token"
