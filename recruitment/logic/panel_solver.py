"""Two-stage selection, the fair distribution: LEXIMIN (or MAXIMIN) over quota-feasible panels.

Method (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021), computed over *types*:

1. Respondents with the same values of every quota feature are interchangeable, so they form one
   type (with the household rule, members of a household of two or more respondents are told apart
   by their household: their type also carries the household, and the household gets at most one
   seat). Types are sorted by (feature values in the order of the sorted feature names, household);
   a type's members by id. A *panel* is a vector of seats per type; a fair distribution gives every
   member of a type the same chance, the type's expected seats divided by its size.
2. Coverage (:func:`covering_panels`): a first feasible panel from the integer program; then each
   type not yet on a panel, in index order, is seated by a swap search from the best known panel,
   or by the integer program maximising its seats; types that no feasible panel holds are reported
   with probability 0. No feasible panel at all: the quotas are infeasible, and ``panel_programs.relaxation``
   finds the smallest change of the quota bounds that helps.
3. Column generation per level: the dual LP over the panels found so far (minimise mu minus the
   fixed levels, type weights summing to 1 over the free types; warm restarts as panels join as
   rows; HiGHS's default simplex settings) gives weights; pricing finds the feasible panel of
   largest weight: the LP relaxation first (an integral optimum is that panel; a bound not above mu
   + 1e-7 ends the level), the integer program only otherwise. A panel joins while it beats mu by
   more than 1e-7. The level's value is the LP's optimum; free types with a positive weight (>
   1e-9) are fixed at that value (minus 1e-9 so that the next level stays feasible). MAXIMIN stops
   after the first level and fixes every type there; LEXIMIN repeats until every type is fixed.
4. The final LP (no objective) over all panels found gives the distribution; probabilities are
   rounded to 1e-9 and negative ones dropped before ``panel_lottery`` rounds them to N panels.

Caps (:func:`fair_distribution`): simplex iterations per LP and pricing rounds per level, counts
rather than time; hit at a leximin level k > 1, the types still free keep level k-1's floor and
the result says that leximin stopped there; hit before, no distribution (an error).

Reproducibility: every model is built in the canonical order above; HiGHS runs with one thread
(``THREADS``; the bench checks that two give the same result), random seed 0 and no time limit; integer solutions are rounded to integers, LP values to 1e-9, pricing costs to
1e-12 (the swap search works on them as exact integers); every tie goes to the lower index.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import highspy
import numpy as np

from .panel_data import PanelInputError

TOLERANCE = 1e-7
DIGITS = 9
#: Node limit of the rounding program (deterministic, unlike a time limit).
ROUNDING_NODES = 200
#: Known panels the swap search starts from in each pricing round.
PRICING_STARTS = 3
METHODS = ("leximin", "maximin")
#: Simplex iterations per LP solve and pricing rounds per level (counts, so reproducible, unlike a
#: time limit): a stalled LP must not hang the request. See :func:`fair_distribution`.
LP_ITERATIONS = 200_000
LEVEL_ROUNDS = 5_000
#: The most simplex iterations of one LP solve and pricing rounds of one level in this process.
peak = {"iterations": 0, "rounds": 0}
#: HiGHS threads; the result must not depend on it (the bench checks 1 against 2).
THREADS = 1


@dataclass
class Problem:
    quotas: list
    seats: int
    features: list
    types: list  # [(values tuple, household)]
    members: list  # [tuple of ids] per type
    quota_types: list  # per quota: type indices
    household_rows: list  # per household: type indices

    @property
    def sizes(self):
        return [len(m) for m in self.members]

    def upper(self, t):
        return min(len(self.members[t]), self.seats, 1 if self.types[t][1] else self.seats)


def build_problem(respondents, quotas, seats, household_rule=False) -> Problem:
    features = sorted({q.feature for q in quotas})
    households = Counter(r.household for r in respondents if r.household) if household_rule else Counter()
    groups = {}
    for r in sorted(respondents, key=lambda r: r.id):
        household = r.household if households.get(r.household, 0) > 1 else ""
        groups.setdefault((tuple(r.features[f] for f in features), household), []).append(r.id)
    types = sorted(groups)
    position = {f: i for i, f in enumerate(features)}
    quotas = sorted(quotas)
    quota_types = [[t for t, key in enumerate(types) if key[0][position[q.feature]] == q.value] for q in quotas]
    by_household = {}
    for t, key in enumerate(types):
        if key[1]:
            by_household.setdefault(key[1], []).append(t)
    return Problem(quotas, int(seats), features, types, [tuple(groups[k]) for k in types], quota_types,
                   [by_household[h] for h in sorted(by_household)])


# --- HiGHS ---------------------------------------------------------------------------------------


class LimitReached(RuntimeError):
    """An LP hit its simplex iteration cap, or a level its pricing round cap."""


class Model:
    """One HiGHS model, kept between solves (rows added and costs changed in place, so the simplex
    starts warm); rows are (indices, values, low, high)."""

    def __init__(self, cost, lower, upper, rows, *, integer=False, maximize=False, iterations=None):
        integer = [bool(integer)] * len(cost) if isinstance(integer, bool) else integer
        self.h = h = highspy.Highs()
        for name, value in (("output_flag", False), ("threads", THREADS), ("random_seed", 0),
                            ("mip_rel_gap", 1e-9), ("mip_abs_gap", 1e-9)):
            h.setOptionValue(name, value)
        if iterations is not None:
            h.setOptionValue("simplex_iteration_limit", int(iterations))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(cost), len(rows)
        lp.col_cost_ = np.asarray(cost, dtype=np.float64)
        lp.col_lower_ = np.asarray(lower, dtype=np.float64)
        lp.col_upper_ = np.asarray(upper, dtype=np.float64)
        starts, index, value = [0], [], []
        for ind, val, _, _ in rows:
            index.extend(ind)
            value.extend(val)
            starts.append(len(index))
        lp.row_lower_ = np.asarray([r[2] for r in rows], dtype=np.float64)
        lp.row_upper_ = np.asarray([r[3] for r in rows], dtype=np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(cost), len(rows)
        lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.asarray(value, dtype=np.float64)
        if any(integer):
            lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                               for i in integer]
        lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        h.passModel(lp)

    def add_row(self, indices, values, low, high):
        self.h.addRow(float(low), float(high), len(indices), np.asarray(indices, dtype=np.int32),
                      np.asarray(values, dtype=np.float64))

    def set_costs(self, cost):
        n = len(cost)
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(cost, dtype=np.float64))

    def solve(self, accept_limit=False):
        """(x, row duals), or None without an optimum (or, with ``accept_limit``, a feasible
        solution at a node limit)."""
        if self.h.run() == highspy.HighsStatus.kError:
            # E.g. another thread count than earlier in this process: never read as "infeasible".
            raise RuntimeError("HiGHS failed: " + self.h.modelStatusToString(self.h.getModelStatus()))
        status = self.h.getModelStatus()
        peak["iterations"] = max(peak["iterations"], self.h.getInfo().simplex_iteration_count)
        if status == highspy.HighsModelStatus.kIterationLimit:
            raise LimitReached("an LP reached the simplex iteration limit")
        limited = accept_limit and status == highspy.HighsModelStatus.kSolutionLimit
        if status != highspy.HighsModelStatus.kOptimal and not (
                limited and self.h.getInfo().primal_solution_status == highspy.kSolutionStatusFeasible):
            return None
        solution = self.h.getSolution()
        return list(solution.col_value), list(solution.row_dual)


def solve_program(cost, lower, upper, rows, *, integer=False, maximize=False, iterations=None):
    return Model(cost, lower, upper, rows, integer=integer, maximize=maximize, iterations=iterations).solve()


def _panel_rows(problem, extra_cols=0):
    """Quota, size and household rows over the type variables 0..T-1."""
    n = len(problem.types)
    rows = [(list(range(n)), [1.0] * n, problem.seats, problem.seats)]
    for q, types in zip(problem.quotas, problem.quota_types, strict=True):
        rows.append((types, [1.0] * len(types), q.min, q.max))
    for types in problem.household_rows:
        rows.append((types, [1.0] * len(types), -math.inf, 1))
    return rows


def _as_panel(x, n):
    return tuple((t, int(round(x[t]))) for t in range(n) if round(x[t]) > 0)


class Pricing:
    """The pricing step: a feasible panel of large weight. A swap local search (exact integer
    arithmetic) from the best panels found so far proposes panels first; only when none of them
    beats mu does the integer program look for the panel of largest weight, which decides that a
    level is done. No time limit anywhere, so the outcome depends on the input alone."""

    def __init__(self, problem, iterations=LP_ITERATIONS):
        self.n = n = len(problem.types)
        self.model = Model([0.0] * n, [0] * n, [problem.upper(t) for t in range(n)], _panel_rows(problem),
                            integer=True, maximize=True)
        self.model.h.setOptionValue("mip_detect_symmetry", False)
        self.relaxed = Model([0.0] * n, [0] * n, [problem.upper(t) for t in range(n)], _panel_rows(problem),
                              maximize=True, iterations=iterations)
        bounds = [(types, q.min, q.max) for q, types in zip(problem.quotas, problem.quota_types, strict=True)]
        bounds += [(types, -1, 1) for types in problem.household_rows]
        self.rows = np.zeros((len(bounds), n), dtype=np.int64)
        for i, (types, _, _) in enumerate(bounds):
            self.rows[i, types] = 1
        self.low = np.asarray([b[1] for b in bounds], dtype=np.int64)
        self.high = np.asarray([b[2] for b in bounds], dtype=np.int64)
        self.upper = np.asarray([problem.upper(t) for t in range(n)], dtype=np.int64)
        self.known = np.zeros((0, n), dtype=np.int64)

    def add(self, panel):
        row = np.zeros((1, self.n), dtype=np.int64)
        for t, seats in panel:
            row[0, t] = seats
        self.known = np.vstack([self.known, row])

    def best(self, weights, mu=None):
        """The feasible panel of largest weight (None if there is none). The LP relaxation answers
        first: an integral optimum is the panel; with ``mu``, a bound not above mu + TOLERANCE means
        that no panel beats mu (None). Otherwise the integer program decides."""
        costs = [round(w, 12) for w in weights]
        self.relaxed.set_costs(costs)
        solved = self.relaxed.solve()
        if solved is None:
            return None
        x = solved[0]
        if all(abs(v - round(v)) <= 1e-6 for v in x):
            return _as_panel(x, self.n)
        if mu is not None and sum(c * v for c, v in zip(costs, x, strict=True)) <= mu + TOLERANCE:
            return None
        self.model.set_costs(costs)
        solved = self.model.solve()
        return None if solved is None else _as_panel(solved[0], self.n)

    def proposals(self, weights, starts=PRICING_STARTS):
        """Panels improved by swaps from the ``starts`` best known panels, best first (distinct)."""
        cost = np.asarray([int(round(w * 1e12)) for w in weights], dtype=np.int64)
        values = self.known @ cost
        order = sorted(range(len(values)), key=lambda j: (-int(values[j]), j))[:starts]
        found = {}
        for j in order:
            x = self._improve(self.known[j].copy(), cost)
            found.setdefault(tuple((t, int(x[t])) for t in np.flatnonzero(x).tolist()), int(x @ cost))
        return sorted(found, key=lambda panel: (-found[panel], panel))

    def _improve(self, x, cost):
        """Best-improvement swaps (one seat from type a to type b), ties to the smaller (a, b)."""
        rows = self.rows
        while True:
            counts = rows @ x
            at_min, at_max = counts <= self.low, counts >= self.high
            seated = np.flatnonzero(x > 0)
            # A swap breaks a row at its minimum that holds a but not b, or one at its maximum
            # that holds b but not a.
            held = rows[:, seated]
            bad = held[at_min].T @ (1 - rows[at_min]) + (1 - held[at_max]).T @ rows[at_max]
            gain = cost[None, :] - cost[seated][:, None]
            gain[bad > 0] = -1
            gain[:, x >= self.upper] = -1
            best = int(np.argmax(gain))
            a, b = divmod(best, self.n)
            if gain[a, b] <= 0:
                return x
            x[seated[a]] -= 1
            x[b] += 1


def covering_panels(problem, pricing):
    """Panels that together contain every type some feasible panel contains (step 2). The integer
    program finds a first panel; then each type not yet on a panel, in index order, is seated by
    the swap search (weight 1 per seat of that type, 1/(4T) per seat of any other type not yet on a
    panel) or, where that fails, by the integer program maximising its seats; if even that finds
    none, no feasible panel holds the type. Every panel found joins ``pricing``."""
    n = len(problem.types)
    first = pricing.best([0.0] * n)
    if first is None:
        return None
    panels, covered = [first], {t for t, _ in first}
    pricing.add(first)
    for t in range(n):
        if t in covered:
            continue
        weights = [0.0 if u in covered else 1 / (4 * n) for u in range(n)]
        weights[t] = 1.0
        panel = pricing.proposals(weights, starts=1)[0]
        if t not in dict(panel):
            panel = pricing.best([1.0 if u == t else 0.0 for u in range(n)])
            if t not in dict(panel):
                continue
        panels.append(panel)
        pricing.add(panel)
        covered |= {u for u, _ in panel}
    return panels, sorted(covered)


@dataclass
class Distribution:
    problem: Problem
    method: str
    panels: list  # sparse panels ((type, seats), ...), canonical order
    weights: list  # probability of each panel (rounded to 1e-9)
    selectable: list  # type indices some feasible panel contains
    levels: int  # levels completed
    complete: bool = True  # False: leximin stopped at a cap after ``levels`` levels

    def type_probabilities(self):
        sizes = self.problem.sizes
        result = [0.0] * len(sizes)
        for panel, p in zip(self.panels, self.weights, strict=True):
            for t, seats in panel:
                result[t] += p * seats / sizes[t]
        return result


class _DualLevel:
    """The dual LP of one level; panels join as rows (the simplex restarts warm)."""

    def __init__(self, problem, panels, free, fixed, iterations):
        self.problem, self.sizes, self.fixed = problem, problem.sizes, fixed
        self.active = sorted(set(free) | set(fixed))
        self.col = {t: i for i, t in enumerate(self.active)}
        self.mu = len(self.active)
        cost = [0.0] * (len(self.active) + 1)
        for t, value in fixed.items():
            cost[self.col[t]] = -value
        cost[self.mu] = 1.0
        rows = [([self.col[t] for t in free], [1.0] * len(free), 1.0, 1.0)]
        rows.extend(self._row(panel) for panel in panels)
        self.model = Model(cost, [0.0] * len(self.active) + [-math.inf], [math.inf] * (len(self.active) + 1),
                            rows, iterations=iterations)

    def _row(self, panel):
        idx = [self.col[t] for t, _ in panel if t in self.col]
        val = [seats / self.sizes[t] for t, seats in panel if t in self.col]
        return (idx + [self.mu], val + [-1.0], -math.inf, 0.0)

    def add(self, panel):
        self.model.add_row(*self._row(panel))

    def solve(self):
        """(weights per type, mu, level value)."""
        solved = self.model.solve()
        if solved is None:
            raise RuntimeError("the dual LP of a level has no optimum")
        x = [round(v, DIGITS) for v in solved[0]]
        weights = [0.0] * len(self.sizes)
        for t in self.active:
            weights[t] = max(0.0, x[self.col[t]])
        value = x[self.mu] - sum(self.fixed[t] * weights[t] for t in self.fixed)
        return weights, x[self.mu], round(value, DIGITS)


def _primal(problem, panels, floors, iterations):
    """Any distribution over the panels meeting the probability floors (step 4)."""
    sizes = problem.sizes
    types = sorted(floors)
    entries = {t: ([], []) for t in types}
    for j, panel in enumerate(panels):
        for t, seats in panel:
            if t in entries:
                entries[t][0].append(j)
                entries[t][1].append(seats / sizes[t])
    rows = [(entries[t][0], entries[t][1], floors[t], math.inf) for t in types]
    rows.append((list(range(len(panels))), [1.0] * len(panels), 1.0, 1.0))
    solved = solve_program([0.0] * len(panels), [0.0] * len(panels), [1.0] * len(panels), rows, iterations=iterations)
    if solved is None:
        raise RuntimeError("the final LP has no solution")
    return [max(0.0, round(v, DIGITS)) for v in solved[0]]


def _gain(panel, per_seat):
    return sum(per_seat[t] * seats for t, seats in panel)


def fair_distribution(problem, method="leximin", *, lp_iterations=None, level_rounds=None) -> Distribution:
    """Steps 2-4. Raises PanelInputError("infeasible") when no panel meets the quotas.

    Caps (default ``LP_ITERATIONS``, ``LEVEL_ROUNDS``): ``lp_iterations`` per LP solve,
    ``level_rounds`` per level. Hit in level k > 1, leximin
    stops: the types still free get level k-1's floor (its LP guaranteed it to them), so every fixed
    probability and the maximin minimum hold; ``complete`` is False, ``levels`` k-1. Hit earlier:
    PanelInputError("solver_limit")."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    lp_iterations, level_rounds = lp_iterations or LP_ITERATIONS, level_rounds or LEVEL_ROUNDS
    try:
        pricing = Pricing(problem, lp_iterations)
        covering = covering_panels(problem, pricing)
    except LimitReached:
        raise PanelInputError("solver_limit", "the solver hit its iteration limit before a fair distribution") from None
    if covering is None:
        raise PanelInputError("infeasible", "no panel meets the quotas")
    panels, selectable = covering
    known = set(panels)
    fixed, free, levels, floor = {}, list(selectable), 0, 0.0
    while free:
        try:
            weights, value = _level(problem, pricing, panels, known, free, fixed, lp_iterations, level_rounds)
        except LimitReached:
            if not levels:
                raise PanelInputError("solver_limit", "the maximin level did not finish within the solver's "
                                      "iteration limits; no fair distribution") from None
            # Keep what the last completed level guaranteed to every type still free.
            fixed.update(dict.fromkeys(free, floor))
            break
        levels += 1
        floor = max(0.0, value - 1e-9)
        if method == "maximin":
            fixed.update(dict.fromkeys(free, floor))
            free = []
        else:
            tight = [t for t in free if weights[t] > 1e-9]
            fixed.update(dict.fromkeys(tight, floor))
            free = [t for t in free if t not in fixed]
    complete = not free
    panels = sorted(panels)
    try:
        probabilities = _primal(problem, panels, fixed, lp_iterations)
    except LimitReached:
        raise PanelInputError("solver_limit", "the final LP hit the solver's iteration limit") from None
    kept = [(panel, p) for panel, p in zip(panels, probabilities, strict=True) if p > 0]
    return Distribution(problem, method, [k[0] for k in kept], [k[1] for k in kept], selectable, levels, complete)


def _level(problem, pricing, panels, known, free, fixed, lp_iterations, level_rounds):
    """Column generation for one level: (type weights, level value); LimitReached at a cap. New
    panels join ``panels``, ``known`` and ``pricing`` even if the level does not finish."""
    n, sizes = len(problem.types), problem.sizes
    dual = _DualLevel(problem, panels, free, fixed, lp_iterations)
    for rounds in range(1, level_rounds + 1):
        peak["rounds"] = max(peak["rounds"], rounds)
        weights, mu, value = dual.solve()
        per_seat = [weights[t] / sizes[t] for t in range(n)]
        panel = pricing.best(per_seat, mu)
        if panel is None or panel in known or _gain(panel, per_seat) <= mu + TOLERANCE:
            return weights, value
        panels.append(panel)
        known.add(panel)
        pricing.add(panel)
        dual.add(panel)
    raise LimitReached(f"a level took more than {level_rounds} pricing rounds")
