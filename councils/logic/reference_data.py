"""Readers for the official Bundestag-2025 reference data in ``councils/data/``.

Standard library only, no Django. Every reader takes a path and returns plain
(frozen) dataclasses, so the results can be used in data migrations,
management commands or tests. See ``councils/data/README.md`` for the sources
and licences of the files.

Files and readers:

* ``wahlkreise_2025.csv`` -> :func:`read_wahlkreise`
* ``direct_mandates_2025.csv`` -> :func:`read_direct_mandates`
* ``strukturdaten_btw25.csv`` -> :func:`read_age_structure`
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import DATA_DIR

__all__ = [
    "AGE_BANDS",
    "AgeStructure",
    "adult_age_shares",
    "DirectMandate",
    "Wahlkreis",
    "WAHLKREISE_CSV",
    "DIRECT_MANDATES_CSV",
    "STRUKTURDATEN_CSV",
    "identical_age_band_groups",
    "citywide_columns",
    "parse_candidate_name",
    "parse_german_decimal",
    "read_age_structure",
    "read_direct_mandates",
    "read_wahlkreise",
]

WAHLKREISE_CSV = DATA_DIR / "wahlkreise_2025.csv"
DIRECT_MANDATES_CSV = DATA_DIR / "direct_mandates_2025.csv"
STRUKTURDATEN_CSV = DATA_DIR / "strukturdaten_btw25.csv"

#: Number of Bundestag constituencies (Wahlkreise) in 2025.
WAHLKREIS_COUNT = 299

#: The six official age bands, in order (keys of ``AgeStructure.age_bands``).
AGE_BANDS: tuple[str, ...] = (
    "unter 18",
    "18-24",
    "25-34",
    "35-59",
    "60-74",
    "75 und mehr",
)

#: Column numbers ("Spalte") of the age-band columns in the Strukturdaten file.
AGE_BAND_COLUMNS = frozenset(range(9, 15))


# --------------------------------------------------------------------------
# Dataclasses
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Wahlkreis:
    """One Bundestag constituency."""

    number: int
    name: str
    state: str


@dataclass(frozen=True)
class DirectMandate:
    """The Erststimmen winner of one Wahlkreis (election result of 2025).

    ``direct_mandate`` is False for the 23 Wahlkreise whose winner got no seat
    because the party's Zweitstimmen did not cover it; those Wahlkreise have
    no directly elected member. ``name`` is the raw official form
    "[Titel ]Nachname, Vornamen".
    """

    number: int
    wahlkreis: str
    state: str
    name: str
    title: str
    family_name: str
    given_names: str
    display_name: str
    party: str
    direct_mandate: bool


@dataclass(frozen=True)
class AgeStructure:
    """Population and age structure of one Wahlkreis (as of 31.12.2023).

    ``age_bands`` maps the keys of :data:`AGE_BANDS` to percentages.
    ``population_thousands`` is the population total in 1000.

    ``age_bands_citywide`` is True where the official file gives the age
    bands for a whole city that forms several Wahlkreise (Berlin, Hamburg,
    München, ...), i.e. the values are *not* specific to this Wahlkreis.
    ``citywide_area`` then names that city ("Berlin"). Population totals,
    Germans and the foreigner share are per Wahlkreis in every case.
    """

    number: int
    name: str
    state: str
    population_thousands: float
    germans_thousands: float
    foreigners_percent: float
    age_bands: dict[str, float] = field(hash=False)
    age_bands_citywide: bool
    citywide_area: str | None
    footnote: str


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def parse_german_decimal(value: str) -> float:
    """Parse a German-formatted number: ``"2128,1"`` -> 2128.1.

    Thousands separators (``.``) are removed. Raises ``ValueError`` for
    empty strings and the official placeholders (``-``, ``–``, ``.``, ``x``).
    """
    text = value.strip()
    if text in {"", "-", "–", ".", "x", "X", "/"}:
        raise ValueError(f"no numeric value: {value!r}")
    text = text.replace(".", "").replace(",", ".")
    return float(text)


_TITLE_TOKEN = re.compile(r"^[^\s,]*\.$")


def parse_candidate_name(raw: str) -> tuple[str, str, str, str]:
    """Split an official name "[Titel ]Nachname, Vornamen".

    Returns ``(title, family_name, given_names, display_name)``.

    Leading tokens that end with a full stop are academic titles
    ("Dr.", "Prof. Dr.", "Dr.-Ing.", "Dr. h. c."). Everything else before the
    comma is the family name, including particles and former titles of
    nobility that are part of the name ("van Beek", "Freiherr von Stetten").
    The display name is "Titel Vornamen Nachname", e.g.
    ``"Dr. Johann David Walter Rudolf Wadephul"``.
    """
    text = " ".join(raw.split())
    if "," in text:
        before, given = text.split(",", 1)
        given = given.strip()
    else:  # defensive: no comma -> treat everything as family name
        before, given = text, ""
    tokens = before.split()
    title_tokens: list[str] = []
    # Keep at least one token for the family name.
    while len(tokens) > 1 and _TITLE_TOKEN.match(tokens[0]):
        title_tokens.append(tokens.pop(0))
    title = " ".join(title_tokens)
    family = " ".join(tokens)
    display = " ".join(part for part in (title, given, family) if part)
    return title, family, given, display


def _parse_bool(value: str) -> bool:
    text = value.strip().lower()
    if text in {"yes", "ja", "true", "1"}:
        return True
    if text in {"no", "nein", "false", "0"}:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------


def read_wahlkreise(path: str | Path = WAHLKREISE_CSV) -> list[Wahlkreis]:
    """Read ``wahlkreise_2025.csv`` (columns number,name,state).

    Returns the 299 Wahlkreise sorted by number; names and Länder are
    whitespace-stripped.
    """
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = [
            Wahlkreis(
                number=int(row["number"]),
                name=row["name"].strip(),
                state=row["state"].strip(),
            )
            for row in csv.DictReader(fh)
        ]
    records.sort(key=lambda r: r.number)
    return records


def read_direct_mandates(
    path: str | Path = DIRECT_MANDATES_CSV,
) -> dict[int, DirectMandate]:
    """Read ``direct_mandates_2025.csv``; returns ``{number: DirectMandate}``.

    All 299 Wahlkreise are included; filter on ``direct_mandate`` to get the
    276 directly elected members.
    """
    result: dict[int, DirectMandate] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            number = int(row["number"])
            raw_name = " ".join(row["name"].split())
            title, family, given, display = parse_candidate_name(raw_name)
            result[number] = DirectMandate(
                number=number,
                wahlkreis=row["wahlkreis"].strip(),
                state=row["state"].strip(),
                name=raw_name,
                title=title,
                family_name=family,
                given_names=given,
                display_name=display,
                party=row["party"].strip(),
                direct_mandate=_parse_bool(row["direct_mandate"]),
            )
    return dict(sorted(result.items()))


# Footnote such as "Die Stadt Berlin bildet mehrere Wahlkreise. In den Spalten
# 1, 7 bis 14 und 17 bis 48 sind die Werte für Berlin insgesamt ausgewiesen."
_CITYWIDE_FOOTNOTE = re.compile(
    r"bildet mehrere Wahlkreise\.\s*In den Spalten\s+(?P<columns>[\d\s,]+(?:(?:bis|und)\s+[\d\s,]+)*)"
    r"\s+sind die Werte für\s+(?P<area>.+?)\s+insgesamt ausgewiesen",
)


def _parse_column_numbers(text: str) -> set[int]:
    """Parse "1, 7 bis 14 und 17 bis 48" into the set of column numbers."""
    numbers: set[int] = set()
    for part in re.split(r"\s*(?:,|\bund\b)\s*", text.strip()):
        part = part.strip()
        if not part:
            continue
        if "bis" in part:
            lo, hi = (int(x) for x in part.split("bis"))
            numbers.update(range(lo, hi + 1))
        else:
            numbers.add(int(part))
    return numbers


def citywide_columns(footnote: str) -> tuple[set[int], str | None]:
    """Return the "Spalte" numbers a city-wide footnote covers, and the city.

    Returns ``(set(), None)`` if the footnote is not a city-wide one.
    """
    match = _CITYWIDE_FOOTNOTE.search(footnote)
    if not match:
        return set(), None
    return _parse_column_numbers(match.group("columns")), match.group("area").strip()


_AGE_HEADER_PREFIX = "Alter von ... bis ... Jahren am 31.12.2023 - "
_POP_TOTAL = "Bevölkerung am 31.12.2023 - Insgesamt (in 1000)"
_POP_GERMANS = "Bevölkerung am 31.12.2023 - Deutsche (in 1000)"
_POP_FOREIGN = "Bevölkerung am 31.12.2023 - Ausländer/-innen (%)"


def read_age_structure(
    path: str | Path = STRUKTURDATEN_CSV,
) -> dict[int, AgeStructure]:
    """Read the official ``btw2025_strukturdaten.csv``; ``{number: AgeStructure}``.

    The file is UTF-8 with BOM, ``;``-separated, with decimal commas. Lines
    starting with ``#`` and the ``Spalten-Nr.`` line are skipped, the header
    line is located by its first cell ``Land``, and only rows with a
    Wahlkreis number <= 299 are kept (Land totals are 901-916, Germany 999).

    ``age_bands_citywide`` is derived from the ``Fußnoten`` column: it is True
    when the footnote says the city forms several Wahlkreise and the columns
    given city-wide include the age-band columns (Spalte 9-14).
    """
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))

    header: list[str] | None = None
    data_start = 0
    for index, row in enumerate(rows):
        if not row or row[0].startswith("#") or row[0].startswith("Spalten-Nr"):
            continue
        if row[0].strip() == "Land":
            header = [cell.strip() for cell in row]
            data_start = index + 1
            break
    if header is None:
        raise ValueError(f"{path}: header line starting with 'Land' not found")

    col = {name: i for i, name in enumerate(header)}
    try:
        i_number = col["Wahlkreis-Nr."]
        i_name = col["Wahlkreis-Name"]
        i_state = col["Land"]
        i_total = col[_POP_TOTAL]
        i_germans = col[_POP_GERMANS]
        i_foreign = col[_POP_FOREIGN]
        i_foot = col["Fußnoten"]
        i_bands = [col[_AGE_HEADER_PREFIX + band + " (%)"] for band in AGE_BANDS]
    except KeyError as exc:  # pragma: no cover - guards against format changes
        raise ValueError(f"{path}: expected column missing: {exc}") from None

    result: dict[int, AgeStructure] = {}
    for row in rows[data_start:]:
        if not row or not row[i_number].strip():
            continue
        number = int(row[i_number])
        if not 1 <= number <= WAHLKREIS_COUNT:
            continue
        footnote = " ".join(row[i_foot].split()) if len(row) > i_foot else ""
        columns, area = citywide_columns(footnote)
        citywide = columns >= AGE_BAND_COLUMNS
        result[number] = AgeStructure(
            number=number,
            name=row[i_name].strip(),
            state=row[i_state].strip(),
            population_thousands=parse_german_decimal(row[i_total]),
            germans_thousands=parse_german_decimal(row[i_germans]),
            foreigners_percent=parse_german_decimal(row[i_foreign]),
            age_bands={
                band: parse_german_decimal(row[i])
                for band, i in zip(AGE_BANDS, i_bands)
            },
            age_bands_citywide=citywide,
            citywide_area=area if citywide else None,
            footnote=footnote,
        )
    return dict(sorted(result.items()))


def adult_age_shares(
    age_bands: dict[str, float],
    exclude: Iterable[str] = ("unter 18",),
) -> dict[str, float]:
    """Re-normalise age bands to 100 % after dropping the excluded bands.

    Councils only recruit adults, so a fair comparison of participants with
    the population uses the shares among people aged 18 and over:
    ``{"18-24": 8.9, "25-34": ..., ...}`` (rounded to one decimal).
    """
    excluded = set(exclude)
    kept = {band: share for band, share in age_bands.items() if band not in excluded}
    total = sum(kept.values())
    if total <= 0:
        raise ValueError("no population share left after exclusion")
    return {band: round(100 * share / total, 1) for band, share in kept.items()}


def identical_age_band_groups(
    records: Iterable[AgeStructure],
) -> list[list[int]]:
    """Group Wahlkreise of the same Land that share identical age bands.

    Used as an independent cross-check of the ``age_bands_citywide`` flag:
    in the 2025 file the groups found here are exactly the cities that form
    several Wahlkreise. Returns sorted lists of numbers (groups of >= 2).
    """
    groups: dict[tuple, list[int]] = defaultdict(list)
    for rec in records:
        key = (rec.state,) + tuple(rec.age_bands[b] for b in AGE_BANDS)
        groups[key].append(rec.number)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)
