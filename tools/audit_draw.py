#!/usr/bin/env python3
"""Independent check of a Wahlkreisrat draw (algorithm wkr-sha256-v1).

Usage: python3 audit_draw.py EXPORT.csv --seed SEED [--algorithm wkr-sha256-v1]
       [--household] [--sex-balance] [--municipality] [--seats LABEL=N ...]
EXPORT.csv: columns person_key,cohort (plus household, sex, municipality for the rules), UTF-8,
any row order; an empty cohort marks a pool member outside every cohort. Prints the pool
fingerprint, each cohort's ranked list and the result fingerprint as specified in
recruitment/logic/ranking.py, with the optional rules a. (one person per household first) and
b. (sex balance of the first seats, groups w and m) applied as the protocol says. --municipality
marks the invited places of stratified letters (recruitment/logic/strata.py): N split over the
municipalities by largest remainders (ties: name first), to the first of each in the ranking.
"""
import argparse
import csv
import hashlib
import sys
from collections import Counter, defaultdict
from fractions import Fraction


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def household_first(ranked, home):
    seen, first, later = set(), [], []
    for k in ranked:
        (later if home[k] and home[k] in seen else first).append(k)
        seen.add(home[k]) if home[k] else None
    return first + later


def sex_balance(ranked, sex, seats, home=None):
    queues = {g: [i for i, k in enumerate(ranked) if sex[k] == g] for g in ("w", "m")}
    queues = {g: q for g, q in queues.items() if q}
    neutral = [i for i, k in enumerate(ranked) if sex[k] not in ("w", "m")]
    share = {g: Fraction(1, len(queues)) for g in queues}
    order, placed, used, counts = [], set(), set(), dict.fromkeys(queues, 0)

    def head(q):
        return next((i for i in q if i not in placed and not (home and home[ranked[i]] in used)), None)
    while len(order) < min(seats, len(ranked)):
        heads = {g: h for g in queues if (h := head(queues[g])) is not None}
        n = head(neutral)
        if n is not None and (not heads or n < min(heads.values())):
            chosen = n
        elif heads:
            g = max(heads, key=lambda g: (share[g] * (sum(counts.values()) + 1) - counts[g], -heads[g]))
            chosen, counts[g] = heads[g], counts[g] + 1
        else:
            break
        order.append(chosen)
        placed.add(chosen)
        used.add(home[ranked[chosen]]) if home and home[ranked[chosen]] else None
    return [ranked[i] for i in order + [i for i in range(len(ranked)) if i not in placed]]


def invited_by_municipality(ranked, town, seats):
    counts, n = Counter(town[k] for k in ranked), min(seats, len(ranked))
    quota = {m: Fraction(n * c, len(ranked)) for m, c in counts.items()}
    left = {m: int(q) for m, q in quota.items()}
    for m in sorted(quota, key=lambda m: (left[m] - quota[m], m))[:n - sum(left.values())]:
        left[m] += 1
    invited, place = set(), Counter()
    for k in ranked:
        place[town[k]] += 1
        invited.add(k) if place[town[k]] <= left[town[k]] else None
    return invited


def main():
    ap = argparse.ArgumentParser(description="Recompute a Wahlkreisrat draw.")
    ap.add_argument("export"), ap.add_argument("--seed", required=True)
    ap.add_argument("--algorithm", default="wkr-sha256-v1"), ap.add_argument("--household", action="store_true")
    ap.add_argument("--sex-balance", action="store_true"), ap.add_argument("--municipality", action="store_true")
    ap.add_argument("--seats", action="append", default=[], metavar="LABEL=N")
    args = ap.parse_args()
    seats = {label: int(n) for label, n in (s.rsplit("=", 1) for s in args.seats)}
    if args.algorithm != "wkr-sha256-v1":
        sys.exit(f"unsupported algorithm {args.algorithm!r}")
    cohorts, keys, home, sex, town = defaultdict(list), [], {}, {}, {}
    with open(args.export, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not {"person_key", "cohort"} <= set(reader.fieldnames or ()):
            sys.exit("export needs the columns person_key,cohort")
        for row in reader:
            k = row["person_key"]
            keys.append(k), cohorts[row["cohort"]].append(k) if row["cohort"] else None
            home[k], sex[k], town[k] = row.get("household", ""), row.get("sex", ""), row.get("municipality", "")
    if not keys or len(set(keys)) != len(keys):
        sys.exit("export is empty or lists a person key twice")
    print(f"algorithm {args.algorithm}\nseed {args.seed}")
    print(f"pool_fingerprint {sha(chr(10).join(sorted(keys)))}")
    canonical = [args.algorithm, "\n"]
    for label in sorted(cohorts):
        if (args.sex_balance or args.municipality) and label not in seats:
            sys.exit(f"--seats {label}=N is missing")
        prefix = f"{args.algorithm}\n{args.seed}\n{label}\n"
        ranked = sorted(cohorts[label], key=lambda k: (sha(prefix + k), k))
        if args.household:
            ranked = household_first(ranked, home)
        if args.sex_balance:
            ranked = sex_balance(ranked, sex, seats[label], home if args.household else None)
        invited = invited_by_municipality(ranked, town, seats[label]) if args.municipality else ()
        print(f"cohort {label} ({len(ranked)} people)")
        canonical.append(f"cohort\t{label}\n")
        for position, key in enumerate(ranked, 1):
            print(f"{position:6d} {key}" + (" invited" if key in invited else ""))
            canonical.append(f"{position}\t{key}\n")
    print(f"result_fingerprint {sha(''.join(canonical))}")


if __name__ == "__main__":
    main()
