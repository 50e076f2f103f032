"""Two-stage selection, stage one: the letters go to a large sample, apportioned over the age
cohorts in proportion to the eligible people in the register (largest remainders, as the seats of
a one-stage council); the draw's verifiable ranking then picks the first ``n`` of each cohort.

The response page asks every invitee who says yes for the self-described features the panel is
balanced on, as configured on the case: one line per feature, ``Name: value; value; ...``. Age band
(the draw cohort) and sex come from the register. The volunteers' pseudonymous ids are
``SHA256_HEX("wkr-respondent-v1\\n" + person key)[:16]``: stable, and no way back to the register
without it.
"""

from __future__ import annotations

import hashlib

from .apportion import largest_remainder

AGE_FEATURE = "Alter"
SEX_FEATURE = "Geschlecht"
SEX_VALUES = {"w": "weiblich", "m": "männlich", "d": "divers", "x": "ohne Angabe", "": "ohne Angabe"}


class ConfigError(ValueError):
    """A feature configuration that cannot be used; ``line`` is 1-based."""

    def __init__(self, code, line=0):
        super().__init__(f"{code} (line {line})")
        self.code, self.line = code, line


def parse_features(text: str) -> list[tuple[str, list[str]]]:
    """``[(name, [values...]), ...]`` from the case's configuration, in its order."""
    result, names = [], set()
    for line, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        name, sep, rest = raw.partition(":")
        name = " ".join(name.split())
        values = [" ".join(v.split()) for v in rest.split(";") if v.strip()]
        if not sep or not name or len(values) < 2:
            raise ConfigError("shape", line)
        if name in names or name in (AGE_FEATURE, SEX_FEATURE) or any(ch in name for ch in ",=\t"):
            raise ConfigError("name", line)
        if len(set(values)) != len(values) or any(ch in v for v in values for ch in "\t"):
            raise ConfigError("values", line)
        names.add(name)
        result.append((name, values))
    return result


def sample_seats(size: int, eligible: dict[str, int]) -> dict[str, int]:
    """Letters per cohort: ``size`` apportioned to the cohorts' eligible counts (Hamilton)."""
    total = sum(eligible.values())
    if size < 1 or size > total:
        raise ValueError("the sample must hold between 1 and all eligible people")
    seats = largest_remainder(size, {label: n for label, n in eligible.items()})
    # A cohort never gets more letters than it has people (possible only through rounding).
    return {label: min(n, eligible[label]) for label, n in seats.items()}


def respondent_id(person_key: str) -> str:
    return hashlib.sha256(f"wkr-respondent-v1\n{person_key}".encode()).hexdigest()[:16]


def features_of(cohort_label: str, sex: str, described: dict, config) -> dict | None:
    """The respondent's features, or None when a configured answer is missing."""
    features = {AGE_FEATURE: cohort_label, SEX_FEATURE: SEX_VALUES.get(sex, SEX_VALUES[""])}
    for name, values in config:
        if described.get(name) not in values:
            return None
        features[name] = described[name]
    return features
