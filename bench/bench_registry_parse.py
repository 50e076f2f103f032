"""Benchmark: parse a synthetic 250,000-row register extract.

    .venv/bin/python bench/bench_registry_parse.py [--rows N] [--encoding cp1252|utf-8] [--xlsx]

Generates a ";"-separated extract with synthetic names (nobody real) in a
temporary directory, parses it with ``recruitment.logic.registry`` and prints
the row count, the seconds taken, and the peak memory twice: the Python heap
peak during parsing (tracemalloc, measured in a second run because tracing
slows parsing down) and the process's maximum resident set size
(``resource.getrusage``, which includes the interpreter and the file bytes).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recruitment.logic.registry import parse_registry

FAMILY = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
          "Schulz", "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
          "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
          "Weiß", "Yilmaz", "Kowalski", "Nguyen", "Öztürk", "Popescu"]
GIVEN = ["Anna", "Emma", "Mia", "Sophie", "Lena", "Jörg", "Jürgen", "Lukas", "Paul", "Jonas",
         "Ben", "Elias", "Hannah", "Maria", "Ursula", "Günther", "Renate", "Klaus", "Ayse",
         "Mehmet", "Olga", "Piotr", "Chiara", "Noah", "Luca", "Felix", "Marie", "Sören"]
STREETS = ["Hauptstraße", "Schulstraße", "Gartenweg", "Bahnhofstraße", "Am Markt", "Lindenallee",
           "Bergstraße", "Kirchweg", "Waldstraße", "Rosenweg", "Mühlenstraße", "Goethestraße"]
TOWNS = [("Musterstadt", "12345"), ("Beispielheim", "12346"), ("Altdorf an der Au", "01067"),
         ("Neudorf", "12350")]
HEADER = (
    "Familienname;Vornamen;Doktorgrad;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Wohnort;"
    "Gesetzlicher Vertreter;Staatsangehörigkeit"
)


def synthetic_rows(count: int, seed: int = 1):
    rng = random.Random(seed)
    start = date(1920, 1, 1)
    household = None
    for i in range(count):
        if household is None or rng.random() < 0.5:  # about two people per address
            town, postcode = rng.choice(TOWNS)
            number = str(rng.randint(1, 400)) + rng.choice(["", "", "", "a", "b"])
            household = (rng.choice(STREETS), number, postcode, town)
        birth = start + timedelta(days=rng.randint(0, 105 * 365))
        sex = rng.choice("mw") if rng.random() > 0.002 else "d"
        degree = "Dr." if rng.random() < 0.01 else ""
        # A running number in the given names keeps every synthetic person unique.
        given = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}-{i}"
        yield [rng.choice(FAMILY), given, degree, birth.strftime("%d.%m.%Y"), sex,
               household[0], household[1], household[2], household[3], "", "deutsch"]


def write_csv(path: Path, rows: int, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as out:
        out.write(HEADER + "\r\n")
        for row in synthetic_rows(rows):
            out.write(";".join(row) + "\r\n")


def write_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER.split(";"))
    for row in synthetic_rows(rows):
        sheet.append(row)
    workbook.save(path)


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--encoding", default="cp1252", choices=["cp1252", "utf-8", "utf-8-sig"])
    parser.add_argument("--xlsx", action="store_true", help="generate and parse XLSX instead of CSV")
    args = parser.parse_args()
    reference = date(2025, 6, 1)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("extract.xlsx" if args.xlsx else "extract.csv")
        t0 = time.perf_counter()
        if args.xlsx:
            write_xlsx(path, args.rows)
        else:
            write_csv(path, args.rows, args.encoding)
        print(f"generated {path.name}: {path.stat().st_size / 2**20:.1f} MiB "
              f"({'xlsx' if args.xlsx else args.encoding}) in {time.perf_counter() - t0:.1f} s")
        data = path.read_bytes()

    rss_before = maxrss_mib()
    t0 = time.perf_counter()
    result = parse_registry(data, reference_date=reference)
    seconds = time.perf_counter() - t0
    rss_after = maxrss_mib()
    assert result.ok, result.errors[:5]
    print(f"rows: {len(result.rows)}  errors: {result.error_count}  duplicates: {len(result.duplicates)}")
    print(f"parse time: {seconds:.2f} s  ({len(result.rows) / seconds:,.0f} rows/s)")
    print(f"maxrss: {rss_before:.0f} MiB before parsing, {rss_after:.0f} MiB after "
          f"(+{rss_after - rss_before:.0f} MiB)")
    del result

    tracemalloc.start()
    t0 = time.perf_counter()
    result = parse_registry(data, reference_date=reference)  # noqa: F841 (alive while memory is traced)
    traced_seconds = time.perf_counter() - t0
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc: peak {peak / 2**20:.0f} MiB during parsing, {current / 2**20:.0f} MiB "
          f"held by the result (traced run took {traced_seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
