"""Benchmark: import a synthetic 250,000-row register extract into a council's pool, then draw.

    .venv/bin/python bench/bench_import_draw.py [--rows N] [--xlsx]
    DATABASE_URL=postgres://user@127.0.0.1:5432/wahlkreisrat .venv/bin/python bench/bench_import_draw.py

Runs the real code path (``recruitment.services.imports.run_import``: parse, validate, save in batches,
attach to the pool in one transaction; then ``draw.draw`` and ``draw.verify``) against a
fresh throw-away database: a SQLite file in a temporary folder, or ``test_<name>`` on the
PostgreSQL server DATABASE_URL points to (created and dropped like the test suite does).
Prints seconds and the process's peak resident memory (``ru_maxrss``, which includes the
interpreter, Django and the file's bytes) after each step. Synthetic people only.
"""

import argparse
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_registry_parse import write_csv, write_xlsx  # noqa: E402
from throwaway_db import throwaway_database  # noqa: E402

COUNCIL_DATE = date(2025, 6, 1)


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--xlsx", action="store_true", help="import an XLSX workbook instead of a cp1252 CSV")
    args = parser.parse_args()

    with throwaway_database() as tmp:
        run(args, tmp)
    return 0


def run(args, tmp: Path) -> None:
    from wagtail.models import Page

    from councils.models import ConstituencyPage, CouncilPage, Wahlkreis
    from recruitment.models import ImportJob
    from recruitment.services import cases, imports, retention
    from recruitment.services import draw as draw_service

    root = Page.get_first_root_node()
    constituency = ConstituencyPage(title="WK 75", slug="wk-75", wahlkreis=Wahlkreis.objects.get(number=75))
    root.add_child(instance=constituency)
    council = CouncilPage(title="Bench", slug="bench", guiding_question="?", date=COUNCIL_DATE, venue_town="X")
    constituency.add_child(instance=council)
    case = cases.create_case(council)

    path = tmp / ("extract.xlsx" if args.xlsx else "extract.csv")
    t0 = time.perf_counter()
    if args.xlsx:
        write_xlsx(path, args.rows)
    else:
        write_csv(path, args.rows, "cp1252")
    print(f"generated {path.name}: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB "
          f"in {time.perf_counter() - t0:.1f} s")

    rss_start = maxrss_mib()
    t0 = time.perf_counter()
    job = ImportJob.objects.create(case=case, source="command")
    outcome = imports.run_import(job, data=path.read_bytes())
    seconds = time.perf_counter() - t0
    assert outcome.ok, (outcome.message, outcome.errors[:3])
    print(f"import: {outcome.imported:,} people in {seconds:.1f} s "
          f"({outcome.imported / seconds:,.0f} rows/s); peak RSS {maxrss_mib():.0f} MiB "
          f"(+{maxrss_mib() - rss_start:.0f} MiB for the import)")

    t0 = time.perf_counter()
    the_draw = draw_service.draw(case, "4-2-6-1-5-3", "bench")
    seconds = time.perf_counter() - t0
    placed = sum(c.pool_size for c in the_draw.cohorts.all())
    print(f"draw: {the_draw.cohorts.count()} cohorts, {placed:,} ranked places in {seconds:.1f} s; "
          f"peak RSS {maxrss_mib():.0f} MiB")

    t0 = time.perf_counter()
    result = draw_service.verify(case)
    print(f"verify: {'identical' if result.ok else result.differences} in {time.perf_counter() - t0:.1f} s; "
          f"peak RSS {maxrss_mib():.0f} MiB")

    t0 = time.perf_counter()
    count, _ = retention.purge(case)
    print(f"purge: {count:,} people in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
