"""Step 2: import a register extract into a case's pool (all or nothing), in the background.

Parsing and validation live in ``recruitment.logic.registry``; here the rows are saved fast
(:func:`insert_rows`) without a case and then attached to it in one short transaction.
"""

import logging
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..logic.registry import estimate_lines, parse_registry
from ..models import ImportJob, Invitation, Person, Placement, RecruitmentCase
from .audit import ACTION_DISCARD, ACTION_IMPORT, ACTION_IMPORT_FAILED, RecruitmentError, audit

logger = logging.getLogger(__name__)

BATCH_SIZE = 10_000


def check_can_import(case, replace):
    if case.is_frozen:
        raise RecruitmentError(_("Der Pool ist eingefroren; ein neuer Import ist erst nach dem Löschen der "
                                 "Personendaten möglich."))
    if not replace and case.persons.exists():
        raise RecruitmentError(_("Es gibt schon einen Pool. Um ihn zu ersetzen, wählen Sie „Vorhandenen Pool "
                                 "ersetzen“ (auf der Kommandozeile: --replace)."))


def ages_reference_date(case):
    """Ages are counted on the day of the workshop."""
    if case.council_id and case.council:
        return case.council.date
    return case.ages_on or timezone.localdate()


@dataclass
class ImportOutcome:
    ok: bool
    imported: int = 0
    replaced: int = 0
    error_count: int = 0
    duplicate_count: int = 0
    errors: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    message: str = ""


PERSON_COLUMNS = ("import_job", "person_key", "household_key", "family_name", "given_names", "doctoral_degree",
                  "age", "sex", "street", "house_number", "postcode", "town", "legal_representative")


