"""Benchmark: two-stage selection (the panel lottery) on synthetic instances in the field's shape.

    .venv/bin/python bench/bench_panel.py [--instances small,medium,large] [--method leximin|maximin]
                                          [--panels 1000] [--runs 3] [--no-reference]

Instances (synthetic volunteers, self-selection skewed against the quotas' population shares):
small = 35 of 312 with 6 features; medium = 35 of 2,000; large = 160 of 2,220 (the Bürgerrat's
shape). For each: wall time and CPU time of ``recruitment.logic.panel.select`` (distribution,
rounding to N equally likely panels, lottery), the minimum selection probability before rounding
(of the LP) and after (panels listing the person / N), the Gini coefficient of the selection
probabilities, and whether ``--runs`` fresh processes give bit-identical panel lists and result
fingerprints. If the GPL ``sortition-algorithms`` package happens to be importable, its maximin
figures on the same instance are printed too; it is never a dependency of the site. No database.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INSTANCES = {"small": (312, 35, 6), "medium": (2000, 35, 6), "large": (2220, 160, 6)}
SPEC = [("sex", ["w", "m", "d"], [0.49, 0.49, 0.02]),
        ("age", ["16-29", "30-44", "45-59", "60-74", "75+"], [0.15, 0.25, 0.28, 0.22, 0.10]),
        ("education", ["niedrig", "mittel", "hoch"], [0.2, 0.45, 0.35]),
        ("migration", ["ja", "nein"], [0.15, 0.85]),
        ("region", ["stadt", "land"], [0.55, 0.45]),
        ("state", ["nord", "ost", "sued", "west"], [0.2, 0.2, 0.3, 0.3])]
# Who answers letters: older, more educated people more often (the usual self-selection).
SKEW = {"age": [0.7, 0.9, 1.1, 1.3, 1.0], "education": [0.5, 1.0, 1.6], "migration": [0.6, 1.0]}


def instance(n, k, features, seed=1):
    rnd = random.Random(seed)
    spec = SPEC[:features]
    rows = []
    for i in range(n):
        row = {"id": f"r{i:05d}"}
        for f, values, shares in spec:
            weights = [s * m for s, m in zip(shares, SKEW.get(f, [1] * len(values)), strict=True)]
            row[f] = rnd.choices(values, weights)[0]
        rows.append(row)
    quotas = []
    for f, values, shares in spec:
        for value, share in zip(values, shares, strict=True):
            target = share * k
            quotas.append((f, value, max(0, round(target) - 1), round(target) + 1 if target >= 1 else 1))
    return rows, quotas


def solve(name, method, panels):
    """One run in this process; prints one JSON line."""
    from recruitment.logic import panel, panel_lottery, panel_solver
    from recruitment.logic.panel_data import Quota, Respondent

    n, k, features = INSTANCES[name]
    rows, quotas = instance(n, k, features)
    people = [Respondent(r["id"], {f: v for f, v in r.items() if f != "id"}) for r in rows]
    quotas = [Quota(*q) for q in quotas]
    wall, cpu = time.perf_counter(), time.process_time()
    result = panel.select(people, quotas, k, "bench seed", panels=panels, method=method)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    problem = panel_solver.build_problem(people, quotas, k)
    values = list(result.probabilities.values())
    print(json.dumps({"wall": wall, "cpu": cpu, "types": len(problem.types), "levels": result.levels,
                      "min": float(result.min_probability), "gini": panel_lottery.gini(values),
                      "distinct": result.distinct_panels, "fingerprint": result.result_fingerprint,
                      "panels_fingerprint": result.panels_fingerprint,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


def reference(name):
    """sortition-algorithms' maximin on the same instance, if installed (never required)."""
    try:
        import sortition_algorithms  # noqa: F401
    except ImportError:
        return None
    return "installed, but its API is not wired into this bench yet"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", default="small,medium,large")
    ap.add_argument("--method", default="leximin", choices=("leximin", "maximin"))
    ap.add_argument("--panels", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--solve", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.solve:
        solve(args.solve, args.method, args.panels)
        return
    print(f"{'instance':10} {'method':8} {'types':>5} {'wall s':>7} {'cpu s':>6} {'min p':>7} {'gini':>6} "
          f"{'distinct':>8} {'identical':>9}")
    for name in args.instances.split(","):
        results = []
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, __file__, "--solve", name, "--method", args.method,
                                   "--panels", str(args.panels)], capture_output=True, text=True, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        first = results[0]
        same = len({(r["fingerprint"], r["panels_fingerprint"]) for r in results}) == 1
        n, k, _ = INSTANCES[name]
        print(f"{k:>3} of {n:<5} {args.method:8} {first['types']:>5} {first['wall']:>7.1f} {first['cpu']:>6.1f} "
              f"{first['min']:>7.4f} {first['gini']:>6.3f} {first['distinct']:>8} "
              f"{('yes' if same else 'NO'):>9}   (k/n = {k / n:.4f}, fingerprint {first['fingerprint'][:12]})",
              flush=True)
        ref = reference(name)
        if ref:
            print(f"           sortition-algorithms: {ref}")


if __name__ == "__main__":
    main()
