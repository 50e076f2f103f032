"""Adapter for ``bench_panel.py --reference-python``: runs the GPL ``sortition-algorithms`` package on
one instance, in its own virtualenv, as a subprocess. It is never imported by the site and needs only
the standard library besides that package.

    /work/sortvenv/bin/python bench/reference_panel.py --method maximin --seats 35 --panels 1000 \
        --seed 1 < instance.json

Standard input: JSON ``{"quotas": "feature,value,min,max\\n...", "respondents": "id,f1,...\\n..."}``
(the field's CSV shape, as the site reads it). Standard output: one JSON line with the wall and CPU
time of the distribution (``find_distribution_*``) and of the rounding to ``--panels`` equally likely
panels (``lottery_rounding``), the number of panels in the distribution, and per-person probabilities
before (``marginal``) and after rounding (``listed``: panels listing the person / N). ``--seed`` seeds
the package's own random provider (``random_number_seed``), as its ``run_stratification`` does.
"""

import argparse
import json
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--method", default="maximin", choices=("maximin", "leximin", "nash"))
    ap.add_argument("--seats", type=int, required=True)
    ap.add_argument("--panels", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    data = json.load(sys.stdin)

    from sortition_algorithms import CSVStringDataSource, SelectionData, Settings
    from sortition_algorithms.committee_generation import leximin, maximin, nash, standardize_distribution
    from sortition_algorithms.core import lottery_rounding
    from sortition_algorithms.utils import set_random_provider

    header = data["respondents"].split("\n", 1)[0].split(",")
    settings = Settings(id_column="id", columns_to_keep=[], random_number_seed=args.seed)
    set_random_provider(args.seed)
    source = SelectionData(CSVStringDataSource(data["quotas"], data["respondents"]))
    features, _ = source.load_features(args.seats)
    people, _ = source.load_people(settings, features)
    find = {"maximin": maximin.find_distribution_maximin, "leximin": leximin.find_distribution_leximin,
            "nash": nash.find_distribution_nash}[args.method]
    wall, cpu = time.perf_counter(), time.process_time()
    committees, probabilities, _ = find(features, people, args.seats, [])
    committees, probabilities = standardize_distribution(committees, probabilities)
    dist_wall, dist_cpu = time.perf_counter() - wall, time.process_time() - cpu
    lottery = lottery_rounding(committees, probabilities, args.panels)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    ids = [line.split(",", 1)[0] for line in data["respondents"].strip().split("\n")[1:]]
    marginal = dict.fromkeys(ids, 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for i in committee:
            marginal[i] += p
    listed = dict.fromkeys(ids, 0)
    for committee in lottery:
        for i in committee:
            listed[i] += 1
    print(json.dumps({"wall": wall, "cpu": cpu, "dist_wall": dist_wall, "dist_cpu": dist_cpu,
                      "distribution_panels": len(committees), "distinct": len(set(lottery)),
                      "features": header[1:], "marginal": marginal,
                      "listed": {i: c / args.panels for i, c in listed.items()},
                      "panels": sorted(",".join(sorted(c)) for c in lottery)}))


if __name__ == "__main__":
    main()
