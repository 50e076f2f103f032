#!/usr/bin/env python3
"""Independent check of a Wahlkreisrat draw (algorithm wkr-sha256-v1).

Usage: python3 audit_draw.py EXPORT.csv --seed SEED [--algorithm wkr-sha256-v1]
EXPORT.csv: columns person_key,cohort, UTF-8, any row order; an empty cohort
marks a pool member outside every cohort. Prints the pool fingerprint, each
cohort's ranked list and the result fingerprint as specified in
recruitment/logic/ranking.py. Applies NO optional rule: after the household
rule or sex balance the published result fingerprint covers the reordered
lists and differs; this pure ranking is what those rules start from.
"""
import argparse
import csv
import hashlib
import sys
from collections import defaultdict


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main():
    ap = argparse.ArgumentParser(description="Recompute a Wahlkreisrat draw.")
    ap.add_argument("export"), ap.add_argument("--seed", required=True)
    ap.add_argument("--algorithm", default="wkr-sha256-v1")
    args = ap.parse_args()
    if args.algorithm != "wkr-sha256-v1":
        sys.exit(f"unsupported algorithm {args.algorithm!r}")
    cohorts, keys = defaultdict(list), []
    with open(args.export, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not {"person_key", "cohort"} <= set(reader.fieldnames or ()):
            sys.exit("export needs the columns person_key,cohort")
        for row in reader:
            keys.append(row["person_key"])
            if row["cohort"]:
                cohorts[row["cohort"]].append(row["person_key"])
    if not keys or len(set(keys)) != len(keys):
        sys.exit("export is empty or lists a person key twice")
    print(f"algorithm {args.algorithm}\nseed {args.seed}")
    print(f"pool_fingerprint {sha(chr(10).join(sorted(keys)))}")
    canonical = [args.algorithm, "\n"]
    for label in sorted(cohorts):
        prefix = f"{args.algorithm}\n{args.seed}\n{label}\n"
        ranked = sorted(cohorts[label], key=lambda k: (sha(prefix + k), k))
        print(f"cohort {label} ({len(ranked)} people)")
        canonical.append(f"cohort\t{label}\n")
        for position, key in enumerate(ranked, 1):
            print(f"{position:6d} {key}")
            canonical.append(f"{position}\t{key}\n")
    print(f"result_fingerprint {sha(''.join(canonical))}")


if __name__ == "__main__":
    main()
