"""Tests for councils.logic.reference_data (no Django, no database)."""

from collections import Counter
from pathlib import Path

import pytest

from councils.logic.reference_data import (
    AGE_BANDS,
    adult_age_shares,
    citywide_columns,
    identical_age_band_groups,
    parse_candidate_name,
    parse_german_decimal,
    read_age_structure,
    read_direct_mandates,
    read_wahlkreise,
)

DATA = Path(__file__).resolve().parents[2] / "councils" / "data"

# From the README caveat: Wahlkreise whose age bands are city-wide.
CITYWIDE_RANGES = [
    (18, 23), (41, 42), (74, 85), (92, 94), (105, 106), (114, 115),
    (118, 119), (141, 142), (151, 152), (181, 182), (216, 219), (258, 259),
]
CITYWIDE = {n for lo, hi in CITYWIDE_RANGES for n in range(lo, hi + 1)}

NO_DIRECT_MANDATE = {
    1, 14, 54, 58, 71, 151, 169, 181, 182, 183, 185, 202, 204, 206, 218,
    243, 251, 259, 274, 275, 277, 282, 290,
}


@pytest.fixture(scope="module")
def wahlkreise():
    return read_wahlkreise(DATA / "wahlkreise_2025.csv")


@pytest.fixture(scope="module")
def mandates():
    return read_direct_mandates(DATA / "direct_mandates_2025.csv")


@pytest.fixture(scope="module")
def ages():
    return read_age_structure(DATA / "strukturdaten_btw25.csv")


# -- Wahlkreise ---------------------------------------------------------------


def test_wahlkreise_complete(wahlkreise):
    assert len(wahlkreise) == 299
    assert [w.number for w in wahlkreise] == list(range(1, 300))
    assert len({w.state for w in wahlkreise}) == 16


def test_wahlkreise_names_stripped(wahlkreise):
    by_number = {w.number: w for w in wahlkreise}
    assert all(w.name == w.name.strip() and w.name for w in wahlkreise)
    assert by_number[16].name == "Mecklenburgische Seenplatte I – Vorpommern-Greifswald II"
    assert by_number[1].name == "Flensburg – Schleswig"
    assert by_number[74].state == "Berlin"


def test_wahlkreise_per_state(wahlkreise):
    counts = Counter(w.state for w in wahlkreise)
    assert counts["Nordrhein-Westfalen"] == 64
    assert counts["Bayern"] == 47
    assert counts["Baden-Württemberg"] == 38


# -- Direct mandates ------------------------------------------------------------


def test_direct_mandates_counts(mandates):
    assert sorted(mandates) == list(range(1, 300))
    assert sum(m.direct_mandate for m in mandates.values()) == 276
    assert {n for n, m in mandates.items() if not m.direct_mandate} == NO_DIRECT_MANDATE


def test_wk1_has_no_direct_mandate(mandates):
    wk1 = mandates[1]
    assert wk1.direct_mandate is False
    assert wk1.display_name == "Petra Nicolaisen"  # the winner without a seat
    assert wk1.party == "CDU"


def test_direct_mandates_by_party(mandates):
    parties = Counter(m.party for m in mandates.values() if m.direct_mandate)
    assert parties == {"CDU": 128, "SPD": 44, "CSU": 44, "AfD": 42, "GRÜNE": 12, "Die Linke": 6}


