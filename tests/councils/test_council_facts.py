"""Council facts a reader needs: venue and address, workshop and presentation times, on the page
(German and English), in the Event JSON-LD (offset of Europe/Berlin, address, photos) and in the
iCal feed (TZID Europe/Berlin with its VTIMEZONE)."""

import datetime
import json
import re

import pytest
from django.template.loader import render_to_string
from wagtail.models import Locale

from councils.feeds import upcoming_councils
from councils.logic.ical import Event, build_calendar
from councils.models import CouncilImage, CouncilPage
from tests.factories import CouncilPageFactory, ImageFactory

pytestmark = pytest.mark.django_db
CRLF = "\r\n"


def facts_html(html):
    return html[html.index('<dl class="facts">'):html.index("</dl>", html.index('<dl class="facts">'))]


def council_with_facts(constituency, day, **extra):
    page = CouncilPageFactory(
        parent=constituency, slug=f"fakten-{day:%Y%m%d}", title="Fakten", date=day, venue_town="Neustadt",
        venue_name="Bürgerhaus Mitte", venue_street="Marktplatz 3", venue_postcode="67433",
        workshop_start=datetime.time(10), workshop_end=datetime.time(16, 30),
        presentation_start=datetime.time(18), presentation_end=datetime.time(19, 30), **extra)
    page.save_revision().publish()
    return CouncilPage.objects.get(pk=page.pk)


def jsonld(page, request, context=None):
    html = render_to_string("councils/includes/jsonld_council.html", {"page": page, "request": request,
                                                                      **(context or {})})
    return json.loads(re.fullmatch(r'\s*<script type="application/ld\+json">(.*)</script>\s*', html, re.S).group(1))


# --- the page ----------------------------------------------------------------------------------

