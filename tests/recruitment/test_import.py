"""import_registry and the import service: every format, every error case (nothing changes)."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from recruitment.logic.ranking import person_key
from recruitment.models import ImportJob, Person, RecruitmentCase
from recruitment.services import draw, imports

from .conftest import COUNCIL_DATE, csv_bytes, synthetic_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

ROWS = synthetic_rows(60)


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Everything an import could change."""
    return (
        Person.objects.count(),
        ImportJob.objects.count(),
        list(RecruitmentCase.objects.order_by("pk").values_list("pk", "ages_on", "frozen_at", "pool_fingerprint")),
        sorted(Person.objects.values_list("person_key", flat=True)),
    )


FORMATS = {
    "utf-8 ;": lambda rows: csv_bytes(rows),
    "utf-8 with BOM ;": lambda rows: b"\xef\xbb\xbf" + csv_bytes(rows),
    "windows-1252 ;": lambda rows: csv_bytes(rows, encoding="cp1252"),
    "iso-8859-1 ,": lambda rows: csv_bytes(rows, delimiter=",", encoding="latin-1"),
    "utf-8 tab LF": lambda rows: csv_bytes(rows, delimiter="\t", newline="\n"),
    "utf-8 , quoted": lambda rows: csv_bytes([[*r[:5], f"{r[5]}, Hinterhaus", *r[6:]] for r in rows],
                                             delimiter=","),
    "xlsx": lambda rows: xlsx_bytes(rows),
}


@pytest.mark.parametrize("name", FORMATS)
def test_import_registry_reads_every_format(name, council, extract):
    rows = ROWS
    path = extract(FORMATS[name](rows), "auszug.xlsx" if name == "xlsx" else "auszug.csv")
    out, _ = run("import_registry", "--council", council.slug, str(path))
    assert "Imported 60 people" in out
    case = RecruitmentCase.objects.get(council_key=council.translation_key)
    assert case.persons.count() == 60
    assert case.ages_on == COUNCIL_DATE
    # Umlauts survive every encoding; only what the process needs is stored.
    person = case.persons.get(given_names=rows[2][1])
    assert person.family_name == rows[2][0]
    assert person.postcode == "12345" and person.town == "Demostadt"
    assert not hasattr(person, "citizenship")
    born = datetime.datetime.strptime(rows[2][3], "%d.%m.%Y").date()
    street = person.street  # the quoted variant adds ", Hinterhaus"
    assert person.person_key == person_key(rows[2][0], rows[2][1], birth_date=born, street=street,
                                           house_number=rows[2][6], postcode="12345")
    # A command import leaves no uploaded file and a finished job.
    job = case.import_jobs.get()
    assert job.status == ImportJob.DONE and not job.file and job.imported_count == 60


def test_import_creates_the_case_with_default_cohorts_for_35_seats(council, extract):
    run("import_registry", "--council", council.slug, str(extract(csv_bytes(ROWS))))
    case = RecruitmentCase.objects.get(council_key=council.translation_key)
    assert case.seats == 35 and case.min_age == 16
    labels = [c.label for c in case.cohorts.all()]
    assert labels == ["16-24", "25-34", "35-44", "45-59", "60-74", "75+"]
    assert sum(c.seats for c in case.cohorts.all()) == 35


def test_import_stores_minors_with_their_legal_representative(council, extract):
    rows = [r[:] for r in ROWS[:3]]
    rows[0][3] = (COUNCIL_DATE - datetime.timedelta(days=365 * 16 + 10)).strftime("%d.%m.%Y")
    rows[0][9] = "Eltern Demo"
    run("import_registry", "--council", council.slug, str(extract(csv_bytes(rows))))
    minor = Person.objects.get(given_names=rows[0][1])
    assert minor.age == 16 and minor.legal_representative == "Eltern Demo"


def test_age_column_and_combined_address_are_understood(council, extract):
    header = ["Name", "Vorname", "Alter", "Geschlecht", "Anschrift", "PLZ", "Ort"]
    rows = [["Quabbelstein", "Ida", "34", "weiblich", "Erfundene Str. 4 b", "12345", "Demostadt"],
            ["Quabbelstein", "Udo", "36", "männlich", "Erfundene Straße 4b", "12345", "Demostadt"]]
    run("import_registry", "--council", council.slug, str(extract(csv_bytes(rows, header=header))))
    people = list(Person.objects.filter(family_name="Quabbelstein").order_by("given_names"))
    assert [p.age for p in people] == [34, 36]
    assert [p.sex for p in people] == ["w", "m"]
    assert people[0].household_key == people[1].household_key != ""


ERROR_CASES = {
    "empty file": b"",
    "header only": csv_bytes([]),
    "binary junk": bytes(range(256)) * 4,
    "old xls": b"\xd0\xcf\x11\xe0" + b"\x00" * 100,
    "broken xlsx": b"PK\x03\x04" + b"junk" * 50,
    "missing columns": csv_bytes([["a", "b"]], header=["Familienname", "Irgendwas"]),
    "invalid birth date": csv_bytes([*ROWS[:5], [*ROWS[5][:3], "31.02.1980", *ROWS[5][4:]]]),
    "birth date in the future": csv_bytes([*ROWS[:5], [*ROWS[5][:3], "01.01.2099", *ROWS[5][4:]]]),
    "missing family name": csv_bytes([*ROWS[:5], ["", *ROWS[5][1:]]]),
    "invalid postcode": csv_bytes([*ROWS[:5], [*ROWS[5][:7], "ABCDE", *ROWS[5][8:]]]),
    "unknown sex": csv_bytes([*ROWS[:5], [*ROWS[5][:4], "q", *ROWS[5][5:]]]),
    "missing street": csv_bytes([*ROWS[:5], [*ROWS[5][:5], "", "", *ROWS[5][7:]]]),
    "duplicate person": csv_bytes([*ROWS[:5], ROWS[2]]),
    "unclosed quote": csv_bytes(ROWS[:5]) + b'Zzyx;"Anna;;01.01.1990;w;Weg;1;12345;Ort;;\r\n' * 3,
}


