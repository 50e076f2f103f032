"""Stage one stratified by municipality (optional): a cohort's letters are apportioned over the
municipalities in proportion to the cohort's people living there (largest remainders; ties go to
the municipality whose name sorts first), and each municipality's share goes to its first people
in the cohort's verifiable ranking. The ranking and its fingerprint are unchanged; only the rule
"the first ``seats`` places are invited" becomes "the first ``k_m`` places of each municipality".

A municipality is the register's town with its whitespace collapsed (names are compared exactly,
sorted by code point); ``tools/audit_draw.py --municipality`` applies the same rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .apportion import largest_remainder


def municipality(town: str) -> str:
    return " ".join((town or "").split())


def municipality_seats(seats: int, counts: Mapping[str, int]) -> dict[str, int]:
    """Letters per municipality, in name order; never more than a municipality has people."""
    total = sum(counts.values())
    if not total:
        return {}
    return largest_remainder(min(seats, total), {name: counts[name] for name in sorted(counts)})


def invited_flags(ranked: Sequence[str], seats: int, municipality_of: Mapping[str, str] | None = None) -> list[bool]:
    """For each place of a cohort's ranked list, whether it gets a letter.

    Without ``municipality_of`` the first ``seats`` places; with it, the first ``k_m`` places of
    every municipality ``m`` (``k`` from :func:`municipality_seats`).
    """
    if municipality_of is None:
        return [place < seats for place in range(len(ranked))]
    left = municipality_seats(seats, Counter(municipality_of[key] for key in ranked))
    flags = []
    for key in ranked:
        name = municipality_of[key]
        flags.append(left[name] > 0)
        left[name] -= 1
    return flags
