"""Two-stage selection as one pure function: respondents, quotas, seats, seed -> the published
result. The specification is in the docstrings of ``panel_data``, ``panel_solver`` and
``panel_lottery``; this module only chains them, for the service, ``verify_panel`` and the bench.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import panel_data, panel_lottery, panel_programs, panel_solver
from .panel_data import ALGORITHM_VERSION, PanelInputError

DEFAULT_PANELS = 1000


@dataclass
class Selection:
    algorithm: str
    method: str
    seats: int
    respondents_fingerprint: str
    quotas_fingerprint: str
    panels: list  # N tuples of ids
    panels_fingerprint: str
    number: int
    chosen: tuple
    result_fingerprint: str
    probabilities: dict  # id -> Fraction
    levels: int
    complete: bool = True  # False: leximin stopped at a solver cap after ``levels`` levels

    @property
    def distinct_panels(self):
        return len(set(self.panels))

    @property
    def min_probability(self):
        return min(self.probabilities.values()) if self.probabilities else 0

    @property
    def never_selectable(self):
        return sum(1 for p in self.probabilities.values() if p == 0)


def select(respondents, quotas, seats, seed, *, panels=DEFAULT_PANELS, method="leximin",
           household_rule=False) -> Selection:
    """Raises PanelInputError (codes as in ``panel_data``, plus "too_few" and "infeasible" with the
    relaxation in ``params["changes"]``)."""
    if panels < 1:
        raise PanelInputError("panels", "the number of panels must be at least 1")
    if any(ch in seed for ch in "\n\r\t"):
        raise PanelInputError("seed", "the seed must not contain line breaks or tabs")
    respondents = sorted(respondents, key=lambda r: r.id)
    quotas = sorted(quotas)
    panel_data.check_features(respondents, quotas)
    if len(respondents) < seats:
        raise PanelInputError("too_few", f"{len(respondents)} respondents for {seats} seats",
                              count=len(respondents), seats=seats)
    problem = panel_solver.build_problem(respondents, quotas, seats, household_rule)
    try:
        distribution = panel_solver.fair_distribution(problem, method)
    except PanelInputError as exc:
        changes = panel_programs.relaxation(problem)
        exc.params["changes"] = changes or []
        raise
    respondents_fp = panel_data.respondents_fingerprint(respondents)
    quotas_fp = panel_data.quotas_fingerprint(quotas, seats)
    extra = panel_programs.extra_seats(distribution, panels)
    listed = panel_lottery.realise(distribution, panels, respondents_fp, extra)
    panels_fp = panel_lottery.panels_fingerprint(listed)
    number = panel_lottery.drawn_number(seed, panels)
    chosen = listed[number - 1]
    return Selection(
        algorithm=ALGORITHM_VERSION, method=method, seats=seats, respondents_fingerprint=respondents_fp,
        quotas_fingerprint=quotas_fp, panels=listed, panels_fingerprint=panels_fp, number=number, chosen=chosen,
        result_fingerprint=panel_lottery.result_fingerprint(respondents_fp, quotas_fp, panels_fp, seed, number,
                                                            chosen),
        probabilities=panel_lottery.selection_probabilities(listed, [r.id for r in respondents]),
        levels=distribution.levels, complete=distribution.complete,
    )
