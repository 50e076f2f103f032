"""Tests for councils.logic.charts (no Django, no database)."""

import xml.etree.ElementTree as ET

import pytest

from councils.logic.charts import (
    SUPPRESSED_TEXT,
    CohortRow,
    composition_chart_svg,
    composition_rows,
    describe_composition,
    format_count,
    format_percent,
    is_safe,
    safe_total,
    suppress_small_cells,
    suppression_note,
)

SVG = "{http://www.w3.org/2000/svg}"

OFFICIAL = {"18-24": 8.9, "25-34": 16.0, "35-59": 41.9, "60-74": 22.4, "75 und mehr": 10.8}


# -- Suppression -----------------------------------------------------------------


def test_no_suppression_needed():
    counts = {"a": 5, "b": 0, "c": 12}
    assert suppress_small_cells(counts) == counts


def test_primary_suppression_of_1_and_2_zero_stays():
    result = suppress_small_cells({"a": 1, "b": 2, "c": 3, "d": 0, "e": 7})
    assert result["a"] is None and result["b"] is None
    assert result["c"] == 3 and result["d"] == 0 and result["e"] == 7


def test_single_suppressed_cell_triggers_secondary_suppression():
    # Total 2+5+9 = 16 is published: hiding only "a" would reveal a = 16-5-9.
    result = suppress_small_cells({"a": 2, "b": 9, "c": 5, "d": 0})
    assert result == {"a": None, "b": 9, "c": None, "d": 0}


def test_secondary_picks_next_smallest_nonzero_with_stable_ties():
    result = suppress_small_cells({"x": 4, "y": 1, "z": 4})
    assert result == {"x": None, "y": None, "z": 4}


def test_two_ones_are_not_enough():
    # Two hidden cells of 1 sum to 2 < 3 (and each must be >= 1): both recoverable.
    result = suppress_small_cells({"a": 1, "b": 1, "c": 6, "d": 10})
    assert result == {"a": None, "b": None, "c": None, "d": 10}


def test_three_ones_are_not_enough():
    # 1+1+1 = 3 equals the number of hidden cells: each must be exactly 1.
    result = suppress_small_cells({"a": 1, "b": 1, "c": 1, "d": 8, "e": 20})
    assert result == {"a": None, "b": None, "c": None, "d": None, "e": 20}


def test_two_primary_cells_can_protect_each_other():
    assert suppress_small_cells({"a": 1, "b": 2, "c": 8}) == {"a": None, "b": None, "c": 8}


def test_suppressed_cells_cannot_be_recovered_from_total():
    import itertools

    for values in itertools.product(range(7), repeat=4):
        counts = dict(zip("abcd", values))
        result = suppress_small_cells(counts)
        hidden = [counts[k] for k, v in result.items() if v is None]
        # Every small cell is hidden.
        assert all(result[k] is None for k, v in counts.items() if 0 < v < 3)
        # Either the hidden set is safe, or there is nothing left to hide and
        # then the total must not be published either.
        if not is_safe(hidden):
            assert all(v is None or v == 0 for v in result.values())
            assert safe_total(counts) is None
        else:
            if sum(values) >= 3:
                assert safe_total(counts) == sum(values)


def test_safe_total():
    assert safe_total({"a": 5, "b": 7}) == 12
    assert safe_total({"a": 2, "b": 0}) is None  # total 2 is itself small
    assert safe_total({"a": 2, "b": 5}) == 7  # both hidden, total is fine
    assert safe_total({"a": 1, "b": 1, "c": 1}) is None  # 3 hidden ones
    assert safe_total({"a": 0, "b": 0}) == 0


def test_secondary_can_be_disabled_and_threshold_changed():
    assert suppress_small_cells({"a": 2, "b": 9}, secondary=False) == {"a": None, "b": 9}
    assert suppress_small_cells({"a": 4, "b": 9, "c": 12}, threshold=5) == {"a": None, "b": None, "c": 12}


def test_key_order_preserved_and_input_not_modified():
    counts = {"z": 1, "a": 10, "m": 4}
    result = suppress_small_cells(counts)
    assert list(result) == ["z", "a", "m"]
    assert counts == {"z": 1, "a": 10, "m": 4}


