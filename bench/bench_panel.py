"""Benchmark: two-stage selection (the panel lottery) on synthetic instances in the field's shape.

    .venv/bin/python bench/bench_panel.py [--instances small,medium,large] [--methods maximin,leximin]
        [--panels 1000] [--runs 3] [--threads 1,2] [--reference-python /work/sortvenv/bin/python]
        [--reference-runs 1] [--lp-iterations 200000]

Instances (synthetic volunteers, self-selection skewed against the quotas' population shares):
small = 35 of 312 with 6 features; medium = 35 of 2,000; large = 160 of 2,220 (the Bürgerrat's
shape). For each instance and method: wall and CPU time of ``recruitment.logic.panel.select``
(distribution, rounding to N equally likely panels, lottery) in a fresh process, the smallest
selection probability and the Gini coefficient over all respondents (panels listing the person / N),
the number of distinct panels, and whether ``--runs`` fresh processes, plus one more per extra
``--threads`` value (HiGHS threads, ``panel_solver.THREADS``), give bit-identical panel lists and
result fingerprints. The machine's load (``os.getloadavg``) is printed before and after.

The reference, the GPL ``sortition-algorithms`` package, is never a dependency of the site and is
never imported here. Install it in a virtualenv of its own and name its Python::

    python3 -m venv /work/sortvenv && /work/sortvenv/bin/pip install sortition-algorithms
    .venv/bin/python bench/bench_panel.py --reference-python /work/sortvenv/bin/python

Then ``bench/reference_panel.py`` runs in that Python as a subprocess for each instance and method
(its leximin needs Gurobi, so it is skipped unless ``gurobipy`` is importable there): it gets the
same respondents and quotas as CSV text (``id`` + features; ``feature,value,min,max``), runs the
package's ``find_distribution_maximin`` (its default HiGHS backend) with ``random_number_seed=1``,
rounds with its ``lottery_rounding`` to the same N, and prints time and per-person probabilities as
JSON; this bench computes minimum and Gini the same way for both, and with ``--reference-runs 3``
whether its panel list is the same in fresh processes. No database.
"""

import argparse
import hashlib
import json
import os
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
    print(json.dumps({"wall": wall, "cpu": cpu, "types": len(problem.types),
                      "levels": f"{result.levels}{'' if result.complete else ' (stopped at a cap)'}",
                      "lp_iterations": panel_solver.peak["iterations"], "level_rounds": panel_solver.peak["rounds"],
                      "min": float(result.min_probability), "gini": panel_lottery.gini(values),
                      "distinct": result.distinct_panels, "fingerprint": result.result_fingerprint,
                      "panels_fingerprint": result.panels_fingerprint,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


def instance_csv(name):
    """The instance as the field's CSV texts (for the reference)."""
    n, k, features = INSTANCES[name]
    rows, quotas = instance(n, k, features)
    columns = list(rows[0])
    people = "\n".join([",".join(columns)] + [",".join(r[c] for c in columns) for r in rows]) + "\n"
    quota_text = "\n".join(["feature,value,min,max"] + [",".join(map(str, q)) for q in quotas]) + "\n"
    return {"quotas": quota_text, "respondents": people}


def reference(python, name, method, panels):
    """sortition-algorithms on the same instance in its own Python; None if it cannot run the method."""
    if method == "leximin":
        probe = subprocess.run([python, "-c", "import gurobipy"], capture_output=True)
        if probe.returncode:
            return None
    _, k, _ = INSTANCES[name]
    done = subprocess.run([python, str(ROOT / "bench" / "reference_panel.py"), "--method", method, "--seats", str(k),
                           "--panels", str(panels), "--seed", "1"], input=json.dumps(instance_csv(name)),
                          capture_output=True, text=True, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    listed = list(out["listed"].values())
    return {"wall": out["wall"], "cpu": out["cpu"], "min": min(listed), "gini": gini(listed),
            "lp_min": min(out["marginal"].values()), "distinct": out["distinct"],
            "panels": hashlib.sha256("\n".join(out["panels"]).encode()).hexdigest()}


def gini(values):
    from recruitment.logic.panel_lottery import gini as g

    return g(values)


def ours(name, method, panels, threads, lp_iterations=None):
    done = subprocess.run([sys.executable, __file__, "--solve", name, "--methods", method, "--panels", str(panels),
                           "--threads", str(threads), "--lp-iterations", str(lp_iterations or 0)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def walls(results):
    return "/".join(f"{r['wall']:.0f}" for r in results)


def load():
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", default="small,medium,large")
    ap.add_argument("--methods", default="maximin,leximin")
    ap.add_argument("--panels", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", default="1,2", help="HiGHS threads: the first for --runs, one run each other")
    ap.add_argument("--reference-python", help="a Python with sortition-algorithms installed")
    ap.add_argument("--reference-runs", type=int, default=1)
    ap.add_argument("--lp-iterations", type=int, help="override panel_solver.LP_ITERATIONS")
    ap.add_argument("--solve", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.solve:
        from recruitment.logic import panel_solver

        panel_solver.THREADS = int(args.threads)
        panel_solver.LP_ITERATIONS = args.lp_iterations or panel_solver.LP_ITERATIONS
        solve(args.solve, args.methods, args.panels)
        return
    threads = [int(t) for t in args.threads.split(",")]
    print(f"{load()}   wall/CPU s of the first run; min p and Gini over all respondents, panels listing them / "
          f"{args.panels}", flush=True)
    print(f"{'instance':12} {'solver':22} {'wall s':>7} {'cpu s':>6} {'min p':>7} {'gini':>6} {'distinct':>8} "
          f"{'identical':>12}")
    for name in args.instances.split(","):
        n, k, _ = INSTANCES[name]
        for method in args.methods.split(","):
            results = [ours(name, method, args.panels, threads[0], args.lp_iterations) for _ in range(args.runs)]
            results += [ours(name, method, args.panels, t, args.lp_iterations) for t in threads[1:]]
            first = results[0]
            same = len({(r["fingerprint"], r["panels_fingerprint"]) for r in results}) == 1
            print(f"{k:>3} of {n:<6} {'wkr ' + method:22} {first['wall']:>7.1f} {first['cpu']:>6.1f} "
                  f"{first['min']:>7.4f} {first['gini']:>6.3f} {first['distinct']:>8} "
                  f"{('yes' if same else 'NO') + f' ({len(results)})':>12}   types {first['types']}, levels "
                  f"{first['levels']}, peak LP iterations {first['lp_iterations']} and rounds per level "
                  f"{first['level_rounds']}, walls {walls(results)}, fingerprint "
                  f"{first['fingerprint'][:12]}, {load()}", flush=True)
            if not args.reference_python:
                continue
            refs = [reference(args.reference_python, name, method, args.panels) for _ in range(args.reference_runs)]
            if refs[0] is None:
                print(f"{'':12} {'reference ' + method:22} skipped: needs Gurobi", flush=True)
                continue
            ref = refs[0]
            same = len({r["panels"] for r in refs}) == 1
            print(f"{'':12} {'reference ' + method:22} {ref['wall']:>7.1f} {ref['cpu']:>6.1f} {ref['min']:>7.4f} "
                  f"{ref['gini']:>6.3f} {ref['distinct']:>8} {('yes' if same else 'NO') + f' ({len(refs)})':>12}   "
                  f"min before rounding {ref['lp_min']:.4f}, walls {walls(refs)}, "
                  f"{load()}", flush=True)


if __name__ == "__main__":
    main()