def test_council_page_shows_venue_address_and_both_times_in_german(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    facts = facts_html(client.get(council.url).content.decode())
    assert "Bürgerhaus Pankow<br>Breite Straße 24<br>13187 Berlin" in facts
    assert "<dt>Workshop</dt>" in facts and "10:00–16:30 Uhr" in facts
    assert "<dt>Öffentliche Präsentation der Ergebnisse</dt>" in facts and "18:00–19:30 Uhr" in facts
    assert f'datetime="{council.date:%Y-%m-%d}T18:00"' in facts


def test_council_page_shows_the_facts_in_english(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    english = council.get_translation(Locale.objects.get(language_code="en"))
    facts = facts_html(client.get(english.url).content.decode())
    assert "Bürgerhaus Pankow<br>Breite Straße 24<br>13187 Berlin" in facts  # the address is not translated
    assert "Public presentation of the results" in facts
    assert "Uhr" not in facts  # English times, without the German "Uhr"
    assert f'datetime="{council.date:%Y-%m-%d}T10:00"' in facts


def test_facts_without_times_show_no_empty_rows(client, constituency):
    council = CouncilPageFactory(parent=constituency, slug="ohne-zeiten", venue_town="Kiel")
    council.save_revision().publish()
    facts = facts_html(client.get(council.url).content.decode())
    assert "<dt>Workshop</dt>" not in facts and "Präsentation" not in facts
    assert "Kiel" in facts


# --- JSON-LD -----------------------------------------------------------------------------------

def test_event_jsonld_has_address_and_times_with_the_berlin_offset(rf, constituency):
    summer = council_with_facts(constituency, datetime.date(2026, 7, 15))
    data = jsonld(summer, rf.get("/de/"))
    assert data["startDate"] == "2026-07-15T10:00:00+02:00"
    assert data["endDate"] == "2026-07-15T19:30:00+02:00"  # to the end of the public presentation
    assert data["location"] == {
        "@type": "Place", "name": "Bürgerhaus Mitte",
        "address": {"@type": "PostalAddress", "streetAddress": "Marktplatz 3", "postalCode": "67433",
                    "addressLocality": "Neustadt", "addressCountry": "DE"}}
    presentation = data["subEvent"][0]
    assert presentation["startDate"] == "2026-07-15T18:00:00+02:00"
    assert presentation["endDate"] == "2026-07-15T19:30:00+02:00"

    winter = council_with_facts(constituency, datetime.date(2026, 1, 15))
    assert jsonld(winter, rf.get("/de/"))["startDate"] == "2026-01-15T10:00:00+01:00"


def test_event_jsonld_image_is_a_consent_cleared_gallery_photo(rf, constituency):
    council = council_with_facts(constituency, datetime.date(2026, 7, 15))
    cleared = ImageFactory(title="Gruppenarbeit")
    not_cleared = ImageFactory(title="Porträt ohne Einwilligung", shows_identifiable_people=True)
    CouncilImage.objects.create(page=council, image=not_cleared, sort_order=0)
    CouncilImage.objects.create(page=council, image=cleared, sort_order=1)
    data = jsonld(council, rf.get("/de/"))
    assert len(data["image"]) == 1
    assert re.fullmatch(r"http://testserver/.+\.jpe?g", data["image"][0]), data["image"]
    stem = cleared.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in data["image"][0]


def test_event_jsonld_on_the_demo_page_has_times_and_photos(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    html = client.get(council.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert re.fullmatch(rf"{council.date:%Y-%m-%d}T10:00:00\+0[12]:00", data["startDate"])
    assert data["location"]["address"]["streetAddress"] == "Breite Straße 24"
    assert data["image"] and all(url.startswith("http://testserver/") for url in data["image"])


# --- iCal --------------------------------------------------------------------------------------

def test_calendar_writes_timed_events_with_tzid_and_one_vtimezone():
    text = build_calendar([
        Event(uid="a@x", start=datetime.datetime(2026, 7, 15, 10), end=datetime.datetime(2026, 7, 15, 16, 30),
              summary="Workshop"),
        Event(uid="b@x", start=datetime.datetime(2026, 7, 15, 18), summary="Präsentation"),
        Event(uid="c@x", start=datetime.date(2026, 8, 1), summary="Ganztägig"),
    ], now=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC))
    logical = text.replace(CRLF + " ", "")[:-2].split(CRLF)
    assert logical.count("BEGIN:VTIMEZONE") == 1 and "TZID:Europe/Berlin" in logical
    assert logical.index("END:VTIMEZONE") < logical.index("BEGIN:VEVENT")
    assert "DTSTART;TZID=Europe/Berlin:20260715T100000" in logical
    assert "DTEND;TZID=Europe/Berlin:20260715T163000" in logical
    assert "DTSTART;TZID=Europe/Berlin:20260715T180000" in logical
    assert "DTSTART;VALUE=DATE:20260801" in logical  # no time known: all day
    assert {"TZOFFSETTO:+0200", "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"} <= set(logical)


def test_calendar_without_timed_events_has_no_vtimezone():
    text = build_calendar([Event(uid="c@x", start=datetime.date(2026, 8, 1), summary="Ganztägig")],
                          now=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC))
    assert "VTIMEZONE" not in text


def test_ical_feed_has_workshop_and_presentation_times_in_berlin_time(client):
    de = Locale.objects.get(language_code="de")
    council = CouncilPage.objects.get(locale=de, slug="kita-und-schule")
    assert council in upcoming_councils(de, council.date)
    text = client.get("/de/kalender.ics").content.decode().replace(CRLF + " ", "")
    logical = text[:-2].split(CRLF)
    assert logical.count("BEGIN:VTIMEZONE") == 1

    def event(uid):
        start = logical.index(f"UID:{uid}")
        return logical[start:logical.index("END:VEVENT", start)]

    workshop = event(f"{council.translation_key}@wahlkreisrat")
    assert f"DTSTART;TZID=Europe/Berlin:{council.date:%Y%m%d}T100000" in workshop
    assert f"DTEND;TZID=Europe/Berlin:{council.date:%Y%m%d}T163000" in workshop
    assert "LOCATION:Aula der Gemeinschaftsschule\\, Schulstraße 5\\, 13189 Berlin" in workshop
    presentation = event(f"{council.translation_key}-praesentation@wahlkreisrat")
    assert f"DTSTART;TZID=Europe/Berlin:{council.date:%Y%m%d}T180000" in presentation
    assert "SUMMARY:Öffentliche Präsentation der Ergebnisse: Kita und Schule" in presentation
    assert any("Lea Probe (fiktiv)" in line for line in presentation if line.startswith("DESCRIPTION:"))


def test_a_time_span_must_end_after_it_starts(constituency):
    from django.core.exceptions import ValidationError

    council = council_with_facts(constituency, datetime.date(2026, 7, 15))
    council.clean()  # 10:00–16:30 and 18:00–19:30 are fine
    council.presentation_end = datetime.time(17)
    with pytest.raises(ValidationError) as error:
        council.clean()
    assert set(error.value.message_dict) == {"presentation_end"}
