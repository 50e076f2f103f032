"""Benchmark: 300 invitation letters (German + English page each) in one batch PDF.

    .venv/bin/python bench/bench_letters.py [--letters N] [--no-second-language] [--split] [--out FILE.pdf]
                                            [--profile]
    DATABASE_URL=postgres://user@127.0.0.1:5432/wahlkreisrat .venv/bin/python bench/bench_letters.py

Sets up a fresh throw-away database like ``bench_import_draw.py`` (a SQLite file in a temporary
folder, or ``test_<name>`` on the PostgreSQL server DATABASE_URL points to), imports a synthetic
pool (some minors with and without a named legal representative, some with a Doktorgrad), draws
N seats, gives the MdB and the organisation a signature image, and times
``recruitment.services.letters.make_letters`` for all N letters in one batch: the real path (codes, QR codes,
WeasyPrint layout, combined PDF, the recording transaction). Prints the seconds (wall clock and
this process's CPU time: on a busy machine the two differ), pages, PDF size and the process's
peak resident memory. Synthetic people only. Target: 300 letters in one batch in at most 30 s.
"""

import argparse
import io
import os
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throwaway_db import throwaway_database  # noqa: E402

COUNCIL_DATE = date(2026, 9, 12)
FAMILY = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Yılmaz",
          "Kowalski", "Nguyen", "Öztürk", "Popescu", "Hartmann-Leutheusser", "Weiß"]
GIVEN = ["Anna", "Emma", "Mia", "Jörg", "Jürgen", "Lukas", "Ayşe", "Mehmet", "Olga", "Piotr", "Chiara",
         "Sören"]
