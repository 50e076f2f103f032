"""Postcodes to places: the shipped postcode table, distances and the points on the map (plain logic)."""

import json

import pytest

from councils.logic import DATA_DIR as COUNCIL_DATA
from network.logic import geo
from network.logic.placemap import render_places_svg, to_svg


def test_a_known_postcode_has_its_position():
    lat, lon = geo.locate(" 10115 ")  # Berlin-Mitte
    assert 52.4 < lat < 52.6 and 13.3 < lon < 13.5


@pytest.mark.parametrize("text", ["1011", "abcde", "", "101155"])
def test_anything_but_five_digits_is_not_a_postcode(text):
    assert geo.normalise_postcode(text) is None
    assert geo.locate(text) is None


def test_an_unassigned_postcode_is_unknown_not_guessed():
    assert geo.locate("00000") is None


def test_distance_berlin_munich_is_about_500_km():
    assert 495 < geo.distance_km(geo.locate("10115"), geo.locate("80331")) < 515


def test_nearest_is_by_distance_not_by_postcode_digits():
    # 01067 (Dresden) is numerically next to 01, but 04109 (Leipzig) is nearer to 06108 (Halle)
    places = {"Dresden": geo.locate("01067"), "Leipzig": geo.locate("04109"), "München": geo.locate("80331")}
    found = geo.nearest(geo.locate("06108"), places, places.get, limit=2)
    assert [n.item for n in found] == ["Leipzig", "Dresden"]


def test_berlin_lands_in_berlin_on_the_constituency_map():
    map_data = json.loads((COUNCIL_DATA / "wahlkreise_2025_map.json").read_text(encoding="utf-8"))
    x, y = to_svg(*geo.locate("10178"))  # Berlin-Mitte, Wahlkreis 75 ... 86 are Berlin
    label_x, label_y = map_data["labels"]["77"]  # Berlin-Mitte
    assert abs(x - label_x) < 25 and abs(y - label_y) < 25


def test_the_map_links_every_place_and_escapes_its_name():
    svg = render_places_svg({"viewBox": "0 0 1000 1353"}, [("A & B", "/de/orte/a/", 52.5, 13.4)], "Karte")
    assert 'aria-label="A &amp; B"' in svg and 'href="/de/orte/a/"' in svg and "<title" in svg


def test_the_shipped_table_covers_germany():
    table = geo.postcode_table()
    assert len(table) > 10_000
    assert all(47.2 < lat < 55.1 and 5.8 < lon < 15.1 for lat, lon in table.values())