@pytest.mark.parametrize("bad", [{"a": -1}, {"a": 1.5}, {"a": None}, {"a": True}])
def test_invalid_counts(bad):
    with pytest.raises((TypeError, ValueError)):
        suppress_small_cells(bad)


def test_format_count_and_note():
    assert format_count(7) == "7"
    assert format_count(0) == "0"
    assert format_count(None) == SUPPRESSED_TEXT
    assert format_count(None, "<3") == "<3"
    assert "weniger als 3" in suppression_note()


# -- Chart rows ------------------------------------------------------------------


def test_composition_rows_applies_suppression():
    counts = {"18-24": 2, "25-34": 6, "35-59": 9, "60-74": 5, "75 und mehr": 3}
    rows = composition_rows(counts, OFFICIAL)
    assert [r.label for r in rows] == list(OFFICIAL)
    by_label = {r.label: r for r in rows}
    assert by_label["18-24"].participants is None  # primary
    assert by_label["75 und mehr"].participants is None  # secondary (next smallest)
    assert by_label["35-59"].participants == pytest.approx(100 * 9 / 25)
    assert by_label["35-59"].official == 41.9
    with pytest.raises(KeyError):
        composition_rows({"unter 18": 1}, OFFICIAL)


# -- SVG chart -------------------------------------------------------------------


def test_chart_well_formed_and_accessible():
    rows = [
        CohortRow("18-24", None, 8.9),
        ("25-34", 24.0, 16.0),
        {"label": "35-59", "participants": 36.0, "official": 41.9},
        CohortRow("60-74", 20.0, 22.4),
        CohortRow("75 und mehr", None, 10.8),
    ]
    svg = composition_chart_svg(rows, "Alter der Teilnehmenden <&>", "Vergleich & mehr")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").get("id") == root.get("aria-labelledby")
    assert root.find(f"{SVG}title").text == "Alter der Teilnehmenden <&>"
    assert root.find(f"{SVG}desc").get("id") == root.get("aria-describedby")
    assert root.find(f"{SVG}desc").text == "Vergleich & mehr"

    bars_p = root.findall(f".//{SVG}g[@class='chart__group']/{SVG}rect[@class='chart__bar chart__bar--participants']")
    bars_o = root.findall(f".//{SVG}g[@class='chart__group']/{SVG}rect[@class='chart__bar chart__bar--official']")
    assert len(bars_p) == 3  # two suppressed rows have no participant bar
    assert len(bars_o) == 5
    # Official bars are hatched (pattern, not only colour) and thinner.
    pattern_id = root.find(f".//{SVG}pattern").get("id")
    assert all(b.get("fill") == f"url(#{pattern_id})" for b in bars_o)
    assert float(bars_o[0].get("height")) < float(bars_p[0].get("height"))
    # Longer value -> longer bar.
    widths = [float(b.get("width")) for b in bars_p]
    assert widths[1] > widths[0] > widths[2]  # 36 > 24 > 20

    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "24,0\u00a0%" in texts and "41,9\u00a0%" in texts
    assert texts.count(SUPPRESSED_TEXT) == 2
    assert "Teilnehmende" in texts
    # No inline colours.
    assert "style=" not in svg and 'fill="#' not in svg and "stroke=\"" not in svg


def test_chart_default_desc_lists_all_values():
    rows = [CohortRow("18-24", None, 8.9), CohortRow("25-34", 24.0, 16.0)]
    svg = composition_chart_svg(rows, "Titel")
    desc = ET.fromstring(svg).find(f"{SVG}desc").text
    assert desc == describe_composition(rows)
    assert "18-24: Teilnehmende ausgeblendet, Bevölkerung im Wahlkreis 8,9\u00a0%." in desc
    assert "24,0\u00a0%" in desc


def test_chart_with_empty_rows_and_ids():
    svg = composition_chart_svg([], "Leer", "Keine Daten", id_prefix="c2")
    root = ET.fromstring(svg)
    assert root.get("aria-labelledby") == "c2-title"
    with pytest.raises(ValueError):
        composition_chart_svg([], "t", "d", id_prefix="1bad id")


def test_format_percent():
    assert format_percent(16.9) == "16,9\u00a0%"
    assert format_percent(10, 0) == "10\u00a0%"
