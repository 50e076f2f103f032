"""Tests for the Wahlkreis map: the offline build step and the request-time rendering (no Django, no
database)."""

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from councils.logic.geomap import ATTRIBUTION, load_map, render_locator_svg, render_overview_svg, render_svg
from councils.logic.geomap_build import (
    DEFAULT_MIN_RING_AREA,
    DEFAULT_PRECISION,
    DEFAULT_TOLERANCE,
    DEFAULT_WIDTH,
    LOCATOR_PRECISION,
    LOCATOR_TOLERANCE,
    build_map,
)
from councils.logic.geometry import project_lcc, simplify_douglas_peucker

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "councils" / "data"
TINY_GEOJSON = Path(__file__).resolve().parent / "data" / "tiny_wahlkreise.geojson"
TINY_MAP = TINY_GEOJSON.with_name("tiny_wahlkreise_map.json")
MAP_JSON = DATA / "wahlkreise_2025_map.json"
SIZE_BUDGET = 250_000  # bytes
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def map_data():
    return load_map(MAP_JSON)


def _parse_path(d):
    """Parse our compact 'M x y l dx dy ... z' paths into absolute rings."""
    rings = []
    for chunk in re.findall(r"M[^M]*", d):
        body = chunk[1:].rstrip("z")
        if "l" in body:
            start, rel = body.split("l", 1)
        else:
            start, rel = body, ""
        nums = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", start)]
        x, y = nums
        ring = [(x, y)]
        deltas = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", rel)]
        for dx, dy in zip(deltas[0::2], deltas[1::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def _inside(x, y, rings):
    inside = False
    for ring in rings:
        for i in range(len(ring)):
            (x1, y1), (x2, y2) = ring[i - 1], ring[i]
            if (y1 > y) != (y2 > y) and x1 + (y - y1) * (x2 - x1) / (y2 - y1) > x:
                inside = not inside
    return inside


# -- Map JSON ---------------------------------------------------------------------


def test_map_json_has_299_paths(map_data):
    assert sorted(int(k) for k in map_data["paths"]) == list(range(1, 300))
    assert all(p.startswith("M") and p.endswith("z") for p in map_data["paths"].values())
    assert sorted(int(k) for k in map_data["labels"]) == list(range(1, 300))
    assert map_data["names"]["74"] == "Berlin-Mitte"
    assert map_data["names"]["16"] == "Mecklenburgische Seenplatte I – Vorpommern-Greifswald II"


def test_map_json_size_budget():
    assert MAP_JSON.stat().st_size < SIZE_BUDGET


def test_map_json_metadata(map_data):
    assert map_data["attribution"] == ATTRIBUTION
    assert "GeoBasis-DE / BKG 2024" in map_data["attribution"]
    x0, y0, w, h = (float(v) for v in map_data["viewBox"].split())
    assert (x0, y0, w) == (0, 0, 1000)
    assert 1250 <= h <= 1450
    assert map_data["state_borders"].startswith("M")
    assert map_data["locator_outline"].startswith("M")


def test_paths_inside_viewbox_and_labels_inside_their_wahlkreis(map_data):
    _, _, w, h = (float(v) for v in map_data["viewBox"].split())
    for key, d in map_data["paths"].items():
        rings = _parse_path(d)
        assert rings and all(len(r) >= 3 for r in rings), key
        for ring in rings:
            for x, y in ring:
                assert -0.5 <= x <= w + 0.5 and -0.5 <= y <= h + 0.5, key
        lx, ly = map_data["labels"][key]
        assert _inside(lx, ly, rings), f"label of WK {key} outside its shape"


def test_geography_is_plausible(map_data):
    def centre(n):
        return map_data["labels"][str(n)]

    # Flensburg (1) is north of München-Nord (216); Aachen I (86) west of Görlitz (156).
    assert centre(1)[1] < centre(216)[1]
    assert centre(86)[0] < centre(156)[0]
    # Berlin Wahlkreise (74-85) lie close together in the north-east.
    xs = [centre(n)[0] for n in range(74, 86)]
    ys = [centre(n)[1] for n in range(74, 86)]
    assert max(xs) - min(xs) < 80 and max(ys) - min(ys) < 80
    assert min(xs) > 700


def test_project_lcc_orientation():
    x_west, _ = project_lcc(6.0, 51.0)
    x_east, _ = project_lcc(15.0, 51.0)
    _, y_north = project_lcc(10.5, 55.0)
    _, y_south = project_lcc(10.5, 47.0)
    assert x_west < 0 < x_east
    assert y_north < 0 < y_south  # SVG: y grows downwards
    assert project_lcc(10.5, 51.0) == pytest.approx((0.0, 0.0), abs=1e-12)


def test_douglas_peucker():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 6), (5, 7), (6, 8.05), (7, 9)]
    assert simplify_douglas_peucker(line, 0.5) == [0, 2, 3, 7]
    assert simplify_douglas_peucker(line, 100) == [0, 7]
    loop = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    kept = simplify_douglas_peucker(loop, 0.1)
    assert kept[0] == 0 and kept[-1] == 4 and len(kept) == 5


