#!/usr/bin/env python3
"""Independent check of a Wahlkreisrat panel lottery (algorithm wkr-panel-v1).

Usage: python3 audit_panel.py --panels PANELS.csv --respondents RESPONDENTS.csv
                              --quotas QUOTAS.csv --seed SEED --seats K [--household]
PANELS.csv: number,ids (ids separated by spaces), the published list of N equally
likely panels; RESPONDENTS.csv: id,household,feature...; QUOTAS.csv:
feature,value,min,max. Checks that every panel meets the quotas (and the household
rule), recomputes the drawn number from the seed and prints the drawn panel and
the fingerprints as specified in recruitment/logic/panel_*.py. Exit 1 on a failure.
"""
import argparse
import csv
import hashlib
import sys
from collections import Counter

ALG = "wkr-panel-v1"


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean(value):
    return " ".join((value or "").split())


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser(description="Check a Wahlkreisrat panel lottery.")
    for name in ("--panels", "--respondents", "--quotas", "--seed"):
        ap.add_argument(name, required=True)
    ap.add_argument("--seats", type=int, required=True)
    ap.add_argument("--household", action="store_true")
    args = ap.parse_args()
    people = {clean(r["id"]): r for r in rows(args.respondents)}
    quotas = []
    for r in rows(args.quotas):
        r = {k.strip().lower(): v for k, v in r.items()}
        quotas.append((clean(r.get("feature") or r.get("category")), clean(r.get("value") or r.get("name")),
                       int(r["min"]), int(r["max"])))
    panels = [(int(r["number"]), tuple(r["ids"].split())) for r in rows(args.panels)]
    if [n for n, _ in panels] != list(range(1, len(panels) + 1)):
        sys.exit("FAIL: panels are not numbered 1..N")
    failures = 0
    for number, ids in panels:
        problems = [] if len(ids) == args.seats == len(set(ids)) else ["size"]
        problems += ["unknown id"] if any(i not in people for i in ids) else []
        for feature, value, low, high in quotas if not problems else ():
            n = sum(1 for i in ids if clean(people[i].get(feature)) == value)
            problems += [] if low <= n <= high else [f"{feature}={value}: {n}"]
        if args.household and not problems:
            homes = Counter(people[i]["household"] for i in ids if people[i]["household"])
            problems += ["household"] if any(c > 1 for c in homes.values()) else []
        if problems:
            failures += 1
            print(f"FAIL panel {number}: {', '.join(problems)}")
    features = sorted(k for k in next(iter(people.values())) if k not in ("id", "household"))
    lines = sorted(f"{i}\t{r['household']}\t" + "\t".join(f"{f}={clean(r[f])}" for f in features)
                   for i, r in people.items())
    respondents_fp = sha("\n".join(lines))
    quotas_fp = sha("\n".join(sorted("\t".join(map(str, q)) for q in quotas)) + f"\nseats={args.seats}")
    panels_fp = sha("".join(f"{n}\t{','.join(ids)}\n" for n, ids in panels))
    number = int(sha(f"{ALG}\n{args.seed}"), 16) % len(panels) + 1
    chosen = panels[number - 1][1]
    result_fp = sha(f"{ALG}\n{respondents_fp}\n{quotas_fp}\n{panels_fp}\n{args.seed}\n{number}\n" + ",".join(chosen))
    seen = Counter(i for _, ids in panels for i in ids)
    print(f"algorithm {ALG}\npanels {len(panels)} ({len({p for _, p in panels})} distinct), "
          f"all meet the quotas: {'no' if failures else 'yes'}")
    print(f"minimum selection probability {min(seen.get(i, 0) for i in people)}/{len(panels)}")
    print(f"respondents_fingerprint {respondents_fp}\nquotas_fingerprint {quotas_fp}\npanels_fingerprint {panels_fp}")
    print(f"drawn_number {number}\ndrawn_panel {' '.join(chosen)}\nresult_fingerprint {result_fp}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
