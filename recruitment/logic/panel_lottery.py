"""Two-stage selection, the public lottery: N equally likely panels, the drawn number, fingerprints,
the quota check and the replacement rule (algorithm ``wkr-panel-v1``).

1. Rounding: the distribution's panel probabilities (rounded to 1e-9, as integers u_j of 1e-9) are
   turned into counts c_j summing to N in exact integer arithmetic: ``c_j = floor(u_j N / U)`` with
   ``U = sum u_j``; the L seats left go one each to L panels with a remainder ``u_j N mod U > 0``,
   chosen by ``panel_programs.extra_seats`` (an integer program maximising the smallest share of
   listings of any type) or, without it, to the largest remainders, ties to the earlier panel.
2. Realisation: each type's members are put in *rotation order*, by
   ``SHA256_HEX("wkr-panel-v1\\nrotation\\n" + respondents fingerprint + "\\n" + id)`` (then id).
   Walking the panels in canonical order, each repeated c_j times, a panel's seats of a type go to
   the next members of that type in rotation order, cyclically. Every member of a type thus sits
   on the same number of listed panels, give or take one. A listed panel is its ids, sorted.
3. Panel list fingerprint: ``SHA256_HEX`` of the lines ``number \\t id,id,...\\n`` for panels 1..N.
4. The drawn number: ``int(SHA256_HEX("wkr-panel-v1\\n" + seed), 16) mod N + 1``.
5. Result fingerprint: ``SHA256_HEX`` of ``"wkr-panel-v1\\n" + respondents fingerprint + "\\n" +
   quotas fingerprint + "\\n" + panel list fingerprint + "\\n" + seed + "\\n" + number + "\\n" +
   ids of the drawn panel joined by ","``.
6. Replacement of a dropout: among respondents not on the panel and not dropped out, those whose
   entry keeps every quota (and the household rule) are ordered by the number of quota features on
   which they equal the dropout (more first), then by
   ``SHA256_HEX("wkr-panel-v1\\nreplace\\n" + seed + "\\n" + id)``, then id; the first one takes the seat.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from fractions import Fraction

from .panel_data import ALGORITHM_VERSION, sha256_hex

SCALE = 10**9


def round_to_panels(weights, count, extra=None):
    """Counts per panel summing to ``count`` (step 1). ``extra``: the panels that get the seats
    left after the floors (from ``panel_programs.extra_seats``); by default the largest remainders."""
    units = [int(round(w * SCALE)) for w in weights]
    total = sum(units)
    if total <= 0:
        raise ValueError("the distribution is empty")
    counts = [u * count // total for u in units]
    remainders = [u * count % total for u in units]
    left = count - sum(counts)
    if extra is None:
        extra = extra_candidates(weights, count)[:left]
    if len(extra) != left or len(set(extra)) != left or any(remainders[j] == 0 for j in extra):
        raise ValueError("the extra seats do not fit the remainders")
    for j in extra:
        counts[j] += 1
    return counts


def floors(weights, count):
    """(floor counts, seats left, panels with a remainder by largest remainder first)."""
    units = [int(round(w * SCALE)) for w in weights]
    total = sum(units)
    counts = [u * count // total for u in units]
    return counts, count - sum(counts), extra_candidates(weights, count)


def extra_candidates(weights, count):
    units = [int(round(w * SCALE)) for w in weights]
    total = sum(units)
    remainders = [u * count % total for u in units]
    return [j for j in sorted(range(len(units)), key=lambda j: (-remainders[j], j)) if remainders[j] > 0]


def rotation_order(ids, respondents_fingerprint):
    prefix = f"{ALGORITHM_VERSION}\nrotation\n{respondents_fingerprint}\n"
    return sorted(ids, key=lambda i: (sha256_hex(prefix + i), i))


def realise(distribution, count, respondents_fingerprint, extra=None):
    """The list of ``count`` panels, each a tuple of sorted ids (step 2)."""
    problem = distribution.problem
    counts = round_to_panels(distribution.weights, count, extra)
    order = [rotation_order(m, respondents_fingerprint) for m in problem.members]
    pointer = [0] * len(order)
    listed = []
    for panel, repeat in zip(distribution.panels, counts, strict=True):
        for _ in range(repeat):
            ids = []
            for t, seats in panel:
                members = order[t]
                for k in range(seats):
                    ids.append(members[(pointer[t] + k) % len(members)])
                pointer[t] = (pointer[t] + seats) % len(members)
            listed.append(tuple(sorted(ids)))
    return listed


def panels_fingerprint(panels):
    h = hashlib.sha256()
    for number, ids in enumerate(panels, start=1):
        h.update(f"{number}\t{','.join(ids)}\n".encode())
    return h.hexdigest()


def drawn_number(seed, count):
    return int(sha256_hex(f"{ALGORITHM_VERSION}\n{seed}"), 16) % count + 1


def result_fingerprint(respondents_fp, quotas_fp, panels_fp, seed, number, chosen):
    return sha256_hex(f"{ALGORITHM_VERSION}\n{respondents_fp}\n{quotas_fp}\n{panels_fp}\n{seed}\n{number}\n"
                      + ",".join(chosen))


def selection_probabilities(panels, ids):
    """Exact chance of every id to sit on the drawn panel: panels listing it / N."""
    seen = Counter(i for panel in panels for i in panel)
    return {i: Fraction(seen.get(i, 0), len(panels)) for i in ids}


def gini(values):
    values = sorted(float(v) for v in values)
    n, total = len(values), sum(values)
    if not n or total == 0:
        return 0.0
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(values))
    return weighted / (n * total)


def quota_violations(ids, by_id, quotas, seats, household_rule=False):
    """What is wrong with one panel (empty list: it meets every quota and rule)."""
    problems = []
    if len(ids) != seats:
        problems.append(f"{len(ids)} seats instead of {seats}")
    if len(set(ids)) != len(ids):
        problems.append("an id sits twice")
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        return problems + [f"{len(unknown)} unknown ids"]
    for q in quotas:
        n = sum(1 for i in ids if by_id[i].features.get(q.feature) == q.value)
        if not q.min <= n <= q.max:
            problems.append(f"{q.feature}={q.value}: {n} not in [{q.min}, {q.max}]")
    if household_rule:
        households = Counter(by_id[i].household for i in ids if by_id[i].household)
        if any(c > 1 for c in households.values()):
            problems.append("two people of one household")
    return problems


def replacement(panel, dropout, respondents, quotas, seats, seed, *, household_rule=False, excluded=()):
    """The respondent who takes the dropout's seat (step 6), or None if nobody keeps the quotas."""
    by_id = {r.id: r for r in respondents}
    gone = by_id[dropout]
    rest = [i for i in panel if i != dropout]
    blocked = set(panel) | set(excluded) | {dropout}
    features = sorted({q.feature for q in quotas})
    prefix = f"{ALGORITHM_VERSION}\nreplace\n{seed}\n"

    def order(r):
        same = sum(1 for f in features if r.features.get(f) == gone.features.get(f))
        return (-same, sha256_hex(prefix + r.id), r.id)

    for candidate in sorted((r for r in respondents if r.id not in blocked), key=order):
        if not quota_violations(rest + [candidate.id], by_id, quotas, seats, household_rule):
            return candidate.id
    return None
