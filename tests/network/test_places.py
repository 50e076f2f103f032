"""Places of the network: the index with its map and the postcode search, a place's page with its
meetings, its projects and its contact people (named only with their consent)."""

import pytest
from wagtail.models import Locale

from network.models import PlaceIndexPage, PlacePage

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-07-01")]


@pytest.fixture
def places_index(de_home):
    return PlaceIndexPage.objects.child_of(de_home).get()


def test_the_index_shows_every_place_on_a_map_and_is_in_the_menu(client, places_index):
    html = client.get(places_index.url).content.decode()
    assert places_index.show_in_menus
    assert html.count('class="wk-dot') == 3
    for title in ("Wittstock/Dosse", "Leipzig-Grünau", "Wangen im Allgäu"):
        assert title in html
    assert "GeoBasis-DE / BKG" in html  # the map's required notice


def test_a_reader_finds_the_nearest_place_by_postcode(client, places_index):
    html = client.get(places_index.url, {"plz": "04229"}).content.decode()  # Leipzig-Schleußig
    results = html.split('class="nearest"', 1)[1].split("</ol>", 1)[0]
    assert results.index("Leipzig-Grünau") < results.index("Wittstock/Dosse") < results.index("Wangen")


def test_an_unknown_or_malformed_postcode_gets_a_clear_message(client, places_index):
    assert "Diese Postleitzahl kennen wir nicht." in client.get(places_index.url, {"plz": "00000"}).content.decode()
    assert "fünfstellige Postleitzahl" in client.get(places_index.url, {"plz": "12"}).content.decode()


def test_contacts_are_named_only_with_their_consent(client):
    page = PlacePage.objects.get(slug="wittstock-dosse", locale__language_code="de")
    html = client.get(page.url).content.decode()
    assert "Erika Beispiel (fiktiv)" in html and "erika.beispiel@example.org" in html
    assert "Hanna Verborgen" not in html and "hanna.verborgen@example.org" not in html
    assert "Name nicht veröffentlicht" in html


def test_the_place_page_shows_upcoming_meetings_and_its_projects(client):
    page = PlacePage.objects.get(slug="wittstock-dosse", locale__language_code="de")
    html = client.get(page.url).content.decode()
    assert "Jeden ersten Dienstag im Monat" in html
    assert "Bürgerhaus" in html
    assert "Bänke für den Marktplatz" in html


def test_the_english_place_page_speaks_english(client):
    page = PlacePage.objects.get(slug="wittstock-dosse", locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert "Every first Tuesday of the month" in html
    assert "Benches for the market square" in html


def test_an_editor_adds_a_place_and_its_position_comes_from_the_postcode(places_index, editor):
    place = PlacePage(title="Neustadt (Test)", slug="neustadt-test", postcode="01067", kind="town",
                      locale=Locale.objects.get(language_code="de"))
    places_index.add_child(instance=place)
    place.save_revision(user=editor).publish()
    place.refresh_from_db()
    assert 50.9 < float(place.latitude) < 51.2 and 13.6 < float(place.longitude) < 13.9


def test_editors_may_add_places_in_the_admin(client, places_index, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/network/placepage/{places_index.pk}/")
    assert response.status_code == 200


def test_places_are_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/de/orte/wittstock-dosse/" in xml and "/en/places/wittstock-dosse/" in xml