STREETS = ["Erfundene Straße", "Demoweg", "Am Probeplatz", "Testgasse", "Beispielallee"]


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def extract(count: int, seed: int = 5) -> bytes:
    """A ';'-separated UTF-8 register extract of synthetic people aged 16-90."""
    rng = random.Random(seed)
    lines = ["Familienname;Vornamen;Doktorgrad;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Wohnort;"
             "Gesetzlicher Vertreter"]
    for i in range(count):
        age = rng.randint(16, 90)
        birth = COUNCIL_DATE - timedelta(days=365 * age + rng.randint(2, 360))
        sex = rng.choice("wm") if rng.random() > 0.05 else rng.choice("dx")
        degree = "Dr." if rng.random() < 0.1 else ""
        representative = rng.choice(["", "Eltern Beispiel", "Erika und Max Beispiel"]) if age < 18 else ""
        lines.append(";".join([rng.choice(FAMILY), f"{rng.choice(GIVEN)} {i}", degree,
                               birth.strftime("%d.%m.%Y"), sex, rng.choice(STREETS), str(rng.randint(1, 200)),
                               "12345", "Demostadt", representative]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def signature_image(title: str):
    """A synthetic signature scribble as a private signature file (media.private)."""
    from PIL import Image, ImageDraw

    from media.private import signature_file

    picture = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    rng = random.Random(title)
    points = [(20 + i * 28, 100 + rng.randint(-60, 60)) for i in range(20)]
    draw.line(points, fill=(20, 20, 80, 255), width=5)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return signature_file(buffer.getvalue(), "signature.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--no-second-language", action="store_true", help="German page only")
    parser.add_argument("--split", action="store_true", help="also one PDF per invitee")
    parser.add_argument("--out", help="keep the batch PDF here")
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions (cProfile)")
    args = parser.parse_args()

    import logging

    with throwaway_database():
        for name in ("weasyprint", "fontTools"):  # the dev settings log every step at DEBUG
            logging.getLogger(name).setLevel(logging.WARNING)
        run(args)
    return 0


def run(args) -> None:
    from wagtail.models import Page, Site

    from councils.models import ConstituencyPage, CouncilPage, MdB, Wahlkreis
    from home.models import OrganisationSettings
    from recruitment.models import ImportJob
    from recruitment.services import cases, imports, letters
    from recruitment.services import draw as draw_service

    wahlkreis = Wahlkreis.objects.get(number=75)
    root = Page.get_first_root_node()
    constituency = ConstituencyPage(title="WK 75", slug="wk-75", wahlkreis=wahlkreis)
    root.add_child(instance=constituency)
    council = CouncilPage(title="Gut ankommen: Mobilität im Wahlkreis", slug="bench",
                          guiding_question="Wie kommen alle gut zur Arbeit, zur Schule und zum Arzt?",
                          date=COUNCIL_DATE, venue_town="Demostadt")
    constituency.add_child(instance=council)
    case = cases.create_case(council, seats=args.letters,
                             second_language="" if args.no_second_language else "en",
                             venue="Bürgerhaus Mitte, Marktplatz 1, 12345 Demostadt")

    mdb = MdB.objects.filter(wahlkreis=wahlkreis).first() or MdB(wahlkreis=wahlkreis, party="Demo")
    mdb.title, mdb.given_names, mdb.family_name = "", "Erika", "Musterfrau"  # a synthetic signatory
    mdb.signature = signature_image("Unterschrift MdB")
    mdb.save()
    site = Site.objects.get(is_default_site=True)
    OrganisationSettings.objects.update_or_create(site=site, defaults={
        "name": "Wahlkreisrat-Demo e. V.", "address": "Musterstraße 1\n10115 Berlin",
        "email": "kontakt@wahlkreisrat.example", "phone": "+49 30 0000000", "signatory": "Alex Beispiel",
        "signatory_role": "Regionalmanagement", "signature": signature_image("Unterschrift Organisation")})

    job = ImportJob.objects.create(case=case, source="command")
    outcome = imports.run_import(job, data=extract(max(2000, args.letters * 8)))
    assert outcome.ok, (outcome.message, outcome.errors[:3])
    draw_service.draw(case, "4-2-6-1-5-3", "bench")
    case.refresh_from_db()
    pending = letters.pending_letters(case)
    people = [i.placement.person for i in pending]
    minors = sum(1 for p in people if p.age < 18)
    doctors = sum(1 for p in people if p.doctoral_degree)
    print(f"setup: {len(people)} invitations ({minors} minors, {doctors} with Doktorgrad), "
          f"second language: {case.second_language or 'none'}")

    rss_start = maxrss_mib()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    if args.profile:
        import cProfile
        import pstats

        # BENCH_TIMER=cpu profiles CPU time instead of wall clock time (fairer on a busy machine).
        cpu_timer = os.environ.get("BENCH_TIMER") == "cpu"
        profiler = cProfile.Profile(time.process_time) if cpu_timer else cProfile.Profile()
        result = profiler.runcall(letters.make_letters, case, split=args.split)
        seconds = time.perf_counter() - t0
        pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(25)
        if os.environ.get("BENCH_PSTATS"):  # keep the whole profile for pstats or snakeviz
            profiler.dump_stats(os.environ["BENCH_PSTATS"])
    else:
        result = letters.make_letters(case, split=args.split)
        seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    singles = f", plus {len(result.files)} single PDFs" if args.split else ""
    per_letter = seconds / result.count * 1000
    print(f"make_letters: {result.count} letters, {result.pages} pages, {len(result.pdf) / 2**20:.1f} MiB PDF"
          f"{singles} in {seconds:.1f} s (CPU {cpu:.1f} s; {per_letter:.0f} ms per letter); "
          f"peak RSS {maxrss_mib():.0f} MiB (+{maxrss_mib() - rss_start:.0f} MiB for the letters)")
    if result.count == 300 and not args.split:  # the target is for a batch PDF of 300 letters
        print(f"target 300 letters <= 30 s: wall {'met' if seconds <= 30 else 'MISSED'}, "
              f"CPU {'met' if cpu <= 30 else 'MISSED'} (load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs)")
    if args.out:
        Path(args.out).write_bytes(result.pdf)
        print(f"written to {args.out}")


if __name__ == "__main__":
    sys.exit(main())
