"""A council page's summary in Leichte Sprache and its own feeds and calendar entry."""


import pytest

from councils.models import CouncilPage

from ..html import main

pytestmark = pytest.mark.django_db


def council(language, title):
    return CouncilPage.objects.live().get(locale__language_code=language, title=title)


def test_the_council_page_shows_its_summary_in_leichte_sprache(client):
    page = council("de", "Bus und Bahn im Landkreis")
    html = main(client.get(page.url).content.decode())
    section = html.split('id="leichte-sprache"')[1].split("</section>")[0]
    assert "In Leichter Sprache" in section
    assert "<p>Alte Bahn·strecken sollen wieder fahren.</p>" in section
    assert 'href="#leichte-sprache"' in html  # in the table of contents
    english = main(client.get(council("en", "Buses and trains in the district").url).content.decode())
    assert "<p>Old railway lines should run again.</p>" in english and "In Easy Read" in english


def test_a_council_without_a_summary_has_no_easy_read_section(client):
    page = CouncilPage.objects.live().filter(locale__language_code="de", easy_summary="").first()
    assert 'id="leichte-sprache"' not in client.get(page.url).content.decode()


@pytest.mark.parametrize("title", ["Bus und Bahn im Landkreis", "Kita und Schule"])  # past and upcoming
def test_the_council_page_links_its_own_feeds_and_calendar_entry(client, title):
    page = council("de", title)
    html = client.get(page.url).content.decode()
    section = main(html).split('id="daten"')[1].split("</section>")[0]
    links = {f"/de/feeds/wahlkreisrat/{page.pk}.rss": "application/rss+xml",
             f"/de/feeds/wahlkreisrat/{page.pk}.atom": "application/atom+xml",
             f"/de/kalender/wahlkreisrat/{page.pk}.ics": "text/calendar"}
    for url, content_type in links.items():
        assert f'href="{url}"' in section
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type), url
    assert 'href="/de/offene-daten/"' in section
    # feed readers find the council's own feed from the page head
    assert f'type="application/rss+xml" title="Rückmeldungen zum Wahlkreisrat „{page.title}“ (RSS)"' in html


def test_the_council_calendar_entry_is_that_councils_day(client):
    page = council("de", "Bus und Bahn im Landkreis")
    text = client.get(f"/de/kalender/wahlkreisrat/{page.pk}.ics").content.decode().replace("\r\n ", "")
    # the workshop, and the public presentation as an entry of its own
    assert text.count("BEGIN:VEVENT") == 1 + bool(page.presentation_start)
    assert f"DTSTART;TZID=Europe/Berlin:{page.date:%Y%m%d}T{page.workshop_start:%H%M%S}" in text
    assert f"DTEND;TZID=Europe/Berlin:{page.date:%Y%m%d}T{page.workshop_end:%H%M%S}" in text
    assert f"SUMMARY:Wahlkreisrat: {page.title}" in text
    assert f"UID:{page.translation_key}@wahlkreisrat" in text  # the same UID as in the site-wide calendar


def test_no_calendar_entry_for_unpublished_councils_or_other_pages(client, de_home):
    page = council("de", "Bus und Bahn im Landkreis")
    page.unpublish()
    assert client.get(f"/de/kalender/wahlkreisrat/{page.pk}.ics").status_code == 404
    assert client.get(f"/de/kalender/wahlkreisrat/{de_home.pk}.ics").status_code == 404


def test_the_api_offers_the_summary_in_leichte_sprache(client):
    page = council("de", "Bus und Bahn im Landkreis")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["easy_summary"].splitlines()[0] == "Das Thema war: Bus und Bahn auf dem Land."
