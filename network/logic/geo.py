"""Postcodes to coordinates and the nearest places. Standard library only.

The postcode table (``network/data/postcodes_de.csv``, see ``network/data/README.md``) holds the mean
position of every German postcode in the GeoNames postal-code data (CC BY 4.0). A postcode that is not
in it is unknown: we never guess from the digits, because neighbouring numbers can lie far apart.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import DATA_DIR

POSTCODE_FILE = DATA_DIR / "postcodes_de.csv"
POSTCODE_RE = re.compile(r"^\d{5}$")
EARTH_RADIUS_KM = 6371.0088


def normalise_postcode(text: str) -> str | None:
    """'  10115 ' -> '10115'; None for anything that is not five digits (after removing spaces and
    a leading 'D-')."""
    value = re.sub(r"\s+", "", text or "").upper().removeprefix("D-")
    return value if POSTCODE_RE.match(value) else None


@lru_cache(maxsize=1)
def postcode_table() -> dict[str, tuple[float, float]]:
    with POSTCODE_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["postcode"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(handle)}


def locate(postcode: str) -> tuple[float, float] | None:
    """(lat, lon) of a German postcode, or None if it is not a known postcode."""
    code = normalise_postcode(postcode)
    return postcode_table().get(code) if code else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Nearby:
    item: object
    km: float


def nearest(origin: tuple[float, float], items, position, limit: int = 3) -> list[Nearby]:
    """The `limit` items closest to `origin`; `position(item)` gives (lat, lon) or None (skipped)."""
    found = []
    for item in items:
        where = position(item)
        if where is not None:
            found.append(Nearby(item, distance_km(origin, where)))
    found.sort(key=lambda n: n.km)
    return found[:limit]
