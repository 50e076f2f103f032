"""Benchmark: import a synthetic 250,000-row register extract into a council's pool, then draw.

    .venv/bin/python bench/bench_import_draw.py [--rows N] [--xlsx] [--extract FILE] [--profile STEP]
    DATABASE_URL=postgres://user@127.0.0.1:5432/wahlkreisrat .venv/bin/python bench/bench_import_draw.py

Runs the real code path (``recruitment.services.imports.run_import``: parse, validate, save in batches,
attach to the pool in one transaction; then ``draw.draw`` and ``draw.verify``) against a
fresh throw-away database: a SQLite file in a temporary folder, or ``test_<name>`` on the
PostgreSQL server DATABASE_URL points to (created and dropped like the test suite does).
Prints seconds (wall clock and this process's CPU time, plus on PostgreSQL the CPU time of the
connection's server process, read from /proc: on a busy machine wall and CPU time differ) and
the process's peak resident memory (``ru_maxrss``, which includes the interpreter, Django and the
file's bytes) after each step. ``--extract FILE`` keeps the generated extract there and reuses it
on the next run (generating 250,000 XLSX rows takes a minute); ``--profile import|draw|verify``
prints the 25 costliest functions of that step (cProfile; BENCH_TIMER=cpu for CPU time,
BENCH_SORT=cumulative to sort differently). Synthetic people only.
"""

import argparse
import cProfile
import os
import pstats
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
    parser.add_argument("--extract", help="keep the generated extract in this file and reuse it if it exists")
    parser.add_argument("--profile", choices=["import", "draw", "verify"], help="cProfile one step")
    args = parser.parse_args()

    with throwaway_database() as tmp:
        run(args, tmp)
    return 0


class Step:
    """Wall clock and CPU time of one step, optionally under cProfile."""

    def __init__(self, name: str, args):
        # BENCH_TIMER=cpu profiles CPU time instead of wall clock time (fairer on a busy machine).
        timer = time.process_time if os.environ.get("BENCH_TIMER") == "cpu" else time.perf_counter
        self.profiler = cProfile.Profile(timer) if args.profile == name else None

    def __enter__(self):
        self.cpu0, self.t0, self.db0 = time.process_time(), time.perf_counter(), database_cpu()
        if self.profiler:
            self.profiler.enable()
        return self

    def __exit__(self, *exc):
        if self.profiler:
            self.profiler.disable()
        self.seconds = time.perf_counter() - self.t0
        self.cpu = time.process_time() - self.cpu0
        self.db_cpu = database_cpu() - self.db0 if self.db0 is not None else None
        if self.profiler and exc[0] is None:
            pstats.Stats(self.profiler).sort_stats(os.environ.get("BENCH_SORT", "tottime")).print_stats(25)

    def __str__(self):
        server = f" + PostgreSQL backend {self.db_cpu:.1f} s" if self.db_cpu is not None else ""
        return f"{self.seconds:.1f} s (CPU {self.cpu:.1f} s{server})"


def database_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL backend process so far (a server on this machine,
    read from /proc), or None (SQLite works inside this process: its time is in our CPU time)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


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

    path = Path(args.extract) if args.extract else tmp / ("extract.xlsx" if args.xlsx else "extract.csv")
    if path.exists():
        print(f"reusing {path}: {path.stat().st_size / 2**20:.1f} MiB")
    else:
        t0 = time.perf_counter()
        if args.xlsx:
            write_xlsx(path, args.rows)
        else:
            write_csv(path, args.rows, "cp1252")
        print(f"generated {path.name}: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB "
              f"in {time.perf_counter() - t0:.1f} s")
    print(f"load average before the import: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    rss_start = maxrss_mib()
    data = path.read_bytes()
    with Step("import", args) as step:
        imported = step
        job = ImportJob.objects.create(case=case, source="command")
        outcome = imports.run_import(job, data=data)
    assert outcome.ok, (outcome.message, outcome.errors[:3])
    print(f"import: {outcome.imported:,} people in {step} "
          f"({outcome.imported / step.seconds:,.0f} rows/s); peak RSS {maxrss_mib():.0f} MiB "
          f"(+{maxrss_mib() - rss_start:.0f} MiB for the import)")

    with Step("draw", args) as step:
        drawn = step
        the_draw = draw_service.draw(case, "4-2-6-1-5-3", "bench")
    placed = sum(c.pool_size for c in the_draw.cohorts.all())
    print(f"draw: {the_draw.cohorts.count()} cohorts, {placed:,} ranked places in {step}; "
          f"peak RSS {maxrss_mib():.0f} MiB; result fingerprint {the_draw.result_fingerprint[:16]}")

    with Step("verify", args) as step:
        verified = step
        result = draw_service.verify(case)
    print(f"verify: {'identical' if result.ok else result.differences} in {step}; "
          f"peak RSS {maxrss_mib():.0f} MiB")

    with Step("purge", args) as step:
        count, _ = retention.purge(case)
    print(f"purge: {count:,} people in {step}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.rows == 250_000:  # the targets are for 250,000 rows (wall clock; CPU time on a busy machine)
        print("targets: " + "; ".join(
            f"{name} <= {limit} s: wall {'met' if step.seconds <= limit else 'MISSED'}, "
            f"CPU {'met' if step.cpu <= limit else 'MISSED'}"
            for name, step, limit in (("import", imported, 20), ("draw", drawn, 2), ("verify", verified, 2))))


if __name__ == "__main__":
    sys.exit(main())
