"""Seat apportionment for age cohorts.

Two steps, both deterministic and done in exact rational arithmetic (floats
are read through their shortest decimal form, so ``17.3`` means 173/10):

1. :func:`restrict_bands` turns the official age bands of the Strukturdaten
   ("unter 18", "18-24", "25-34", "35-59", "60-74", "75 und mehr", as
   percentages of the population) into weights for the council's own cohorts,
   cut at the council's minimum age.

   Assumption: within an official band, people are spread uniformly over the
   whole years of age the band covers. "unter 18" covers ages 0–17 (18
   years), so a minimum age of 16 keeps 2/18 of its share and 18 drops it. A
   cohort that covers part of a band gets the share of the years it covers.
   The open top band ("75 und mehr") is assumed to run up to
   ``open_band_max_age`` (default 99, i.e. 25 years); that assumption only
   matters when a cohort boundary cuts through the open band.

2. :func:`largest_remainder` distributes the seats by the largest remainder
   method (Hare/Hamilton).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

#: The age band labels of the Bundeswahlleiterin's Strukturdaten (2025).
OFFICIAL_BANDS = ("unter 18", "18-24", "25-34", "35-59", "60-74", "75 und mehr")

DEFAULT_OPEN_BAND_MAX_AGE = 99

Number = int | float | Fraction | Decimal


class AgeRange(NamedTuple):
    """An inclusive range of whole years of age; ``max_age`` None = open."""

    label: str
    min_age: int
    max_age: int | None


# --- largest remainder -------------------------------------------------------


def largest_remainder(
    total_seats: int,
    weights: Mapping[str, Number],
    minimum: int | Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Distribute ``total_seats`` proportionally to ``weights`` (Hamilton).

    Every label gets the whole part of its quota ``total × weight / sum``;
    the seats left over go one each to the largest remainders, ties broken by
    the order of ``weights`` (earlier label first).

    ``minimum`` (one number for all labels or a mapping per label) is honoured
    like this: a label whose quota falls below its minimum is fixed at the
    minimum, and the remaining seats are apportioned among the other labels
    by the same method; repeated until no quota falls below its minimum. So
    small bands are lifted to their minimum at the expense of the others in
    proportion, not by adding seats on top.

    Returns the seats per label, in the order of ``weights``.
    """
    labels = list(weights)
    if total_seats < 0:
        raise ValueError("total_seats must not be negative")
    exact = {label: _exact(weights[label]) for label in labels}
    if any(w < 0 for w in exact.values()):
        raise ValueError("weights must not be negative")
    minima = _minima(labels, minimum)
    if sum(minima.values()) > total_seats:
        raise ValueError("the minimum seats add up to more than total_seats")
    if total_seats and not labels:
        raise ValueError("no labels to give seats to")
    if total_seats and sum(exact.values()) == 0 and sum(minima.values()) < total_seats:
        raise ValueError("the weights add up to zero")

    fixed: dict[str, int] = {}
    while True:
        free = [label for label in labels if label not in fixed]
        seats_left = total_seats - sum(fixed.values())
        weight_sum = sum(exact[label] for label in free)
        quotas = {
            label: (seats_left * exact[label] / weight_sum if weight_sum else Fraction(0))
            for label in free
        }
        below = [label for label in free if quotas[label] < minima[label]]
        if not below:
            break
        for label in below:
            fixed[label] = minima[label]

    seats = {label: math.floor(quotas[label]) for label in quotas}
    left_over = seats_left - sum(seats.values())
    position = {label: i for i, label in enumerate(labels)}
    by_remainder = sorted(
        quotas, key=lambda label: (-(quotas[label] - seats[label]), position[label])
    )
    for label in by_remainder[:left_over]:
        seats[label] += 1
    seats.update(fixed)
    return {label: seats[label] for label in labels}


# --- age bands ---------------------------------------------------------------