def test_build_map_shares_borders_and_drops_tiny_rings():
    # Two squares sharing an edge with a wiggly common border, plus a tiny island.
    shared = [[1.0, 50.0 + i * 0.01] for i in range(101)]  # 1°E, 50-51°N
    left = [[0.0, 50.0]] + shared + [[0.0, 51.0], [0.0, 50.0]]
    right = [[2.0, 50.0], [2.0, 51.0]] + shared[::-1] + [[2.0, 50.0]]
    island = [[0.5, 49.5], [0.5001, 49.5], [0.5001, 49.5001], [0.5, 49.5]]
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature",
             "properties": {"WKR_NR": 1, "WKR_NAME": "Links ", "LAND_NR": "01", "LAND_NAME": "A"},
             "geometry": {"type": "MultiPolygon", "coordinates": [[left], [island]]}},
            {"type": "Feature",
             "properties": {"WKR_NR": 2, "WKR_NAME": "Rechts", "LAND_NR": "02", "LAND_NAME": "B"},
             "geometry": {"type": "Polygon", "coordinates": [right]}},
        ],
    }
    data = build_map(geojson, width=200, tolerance=1.0)
    assert data["names"] == {"1": "Links", "2": "Rechts"}
    assert data["simplification"]["dropped_rings"] == 1
    left_ring, = _parse_path(data["paths"]["1"])
    right_ring, = _parse_path(data["paths"]["2"])
    # The straight shared border collapses to its two end points in both shapes.
    common = {(round(x, 1), round(y, 1)) for x, y in left_ring} & {
        (round(x, 1), round(y, 1)) for x, y in right_ring
    }
    assert len(common) == 2
    assert len(left_ring) == 4 and len(right_ring) == 4