@pytest.mark.parametrize("name", ERROR_CASES)
def test_every_error_changes_nothing(name, council, extract):
    before = snapshot()
    with pytest.raises(CommandError, match="Nothing imported"):
        run("import_registry", "--council", council.slug, str(extract(ERROR_CASES[name])))
    assert snapshot() == before
    assert not RecruitmentCase.objects.filter(council_key=council.translation_key).exists()


def test_errors_are_reported_with_line_numbers_and_without_values(council, extract):
    rows = [r[:] for r in ROWS[:6]]
    rows[3][3] = "31.02.1980"
    rows[4][7] = "1234X"
    with pytest.raises(CommandError) as excinfo:
        call_command("import_registry", "--council", council.slug, str(extract(csv_bytes([*rows, rows[1]]))),
                     stderr=(err := __import__("io").StringIO()))
    assert "2 errors, 1 duplicates" in str(excinfo.value)
    report = err.getvalue()
    assert "Line 5:" in report and "Line 6:" in report and "Line 8: duplicate of line 3" in report
    assert "31.02.1980" not in report and "1234X" not in report and rows[1][0] not in report


def test_existing_pool_needs_replace(imported, extract):
    before = snapshot()
    with pytest.raises(CommandError, match="--replace"):
        run("import_registry", "--council", imported.council.slug, str(extract(csv_bytes(ROWS))))
    assert snapshot() == before
    out, _ = run("import_registry", "--council", imported.council.slug, "--replace", str(extract(csv_bytes(ROWS))))
    assert "Imported 60 people" in out and "replaced 400" in out
    assert imported.persons.count() == 60


def test_frozen_pool_refuses_import(imported, extract):
    draw.freeze(imported)
    before = snapshot()
    with pytest.raises(CommandError, match="eingefroren"):
        run("import_registry", "--council", imported.council.slug, "--replace", str(extract(csv_bytes(ROWS))))
    assert snapshot() == before


def test_failed_replace_keeps_the_old_pool(imported, extract):
    keys = sorted(imported.persons.values_list("person_key", flat=True))
    with pytest.raises(CommandError):
        run("import_registry", "--council", imported.council.slug, "--replace",
            str(extract(csv_bytes([*ROWS[:5], ROWS[0]]))))
    assert sorted(imported.persons.values_list("person_key", flat=True)) == keys


def test_unknown_council_and_missing_file(council, extract, tmp_path):
    with pytest.raises(CommandError, match="nope"):
        run("import_registry", "--council", "nope", str(extract(csv_bytes(ROWS))))
    with pytest.raises(CommandError, match="File not found"):
        run("import_registry", "--council", council.slug, str(tmp_path / "missing.csv"))


def test_english_council_slug_is_not_accepted(council, extract):
    """SLUG is the German page's slug (pages share slugs across locales; only German counts)."""
    from home.translation import translate

    english = translate(council, "en", {council.slug: "test-council-en"})
    with pytest.raises(CommandError):
        run("import_registry", "--council", english.slug, str(extract(csv_bytes(ROWS))))


def test_a_failed_background_job_is_kept_with_its_errors_and_nothing_imported(case):
    job = ImportJob.objects.create(case=case, source="upload", status=ImportJob.QUEUED)
    outcome = imports.run_import(job, data=csv_bytes([*ROWS[:3], ROWS[0]]))
    assert not outcome.ok
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED and job.duplicate_count == 1
    assert job.duplicates == [{"first_line": 2, "line": 5}]
    assert case.persons.count() == 0 and Person.objects.filter(import_job=job).count() == 0


def test_progress_is_reported_while_parsing(case, monkeypatch):
    seen = []
    original = imports._set_progress

    def spy(job, progress, stage=None):
        seen.append(progress)
        original(job, progress, stage)

    monkeypatch.setattr(imports, "_set_progress", spy)
    monkeypatch.setattr("recruitment.logic.registry.PROGRESS_EVERY", 500)
    job = ImportJob.objects.create(case=case, source="upload", status=ImportJob.QUEUED)
    assert imports.run_import(job, data=csv_bytes(synthetic_rows(12_000, seed=3))).ok
    assert seen == sorted(seen) and seen[0] < 60 < seen[-1]
    job.refresh_from_db()
    assert job.progress == 100


def test_header_not_in_first_line(council, extract):
    data = b"Auszug aus dem Melderegister\r\nStand: Juni\r\n" + csv_bytes(ROWS[:10])
    out, _ = run("import_registry", "--council", council.slug, str(extract(data)))
    assert "Imported 10 people" in out


def test_header_spellings(council, extract):
    header = ["NACHNAME", "Vorname(n)", "Akad. Grad", "Geb.-Datum", "Geschlecht", "Strasse", "Haus-Nr.",
              "Postleitzahl", "Wohnort", "Gesetzl. Vertreter", "Staatsangehörigkeit(en)"]
    out, _ = run("import_registry", "--council", council.slug, str(extract(csv_bytes(ROWS[:10], header=header))))
    assert "Imported 10 people" in out