def parse_band_label(label: str) -> tuple[int, int | None]:
    """Age range of an official band label: "unter 18" → (0, 17),
    "18-24" → (18, 24), "75 und mehr" → (75, None).

    Also accepts an en dash, "bis" and the long Strukturdaten column names
    ("Alter von ... bis ... Jahren am 31.12.2023 - 25-34 (%)").
    """
    text = label.strip().lower()
    text = text.split(" - ")[-1]  # the long column name puts the band last
    text = re.sub(r"\(.*?\)", "", text).strip()
    if m := re.fullmatch(r"unter\s+(\d+)(?:\s+jahren?)?", text):
        return 0, int(m.group(1)) - 1
    if m := re.fullmatch(r"(\d+)\s*(?:-|–|bis)\s*(\d+)(?:\s+jahren?)?", text):
        low, high = int(m.group(1)), int(m.group(2))
        if high < low:
            raise ValueError(f"age band {label!r}: upper bound below lower bound")
        return low, high
    if m := re.fullmatch(r"(\d+)\s*(?:\+|und\s+(?:mehr|älter|aelter))(?:\s+jahren?)?", text):
        return int(m.group(1)), None
    raise ValueError(f"unrecognised age band {label!r}")


def restrict_bands(
    bands: Mapping[str, Number],
    min_age: int,
    cohorts: Sequence[AgeRange | tuple[str, int, int | None]] | None = None,
    *,
    open_band_max_age: int = DEFAULT_OPEN_BAND_MAX_AGE,
) -> dict[str, Fraction]:
    """Weights of the people aged ``min_age`` or older, per band or per cohort.

    ``bands`` maps official band labels (see :func:`parse_band_label`) to
    their shares (percentages or counts; only proportions matter).

    Without ``cohorts`` the result maps each band label to its share of people
    aged at least ``min_age`` (bands entirely below are left out). With
    ``cohorts`` (label, min_age, max_age inclusive, max None = open) it maps
    each cohort label to the share of the population it covers, by uniform
    overlap with the bands (module docstring). Cohorts must not overlap.
    The results are not renormalised: pass them to :func:`largest_remainder`.
    """
    if min_age < 0:
        raise ValueError("min_age must not be negative")
    ranges = []
    for label, share in bands.items():
        low, high = parse_band_label(label)
        if high is None:
            high = max(open_band_max_age, low)
        ranges.append((label, low, high, _exact(share)))

    if cohorts is None:
        targets: list[tuple[str, int, int | None]] = [
            (label, low, high) for label, low, high, _ in ranges
        ]
    else:
        targets = [tuple(c) for c in cohorts]
        _check_no_overlap(targets)

    result: dict[str, Fraction] = {}
    for label, c_low, c_high in targets:
        c_low = max(c_low, min_age)
        weight = Fraction(0)
        for _, b_low, b_high, share in ranges:
            low = max(b_low, c_low)
            high = b_high if c_high is None else min(b_high, c_high)
            if high >= low:
                weight += share * (high - low + 1) / (b_high - b_low + 1)
        if cohorts is not None or weight:
            result[label] = weight
    return result


def _check_no_overlap(cohorts: Iterable[tuple[str, int, int | None]]) -> None:
    ordered = sorted(cohorts, key=lambda c: c[1])
    for (label_a, _, high_a), (label_b, low_b, _) in zip(ordered, ordered[1:]):
        if high_a is None or high_a >= low_b:
            raise ValueError(f"cohorts {label_a!r} and {label_b!r} overlap")
    for label, low, high in ordered:
        if low < 0 or (high is not None and high < low):
            raise ValueError(f"cohort {label!r} has an invalid age range")


def _minima(labels: list[str], minimum: int | Mapping[str, int] | None) -> dict[str, int]:
    if minimum is None:
        return dict.fromkeys(labels, 0)
    if isinstance(minimum, Mapping):
        return {label: int(minimum.get(label, 0)) for label in labels}
    return {label: int(minimum) for label in labels}


def _exact(number: Number) -> Fraction:
    # str() first so that 17.3 means 173/10, not its binary approximation.
    if isinstance(number, float):
        if not math.isfinite(number):
            raise ValueError("weights must be finite")
        return Fraction(str(number))
    return Fraction(number)