def test_direct_mandate_names(mandates):
    m = mandates[4]
    assert (m.title, m.family_name, m.given_names) == ("Dr.", "Wadephul", "Johann David Walter Rudolf")
    assert m.display_name == "Dr. Johann David Walter Rudolf Wadephul"
    assert m.name == "Dr. Wadephul, Johann David Walter Rudolf"
    for m in mandates.values():
        assert m.family_name and m.given_names and m.display_name.endswith(m.family_name)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Helfrich, Mark", ("", "Helfrich", "Mark", "Mark Helfrich")),
        ("Prof. Dr. Kaufmann, Michael Heinz",
         ("Prof. Dr.", "Kaufmann", "Michael Heinz", "Prof. Dr. Michael Heinz Kaufmann")),
        ("Freiherr von Stetten, Christian Alexander",
         ("", "Freiherr von Stetten", "Christian Alexander",
          "Christian Alexander Freiherr von Stetten")),
        ("dos Santos-Wintz, Catarina",
         ("", "dos Santos-Wintz", "Catarina", "Catarina dos Santos-Wintz")),
        ("Dr.-Ing.  Muster,  Erika ", ("Dr.-Ing.", "Muster", "Erika", "Dr.-Ing. Erika Muster")),
    ],
)
def test_parse_candidate_name(raw, expected):
    assert parse_candidate_name(raw) == expected


# -- Age structure ----------------------------------------------------------------


def test_age_structure_complete(ages):
    assert sorted(ages) == list(range(1, 300))
    assert ages[1].name == "Flensburg – Schleswig"
    assert ages[1].state == "Schleswig-Holstein"
    assert ages[1].population_thousands == pytest.approx(301.2)
    assert ages[1].age_bands == {
        "unter 18": 16.9, "18-24": 7.7, "25-34": 12.3,
        "35-59": 32.1, "60-74": 19.2, "75 und mehr": 11.7,
    }


def test_age_bands_sum_to_100(ages):
    for rec in ages.values():
        assert tuple(rec.age_bands) == AGE_BANDS
        assert sum(rec.age_bands.values()) == pytest.approx(100, abs=0.3), rec.number


def test_exactly_the_41_citywide_are_flagged(ages):
    flagged = {n for n, rec in ages.items() if rec.age_bands_citywide}
    assert len(CITYWIDE) == 41
    assert flagged == CITYWIDE
    assert ages[74].citywide_area == "Berlin"
    assert ages[216].citywide_area == "München"
    assert ages[43].citywide_area is None  # Hannover-Land: only Spalte 21-48 region-wide


def test_citywide_flag_matches_identical_values(ages):
    groups = identical_age_band_groups(ages.values())
    assert {n for g in groups for n in g} == CITYWIDE
    assert [g[0] for g in groups] == [lo for lo, _ in CITYWIDE_RANGES]


def test_population_is_per_wahlkreis_even_when_citywide(ages):
    berlin = [ages[n].population_thousands for n in range(74, 86)]
    assert len(set(berlin)) > 1


def test_citywide_columns_parser():
    cols, area = citywide_columns(
        "Die Stadt Berlin bildet mehrere Wahlkreise. In den Spalten 1, 7 bis 14 und "
        "17 bis 48 sind die Werte für Berlin insgesamt ausgewiesen."
    )
    assert area == "Berlin"
    assert cols == {1} | set(range(7, 15)) | set(range(17, 49))
    assert citywide_columns("Spalte 1: Ohne den Kölner Stadtbezirk Mülheim.") == (set(), None)


def test_parse_german_decimal():
    assert parse_german_decimal("2128,1") == pytest.approx(2128.1)
    assert parse_german_decimal("-6,1") == pytest.approx(-6.1)
    assert parse_german_decimal("23052") == 23052
    with pytest.raises(ValueError):
        parse_german_decimal("–")


def test_bom_is_handled(ages, tmp_path):
    # The reader must not depend on the BOM being present or absent.
    src = (DATA / "strukturdaten_btw25.csv").read_bytes()
    assert src.startswith(b"\xef\xbb\xbf")
    no_bom = tmp_path / "no_bom.csv"
    no_bom.write_bytes(src[3:])
    assert read_age_structure(no_bom) == ages


def test_adult_age_shares(ages):
    adult = adult_age_shares(ages[1].age_bands)
    assert "unter 18" not in adult
    assert sum(adult.values()) == pytest.approx(100, abs=0.3)
