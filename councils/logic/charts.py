"""Accessible SVG charts and small-cell suppression for council statistics.

Standard library only, no Django.

* :func:`suppress_small_cells` hides small counts (and, where needed, a second
  cell) before participant numbers are published.
* :func:`composition_rows` turns participant counts per age cohort plus the
  official shares of the Wahlkreis into chart rows, applying the suppression.
* :func:`composition_chart_svg` draws a horizontal grouped bar chart:
  participants vs. the official population share, per cohort.

Suppression rule (``threshold`` defaults to 3)
----------------------------------------------

1. **Primary suppression.** Every count ``c`` with ``1 <= c < threshold`` is
   replaced by ``None``. Zeros are published as ``0``.
2. **Secondary suppression.** The total of a row (e.g. "24 participants") is
   assumed to be published, so the sum of the suppressed cells is always
   known (``total - sum(published cells)``). A reader sees only "suppressed"
   and may assume every suppressed cell is at least 1. The suppressed set is
   considered *safe* when

   * it contains at least two cells, and
   * their sum is at least ``threshold``, and
   * their sum is larger than the number of suppressed cells (otherwise all
     of them would have to be exactly 1).

   While the set is not safe, the smallest remaining non-zero published cell
   is suppressed as well (ties: the first in the mapping's order). Zeros are
   never used for secondary suppression because they add no uncertainty.
3. If no cell is left to suppress and the set is still not safe (e.g. only
   one non-zero cell, or a total below the threshold), the **total itself
   must not be published**: :func:`safe_total` returns ``None`` then.

All suppressed cells must be displayed the same way, so primary and
secondary cells cannot be told apart: a secondarily suppressed cell is not
"below 3", so it must not be labelled "<3". Use :data:`SUPPRESSED_TEXT` and
explain it with :func:`suppression_note`.

For two-way tables apply the function to every row *and* column and repeat
until nothing changes; this module only handles one dimension.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from xml.sax.saxutils import escape

__all__ = [
    "CohortRow",
    "SUPPRESSED_TEXT",
    "composition_chart_svg",
    "composition_rows",
    "describe_composition",
    "format_count",
    "format_percent",
    "is_safe",
    "safe_total",
    "suppress_small_cells",
    "suppression_note",
]

K = TypeVar("K", bound=Hashable)

#: Display text for any suppressed cell (primary or secondary).
SUPPRESSED_TEXT = "ausgeblendet"


# --------------------------------------------------------------------------
# Small-cell suppression
# --------------------------------------------------------------------------


def _validate(counts: Mapping[K, int], threshold: int) -> None:
    if threshold < 1:
        raise ValueError("threshold must be >= 1")
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"count for {key!r} must be an int, got {value!r}")
        if value < 0:
            raise ValueError(f"count for {key!r} is negative: {value}")


def is_safe(suppressed_values: Sequence[int], threshold: int = 3) -> bool:
    """True if a set of suppressed true values cannot be recovered from the total.

    An empty set is safe. See the module docstring for the rule.
    """
    if not suppressed_values:
        return True
    total = sum(suppressed_values)
    return (
        len(suppressed_values) >= 2
        and total >= threshold
        and total > len(suppressed_values)
    )


def suppress_small_cells(
    counts: Mapping[K, int],
    threshold: int = 3,
    *,
    secondary: bool = True,
) -> dict[K, int | None]:
    """Return a copy of ``counts`` with small cells replaced by ``None``.

    Primary suppression hides counts ``1 .. threshold-1``; with
    ``secondary=True`` (the default, for rows whose total is published)
    further cells are hidden until the suppressed cells cannot be recovered
    from the total. Key order is preserved. See the module docstring.

    >>> suppress_small_cells({"a": 2, "b": 5, "c": 9})
    {'a': None, 'b': None, 'c': 9}
    """
    _validate(counts, threshold)
    result: dict[K, int | None] = dict(counts)
    suppressed: list[K] = [k for k, v in counts.items() if 0 < v < threshold]
    for key in suppressed:
        result[key] = None
    if not secondary:
        return result
    order = {key: i for i, key in enumerate(counts)}
    while not is_safe([counts[k] for k in suppressed], threshold):
        candidates = [k for k, v in result.items() if v]  # published, non-zero
        if not candidates:
            break
        pick = min(candidates, key=lambda k: (counts[k], order[k]))
        result[pick] = None
        suppressed.append(pick)
    return result


def safe_total(counts: Mapping[K, int], threshold: int = 3) -> int | None:
    """The row total, or ``None`` if publishing it would disclose a small cell.

    ``None`` when the total is ``1 .. threshold-1`` or when suppression
    cannot protect the small cells (see rule 3 in the module docstring).
    """
    _validate(counts, threshold)
    total = sum(counts.values())
    if 0 < total < threshold:
        return None
    published = suppress_small_cells(counts, threshold)
    hidden = [counts[k] for k, v in published.items() if v is None]
    return total if is_safe(hidden, threshold) else None


def format_count(value: int | None, suppressed_text: str = SUPPRESSED_TEXT) -> str:
    """Format a (possibly suppressed) count for display."""
    return suppressed_text if value is None else str(value)


def suppression_note(threshold: int = 3) -> str:
    """German explanation of :data:`SUPPRESSED_TEXT` for footnotes/legends."""
    return (
        f"„{SUPPRESSED_TEXT}“: weniger als {threshold} Personen – oder ausgeblendet, "
        "damit eine kleine Zahl nicht aus der Summe errechnet werden kann."
    )


# --------------------------------------------------------------------------
# Chart data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortRow:
    """One cohort of the composition chart.

    ``participants`` and ``official`` are percentages (0-100) or ``None``
    when not available/suppressed; ``participants_text`` / ``official_text``
    replace the value label in that case (default :data:`SUPPRESSED_TEXT`
    for participants and "keine Angabe" for official values).
    """

    label: str
    participants: float | None
    official: float | None
    participants_text: str | None = None
    official_text: str | None = None


def _coerce_row(row: object) -> CohortRow:
    if isinstance(row, CohortRow):
        return row
    if isinstance(row, Mapping):
        return CohortRow(
            label=str(row["label"]),
            participants=row.get("participants"),
            official=row.get("official"),
            participants_text=row.get("participants_text"),
            official_text=row.get("official_text"),
        )
    if isinstance(row, (tuple, list)) and 3 <= len(row) <= 5:
        return CohortRow(str(row[0]), *row[1:])
    raise TypeError(f"cannot use {row!r} as a chart row")


def composition_rows(
    participant_counts: Mapping[str, int],
    official_shares: Mapping[str, float],
    threshold: int = 3,
) -> list[CohortRow]:
    """Build chart rows from participant counts and official shares (in %).

    Counts are suppressed with :func:`suppress_small_cells`; shares of
    suppressed cells are ``None``. The order follows ``official_shares``
    (cohorts missing from ``participant_counts`` count as 0).
    """
    counts = {label: int(participant_counts.get(label, 0)) for label in official_shares}
    extra = set(participant_counts) - set(official_shares)
    if extra:
        raise KeyError(f"cohorts without an official share: {sorted(extra)}")
    published = suppress_small_cells(counts, threshold)
    total = sum(counts.values())
    rows = []
    for label, official in official_shares.items():
        value = published[label]
        share = None if value is None or total == 0 else 100 * value / total
        rows.append(CohortRow(label=label, participants=share, official=official))
    return rows


# --------------------------------------------------------------------------
# SVG
# --------------------------------------------------------------------------

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


def format_percent(value: float, decimals: int = 1) -> str:
    """German percentage: ``16.9`` -> ``"16,9 %"`` (no-break space)."""
    text = f"{value:.{decimals}f}".replace(".", ",")
    return f"{text}\u00a0%"


def _attr(value: object) -> str:
    return escape(str(value), {'"': "&quot;"})


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


MISSING_TEXT = "keine Angabe"


def _value_text(value: float | None, override: str | None, fallback: str, percent=format_percent) -> str:
    if value is None:
        return override or fallback
    return override or percent(value, 1)


def describe_composition(
    rows: Iterable[object],
    participants_label: str = "Teilnehmende",
    official_label: str = "Bevölkerung im Wahlkreis",
    *,
    percent=format_percent,
    suppressed_text: str = SUPPRESSED_TEXT,
    missing_text: str = MISSING_TEXT,
) -> str:
    """Plain-text summary of all values (used as default ``<desc>``); German unless the caller passes
    texts and a ``percent(value, decimals)`` formatter of another language."""
    parts = []
    for row in map(_coerce_row, rows):
        p = _value_text(row.participants, row.participants_text, suppressed_text, percent)
        o = _value_text(row.official, row.official_text, missing_text, percent)
        parts.append(f"{row.label}: {participants_label} {p}, {official_label} {o}.")
    return " ".join(parts)


def composition_chart_svg(
    rows: Sequence[object],
    title: str,
    desc: str | None = None,
    *,
    id_prefix: str = "composition-chart",
    participants_label: str = "Teilnehmende",
    official_label: str = "Bevölkerung im Wahlkreis",
    width: int = 640,
    css_class: str = "chart chart--composition",
    percent=format_percent,
    suppressed_text: str = SUPPRESSED_TEXT,
    missing_text: str = MISSING_TEXT,
) -> str:
    """Horizontal grouped bar chart: participants vs. official share per cohort.

    ``rows``: :class:`CohortRow` objects, mappings with the same keys, or
    tuples ``(label, participants, official[, participants_text[, official_text]])``;
    values are percentages or ``None``.

    Accessibility and styling:

    * ``role="img"``, ``aria-labelledby`` -> ``<title>``,
      ``aria-describedby`` -> ``<desc>``. If ``desc`` is ``None`` a text
      summary of every value is generated (:func:`describe_composition`),
      so screen-reader users get all numbers. Pair the chart with a data table
      where possible.
    * The two series differ not only by colour: participants are solid bars
      (``.chart__bar--participants``), official shares are hatched bars
      (``.chart__bar--official``, filled with a pattern; style its lines via
      ``.chart__hatch`` and its background via ``.chart__hatch-bg``) drawn
      thinner. A legend repeats both swatches, and every bar has a text label
      with its value (German format, e.g. "16,9 %").
    * No colours are set inline; everything has CSS classes (``.chart__*``).
      Do not set ``fill`` on ``.chart__bar--official`` in CSS or the hatch
      pattern is replaced.
    """
    if not _ID_RE.match(id_prefix):
        raise ValueError(f"invalid id prefix: {id_prefix!r}")
    data = [_coerce_row(r) for r in rows]
    title_id, desc_id, hatch_id = (f"{id_prefix}-{s}" for s in ("title", "desc", "hatch"))
    if desc is None:
        desc = describe_composition(data, participants_label, official_label, percent=percent,
                                    suppressed_text=suppressed_text, missing_text=missing_text)

    label_w = 130
    value_w = 96
    plot_x = label_w
    plot_w = width - label_w - value_w
    legend_h = 34
    axis_h = 22
    bar_p = 16  # participants bar height
    bar_o = 12  # official bar height (thinner: a shape cue besides the pattern)
    gap = 3
    group_gap = 16
    group_h = bar_p + gap + bar_o
    top = legend_h + axis_h
    height = top + len(data) * (group_h + group_gap) + 4

    values = [v for r in data for v in (r.participants, r.official) if v is not None]
    max_value = max(values, default=0.0)
    axis_max = max(10, int(-(-max_value // 10)) * 10)  # round up to 10
    axis_max = min(axis_max, 100) if max_value <= 100 else axis_max

    def x_of(value: float) -> float:
        return plot_x + plot_w * max(0.0, value) / axis_max

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' class="{_attr(css_class)}" role="img"'
        f' aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        "<defs>",
        f'<pattern id="{hatch_id}" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">',
        '<rect class="chart__hatch-bg" width="6" height="6"/>',
        '<line class="chart__hatch" x1="0" y1="0" x2="0" y2="6" stroke-width="3"/>',
        "</pattern>",
        "</defs>",
    ]

    # Legend.
    out.append('<g class="chart__legend">')
    out.append(f'<rect class="chart__bar chart__bar--participants" x="{plot_x}" y="8" width="18" height="{bar_p}"/>')
    out.append(f'<text class="chart__legend-label" x="{plot_x + 24}" y="21">{escape(participants_label)}</text>')
    legend2_x = plot_x + 24 + max(110, 8 * len(participants_label))
    out.append(
        f'<rect class="chart__bar chart__bar--official" x="{legend2_x}" y="10" width="18"'
        f' height="{bar_o}" fill="url(#{hatch_id})"/>'
    )
    out.append(f'<text class="chart__legend-label" x="{legend2_x + 24}" y="21">{escape(official_label)}</text>')
    out.append("</g>")

    # Axis grid.
    out.append('<g class="chart__axis">')
    step = 10 if axis_max <= 60 else 20
    for tick in range(0, axis_max + 1, step):
        x = _num(x_of(tick))
        out.append(
            f'<line class="chart__grid" x1="{x}" y1="{top - 4}" x2="{x}" y2="{height - 4}"/>'
        )
        out.append(
            f'<text class="chart__tick" x="{x}" y="{top - 8}" text-anchor="middle">'
            f"{escape(percent(tick, 0))}</text>"
        )
    out.append("</g>")

    # Bars.
    for i, row in enumerate(data):
        y0 = top + i * (group_h + group_gap) + group_gap / 2
        y_o = y0 + bar_p + gap
        out.append('<g class="chart__group">')
        out.append(
            f'<text class="chart__label" x="{plot_x - 8}" y="{_num(y0 + group_h / 2 + 4)}"'
            f' text-anchor="end">{escape(row.label)}</text>'
        )
        for value, override, fallback, y, h, series, extra in (
            (row.participants, row.participants_text, suppressed_text, y0, bar_p, "participants", ""),
            (row.official, row.official_text, missing_text, y_o, bar_o, "official", f' fill="url(#{hatch_id})"'),
        ):
            text = _value_text(value, override, fallback, percent)
            if value is not None:
                x_end = x_of(value)
                out.append(
                    f'<rect class="chart__bar chart__bar--{series}" x="{plot_x}" y="{_num(y)}"'
                    f' width="{_num(x_end - plot_x)}" height="{h}"{extra}/>'
                )
            else:
                x_end = plot_x
            cls = "chart__value" if value is not None else "chart__value chart__value--missing"
            out.append(
                f'<text class="{cls} chart__value--{series}" x="{_num(x_end + 6)}"'
                f' y="{_num(y + h / 2 + 4)}">{escape(text)}</text>'
            )
        out.append("</g>")
    out.append(f'<line class="chart__baseline" x1="{plot_x}" y1="{top - 4}" x2="{plot_x}" y2="{height - 4}"/>')
    out.append("</svg>")
    return "\n".join(out)