def test_the_documented_rebuild_command_writes_the_same_map_every_time(tmp_path):
    """`python -m councils.logic.geomap_build SRC DST` (README) on a tiny made-up GeoJSON gives
    byte-identical output, equal to the output recorded when the build step was last changed."""
    out = tmp_path / "map.json"
    result = subprocess.run(
        [sys.executable, "-m", "councils.logic.geomap_build", str(TINY_GEOJSON), str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "3 Wahlkreise" in result.stderr
    assert out.read_bytes() == TINY_MAP.read_bytes()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"] == {"file": TINY_GEOJSON.name,
                              "sha256": hashlib.sha256(TINY_GEOJSON.read_bytes()).hexdigest()}
    assert data["names"] == {"1": "Westheim", "2": "Osttal", "3": "Nordstadt"}
    assert data["simplification"]["dropped_rings"] == 1  # the tiny island of Wahlkreis 1
    assert len(_parse_path(data["paths"]["1"])) == 2  # outer ring and the enclave's hole


def test_committed_map_was_built_with_the_documented_defaults(map_data):
    """The README's rebuild command takes no options: the committed map used the defaults."""
    assert map_data["source"]["file"] == "wahlkreise_2025.geojson"
    assert re.fullmatch(r"[0-9a-f]{64}", map_data["source"]["sha256"])
    settings = {key: map_data["simplification"][key] for key in
                ("tolerance", "precision", "min_ring_area", "locator_tolerance", "locator_precision")}
    assert settings == {"tolerance": DEFAULT_TOLERANCE, "precision": DEFAULT_PRECISION,
                        "min_ring_area": DEFAULT_MIN_RING_AREA, "locator_tolerance": LOCATOR_TOLERANCE,
                        "locator_precision": LOCATOR_PRECISION}
    assert map_data["width"] == DEFAULT_WIDTH


# -- render_svg -------------------------------------------------------------------


def test_render_svg_well_formed_and_links_only_for_highlighted(map_data):
    highlighted = {74: "/wahlkreise/74/", 216: "https://example.org/wk?a=1&b=2"}
    svg = render_svg(map_data, highlighted, "Karte der Wahlkreisräte", "Zwei Räte", current=74)
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert root.get("role") == "group"
    title_id = root.get("aria-labelledby")
    desc_id = root.get("aria-describedby")
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Karte der Wahlkreisräte"
    assert root.find(f"{SVG}desc").get("id") == desc_id

    links = root.findall(f".//{SVG}a")
    assert {a.get("href") for a in links} == set(highlighted.values())
    labels = {a.get("aria-label") for a in links}
    assert labels == {"Wahlkreis 74: Berlin-Mitte", "Wahlkreis 216: München-Nord"}
    current = [a for a in links if a.get("aria-current") == "page"]
    assert len(current) == 1 and current[0].get("href") == "/wahlkreise/74/"

    paths = root.findall(f".//{SVG}path[@data-wk]")
    assert len(paths) == 299
    base = root.find(f"{SVG}g[@aria-hidden='true']")
    assert len(base.findall(f"{SVG}path")) == 297
    for p in base.findall(f"{SVG}path"):
        assert p.get("class") == "wk"
    classes = {a.find(f"{SVG}path").get("data-wk"): a.find(f"{SVG}path").get("class") for a in links}
    assert classes == {"74": "wk wk--active wk--current", "216": "wk wk--active"}
    # No inline colours.
    assert "style=" not in svg and "#" not in svg.replace("&#", "")
    assert "fill=\"#" not in svg and "stroke=" not in svg


def test_render_svg_escapes_text_and_urls(map_data):
    data = dict(map_data, names=dict(map_data["names"], **{"5": 'Kiel <&> "Nord"'}))
    svg = render_svg(
        data,
        {5: '/wk/5/?x="1"&y=<2>'},
        title="Räte <&> Karte",
        desc='Beschreibung mit "Anführung" & <Tag>',
        id_prefix="map-1",
    )
    root = ET.fromstring(svg)  # must not raise
    assert root.find(f"{SVG}title").text == "Räte <&> Karte"
    assert root.find(f"{SVG}desc").text == 'Beschreibung mit "Anführung" & <Tag>'
    link = root.find(f".//{SVG}a")
    assert link.get("aria-label") == 'Wahlkreis 5: Kiel <&> "Nord"'
    assert link.get("href") == '/wk/5/?x="1"&y=<2>'
    assert root.get("aria-labelledby") == "map-1-title"


def test_render_svg_rejects_bad_input(map_data):
    with pytest.raises(ValueError):
        render_svg(map_data, {1: "javascript:alert(1)"}, "t", "d")
    with pytest.raises(KeyError):
        render_svg(map_data, {300: "/x/"}, "t", "d")
    with pytest.raises(ValueError):
        render_svg(map_data, {}, "t", "d", id_prefix='x" onload="y')


def test_render_svg_without_links(map_data):
    svg = render_svg(map_data, {}, "t", "d", current=12)
    root = ET.fromstring(svg)
    assert root.findall(f".//{SVG}a") == []
    cur = root.find(f".//{SVG}path[@data-wk='12']")
    assert cur.get("class") == "wk wk--current"


# -- render_locator_svg ----------------------------------------------------------


def test_render_locator_svg(map_data):
    svg = render_locator_svg(map_data, 75)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title.get("id") == root.get("aria-labelledby")
    assert title.text == "Lage des Wahlkreises 75 Berlin-Pankow in Deutschland"
    highlighted = root.findall(f"{SVG}path[@class='wk wk--current']")
    assert len(highlighted) == 1
    assert highlighted[0].get("d") == map_data["paths"]["75"]
    dot = root.find(f"{SVG}circle")
    assert dot.get("class") == "wk-dot"
    assert len(svg.encode()) < 20_000  # small enough to inline on every page
    with pytest.raises(KeyError):
        render_locator_svg(map_data, 0)


# -- render_overview_svg (the home page's way in) --------------------------------


def test_render_overview_svg_links_one_dot_per_constituency(map_data):
    svg = render_overview_svg(map_data, {75: "/de/wk-75/", 12: "/de/wk-12/"}, "Wahlkreise & mehr",
                              label_template="Wahlkreis {number}: {name}")
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "Wahlkreise & mehr"
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["/de/wk-12/", "/de/wk-75/"]
    assert links[1].get("aria-label") == "Wahlkreis 75: Berlin-Pankow"
    assert [c.get("class") for c in root.iter(f"{SVG}circle")] == ["wk-dot", "wk-dot"]
    assert len(svg.encode()) < 20_000  # not the full map's constituency paths
    with pytest.raises(ValueError):
        render_overview_svg(map_data, {1: "javascript:alert(1)"}, "t")
    with pytest.raises(KeyError):
        render_overview_svg(map_data, {300: "/x/"}, "t")


def test_map_json_is_valid_utf8_json():
    text = MAP_JSON.read_text(encoding="utf-8")
    assert json.loads(text)["paths"]
    assert "München" in text  # not ASCII-escaped
