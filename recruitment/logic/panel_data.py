"""Two-stage selection, inputs: quotas and respondents in the field's CSV convention, fingerprints.

Algorithm version ``wkr-panel-v1``. Together with ``panel_solver`` and ``panel_lottery`` this is the
specification an outside auditor needs (``tools/audit_panel.py`` reimplements the checks).

Quotas (``feature,value,min,max``; the older headers ``category,name,min,max`` work too; optional
``min_flex,max_flex`` are read and ignored): one row per feature value, counts of panel seats.
Every feature named in the quotas is a feature the panel is balanced on; every respondent needs a
value with a quota row for each of them. Features are compared after :func:`clean` (surrounding
spaces removed, inner runs of spaces collapsed; case is kept).

Respondents: a column ``id`` and one column per feature; an optional column ``household`` groups
people who may not sit on the same panel (equal text after :func:`clean` and ``casefold`` = one
household; empty = own household). Other columns are kept as features and ignored unless a quota
names them.

Fingerprints (lowercase hex SHA-256 over UTF-8; ``\\n`` a line feed, ``\\t`` a tab):

- respondents: the sorted lines ``id \\t household \\t f1=v1 \\t f2=v2 ...`` (features sorted by
  name), joined by ``\\n``;
- quotas: the sorted lines ``feature \\t value \\t min \\t max`` joined by ``\\n``, then ``\\nseats=K``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field

ALGORITHM_VERSION = "wkr-panel-v1"

QUOTA_HEADERS = (("feature", "value"), ("category", "name"))
ID_COLUMN = "id"
HOUSEHOLD_COLUMN = "household"


class PanelInputError(ValueError):
    """A file or setting that cannot be used; ``str()`` is a one-line English reason, ``code`` and
    ``params`` let the caller phrase it in German."""

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True, order=True)
class Quota:
    feature: str
    value: str
    min: int
    max: int


@dataclass(frozen=True)
class Respondent:
    id: str
    features: dict = field(hash=False, compare=True)
    household: str = ""


def clean(value) -> str:
    return " ".join(str(value or "").split())


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reader(text: str):
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def parse_quotas(text: str) -> list[Quota]:
    """Quotas from CSV text, sorted by (feature, value). Raises PanelInputError."""
    rows = [row for row in _reader(text) if any(cell.strip() for cell in row)]
    if not rows:
        raise PanelInputError("quotas_empty", "the quota file is empty")
    header = [clean(cell).lower() for cell in rows[0]]
    for names in QUOTA_HEADERS:
        if set(names) | {"min", "max"} <= set(header):
            f_col, v_col = header.index(names[0]), header.index(names[1])
            break
    else:
        raise PanelInputError("quotas_header", "the quota file needs the columns feature,value,min,max")
    lo_col, hi_col = header.index("min"), header.index("max")
    quotas, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):
        row = row + [""] * (len(header) - len(row))
        feature, value = clean(row[f_col]), clean(row[v_col])
        try:
            low, high = int(clean(row[lo_col])), int(clean(row[hi_col]))
        except ValueError:
            raise PanelInputError("quotas_number", f"line {line}: min and max must be whole numbers",
                                  line=line) from None
        if not feature or not value:
            raise PanelInputError("quotas_blank", f"line {line}: feature and value must not be empty", line=line)
        if low < 0 or high < low:
            raise PanelInputError("quotas_range", f"line {line}: needs 0 <= min <= max", line=line)
        if (feature, value) in seen:
            raise PanelInputError("quotas_twice", f"line {line}: {feature}={value} is listed twice", line=line)
        seen.add((feature, value))
        quotas.append(Quota(feature, value, low, high))
    if not quotas:
        raise PanelInputError("quotas_empty", "the quota file is empty")
    return sorted(quotas)


def quotas_csv(quotas) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["feature", "value", "min", "max"])
    for q in sorted(quotas):
        writer.writerow([q.feature, q.value, q.min, q.max])
    return out.getvalue()


def parse_respondents(text: str) -> list[Respondent]:
    """Respondents from CSV text, sorted by id. Raises PanelInputError."""
    rows = [row for row in _reader(text) if any(cell.strip() for cell in row)]
    if not rows:
        raise PanelInputError("respondents_empty", "the respondents file is empty")
    header = [clean(cell) for cell in rows[0]]
    lower = [h.lower() for h in header]
    if ID_COLUMN not in lower:
        raise PanelInputError("respondents_header", "the respondents file needs a column id")
    id_col = lower.index(ID_COLUMN)
    hh_col = lower.index(HOUSEHOLD_COLUMN) if HOUSEHOLD_COLUMN in lower else None
    feature_cols = [(i, h) for i, h in enumerate(header) if i not in (id_col, hh_col) and h]
    if len({h for _, h in feature_cols}) != len(feature_cols):
        raise PanelInputError("respondents_header", "the respondents file names a column twice")
    result, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):
        row = row + [""] * (len(header) - len(row))
        rid = clean(row[id_col])
        if not rid:
            raise PanelInputError("respondents_id", f"line {line}: the id is empty", line=line)
        if rid in seen:
            raise PanelInputError("respondents_twice", f"line {line}: an id is listed twice", line=line)
        seen.add(rid)
        household = clean(row[hh_col]).casefold() if hh_col is not None else ""
        result.append(Respondent(rid, {h: clean(row[i]) for i, h in feature_cols}, household))
    return sorted(result, key=lambda r: r.id)


def check_features(respondents, quotas):
    """Every respondent has a value with a quota row for every quota feature."""
    values = {}
    for q in quotas:
        values.setdefault(q.feature, set()).add(q.value)
    for feature in sorted(values):
        for r in respondents:
            value = r.features.get(feature)
            if value is None:
                raise PanelInputError("feature_missing", f"the respondents have no column {feature!r}",
                                      feature=feature)
            if value not in values[feature]:
                raise PanelInputError("value_without_quota", f"{feature}={value!r} has no quota row",
                                      feature=feature, value=value)


def respondents_fingerprint(respondents) -> str:
    lines = []
    for r in respondents:
        features = "\t".join(f"{k}={r.features[k]}" for k in sorted(r.features))
        lines.append(f"{r.id}\t{r.household}\t{features}")
    return sha256_hex("\n".join(sorted(lines)))


def quotas_fingerprint(quotas, seats: int) -> str:
    lines = sorted(f"{q.feature}\t{q.value}\t{q.min}\t{q.max}" for q in quotas)
    return sha256_hex("\n".join(lines) + f"\nseats={int(seats)}")