def insert_rows(model, fields, rows):
    """INSERT plain tuples fast: COPY on PostgreSQL, one prepared statement (executemany) elsewhere.

    For the 250,000 rows of a large extract: no model instances, no per-batch SQL compilation
    (Django's bulk_create splits SQLite inserts into statements of 999 parameters). No signals are
    sent; the models concerned have none. Values must already be in database form.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    # One transaction per call: in autocommit mode SQLite would commit (and sync) every row.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The person-key index is filled in random order; SQLite's default 2 MB page cache
            # would thrash on it. 64 MB at most, for this connection.
            cursor.execute("PRAGMA cache_size = -65536")
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def _set_progress(job, progress, stage=None):
    fields = {"progress": progress}
    if stage is not None:
        fields["stage"] = stage
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def run_import(job, data=None, user=None):
    """Parse the job's file (or ``data``), validate every row and, only if all rows are valid
    and there are no duplicates, replace or fill the case's pool. Returns an ImportOutcome.

    The rows are first saved without a case (invisible to every pool), then attached to the case
    in one short transaction, so an import is all or nothing and the progress can be shown.
    """
    case = job.case
    job.status, job.stage, job.progress = ImportJob.RUNNING, "reading", 0
    job.save(update_fields=["status", "stage", "progress"])
    if data is None:
        with job.file.open("rb") as handle:
            data = handle.read()
    reference = ages_reference_date(case)
    total_lines = estimate_lines(data)

    def on_progress(lines):
        _set_progress(job, min(60, 60 * lines // total_lines))

    result = parse_registry(data, reference_date=reference, mapping=job.mapping or None,
                            header_line=job.header_line, progress=on_progress)
    del data
    job.data_lines = result.data_lines
    job.file_format, job.delimiter = result.file_format, result.delimiter or ""
    job.headers = result.headers
    if not job.mapping:
        job.mapping = result.mapping
    job.error_count = result.error_count
    job.errors = [{"line": e.line, "code": e.code, "column": e.column, "message": e.message}
                  for e in result.errors]
    job.duplicate_count = len(result.duplicates)
    job.duplicates = [{"first_line": d.first_line, "line": d.line} for d in result.duplicates[:1000]]
    if not result.ok:
        if not result.rows and not result.error_count and not result.duplicates:
            job.error_count = 1
            job.errors = [{"line": None, "code": "no_rows", "column": None, "message": "No data rows."}]
        return _fail(job, _("Nichts importiert: %(errors)d Fehler, %(duplicates)d Dubletten.")
                     % {"errors": job.error_count, "duplicates": job.duplicate_count}, user)

    rows = result.rows
    count = len(rows)
    try:
        check_can_import(case, job.replace)
        job.stage = "saving"
        job.save(update_fields=["data_lines", "file_format", "delimiter", "headers", "mapping", "error_count",
                                "errors", "duplicate_count", "duplicates", "stage"])
        job_id = ImportJob._meta.pk.get_db_prep_value(job.pk, connection)
        for start in range(0, count, BATCH_SIZE):
            insert_rows(Person, PERSON_COLUMNS, [
                (job_id, r.person_key, r.household_key, r.family_name, r.given_names, r.doctoral_degree, r.age,
                 r.sex, r.street, r.house_number, r.postcode, r.town, r.legal_representative)
                for r in rows[start:start + BATCH_SIZE]
            ])
            _set_progress(job, 60 + 35 * min(count, start + BATCH_SIZE) // count)
        del rows, result
        with transaction.atomic():
            case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
            check_can_import(case, job.replace)
            replaced = case.persons.count()
            if replaced:
                delete_pool(case)
            Person.objects.filter(import_job_id=job.pk, case__isnull=True).update(case=case)
            case.ages_on = reference
            case.save(update_fields=["ages_on"])
            job.status, job.stage, job.progress = ImportJob.DONE, "", 100
            job.imported_count = count
            job.finished_at = timezone.now()
            job.message = ""
            job.save()
            audit(case, ACTION_IMPORT, user or job.created_by, count=count, replaced=replaced,
                  format=job.file_format)
    except Exception as exc:
        Person.objects.filter(import_job_id=job.pk, case__isnull=True).delete()
        if isinstance(exc, RecruitmentError):
            return _fail(job, str(exc), user)
        raise
    if job.file:
        job.file.delete(save=False)
        job.save(update_fields=["file"])
    return ImportOutcome(ok=True, imported=count, replaced=replaced)


def _fail(job, message, user):
    job.status, job.stage = ImportJob.FAILED, ""
    job.message = str(message)[:300]
    job.finished_at = timezone.now()
    job.save()
    if job.source != "command":  # a failed command leaves no trace (it changes nothing)
        audit(job.case, ACTION_IMPORT_FAILED, user or job.created_by, count=job.data_lines,
              errors=job.error_count, duplicates=job.duplicate_count)
    return ImportOutcome(ok=False, error_count=job.error_count, duplicate_count=job.duplicate_count,
                         errors=job.errors, duplicates=job.duplicates, message=job.message)


def run_import_job_by_id(job_id):
    """Entry point of the background task: never raises, never logs personal data."""
    job = ImportJob.objects.select_related("case").filter(pk=job_id).first()
    if job is None or job.status not in (ImportJob.QUEUED, ImportJob.RUNNING):
        return None
    try:
        return run_import(job)
    except Exception as exc:  # noqa: BLE001 - the message could quote a cell value: drop it
        logger.error("Register import %s failed with %s", job_id, type(exc).__name__)
        Person.objects.filter(import_job_id=job.pk, case__isnull=True).delete()
        job.refresh_from_db()
        return _fail(job, _("Der Import ist mit einem internen Fehler abgebrochen; nichts wurde importiert."),
                     None)


def discard_import(job, user=None):
    """Delete an unfinished import: its uploaded file and any rows it had saved (logged)."""
    if job.status == ImportJob.DONE:
        raise RecruitmentError(_("Nur ein nicht abgeschlossener Import lässt sich verwerfen."))
    staged = Person.objects.filter(import_job_id=job.pk, case__isnull=True)
    count = staged.count()
    staged.delete()
    had_file = bool(job.file)
    job.delete_file()
    job.delete()
    audit(job.case, ACTION_DISCARD, user, count=count, files=int(had_file))


def delete_pool(case):
    Invitation.objects.filter(placement__person__case=case).delete()
    Placement.objects.filter(person__case=case).delete()
    Person.objects.filter(case=case).delete()
