"""The two small integer programs beside the fair distribution (algorithm ``wkr-panel-v1``): which
panels get the seats left after rounding (``panel_lottery`` step 1) and, for infeasible quotas, the
nearest feasible relaxation. Same solver set-up as ``panel_solver``."""

from __future__ import annotations

import math

from .panel_lottery import floors
from .panel_solver import ROUNDING_NODES, Model, solve_program


def extra_seats(distribution, count):
    """Which panels get the seats left after the floors (``panel_lottery`` step 1): an integer
    program chooses, among the panels with a remainder, one extra listing each for as many panels
    as seats are left, maximising the smallest number of listings per member of any selectable
    type; an optimum is returned as the sorted panel indices. Falls back to largest remainder."""
    problem = distribution.problem
    counts, left, candidates = floors(distribution.weights, count)
    if left == 0:
        return []
    candidates = sorted(candidates)
    sizes, selectable = problem.sizes, distribution.selectable
    base = [0] * len(sizes)
    for panel, c in zip(distribution.panels, counts, strict=True):
        for t, seats in panel:
            base[t] += c * seats
    # Columns: one binary per candidate, then Z (listings per member of the worst type).
    z = len(candidates)
    gives = {t: ([], []) for t in selectable}
    for i, j in enumerate(candidates):
        for t, seats in distribution.panels[j]:
            if t in gives:
                gives[t][0].append(i)
                gives[t][1].append(float(seats))
    rows = [(list(range(z)), [1.0] * z, left, left)]
    for t in selectable:
        rows.append((gives[t][0] + [z], gives[t][1] + [-float(sizes[t])], -float(base[t]), math.inf))
    model = Model([0.0] * z + [1.0], [0.0] * (z + 1), [1.0] * z + [float(count)], rows,
                   integer=[True] * z + [False], maximize=True)
    model.h.setOptionValue("mip_max_nodes", ROUNDING_NODES)
    solved = model.solve(accept_limit=True)
    if solved is None:
        return None
    chosen = [candidates[i] for i in range(z) if round(solved[0][i]) == 1]
    return sorted(chosen) if len(chosen) == left else None


def relaxation(problem):
    """The smallest total change of quota bounds that makes a panel feasible (step 2).

    Returns [(quota, new_min, new_max)] for the quotas to change, or None when even that fails
    (fewer eligible respondents than seats).
    """
    n, m = len(problem.types), len(problem.quotas)
    # Columns: y per type, then below/above slack per quota.
    cost = [0.0] * n + [1.0] * (2 * m)
    rows = [(list(range(n)), [1.0] * n, problem.seats, problem.seats)]
    for j, (q, types) in enumerate(zip(problem.quotas, problem.quota_types, strict=True)):
        rows.append((types + [n + j], [1.0] * len(types) + [1.0], q.min, math.inf))
        rows.append((types + [n + m + j], [1.0] * len(types) + [-1.0], -math.inf, q.max))
    for types in problem.household_rows:
        rows.append((types, [1.0] * len(types), -math.inf, 1))
    upper = [problem.upper(t) for t in range(n)] + [problem.seats] * (2 * m)
    solved = solve_program(cost, [0] * (n + 2 * m), upper, rows, integer=True)
    if solved is None:
        return None
    x = solved[0]
    changes = []
    for j, q in enumerate(problem.quotas):
        below, above = int(round(x[n + j])), int(round(x[n + m + j]))
        if below or above:
            changes.append((q, q.min - below, q.max + above))
    return changes
