"""Step 2: import a register extract into a case's pool (all or nothing), in the background.

Parsing and validation live in ``recruitment.logic.registry``; here the rows are saved fast
(:func:`insert_rows`) into a temporary table of the worker's own database connection and then
copied into the pool in one short transaction. A worker that dies at any point leaves nothing
behind: the temporary table goes with its connection, the last transaction is rolled back. The
job itself notices nothing, so a running job writes a heartbeat with every progress step, and
:func:`fail_stale_imports` marks one whose heartbeat stopped as failed (read by the progress page,
the dashboard and the ``fail_stale_imports`` command); the manager can then restart or discard it.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
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


def insert_rows(model, fields, rows, table=None):
    """INSERT plain tuples fast: COPY on PostgreSQL, one prepared statement (executemany) elsewhere.

    For the 250,000 rows of a large extract: no model instances, no per-batch SQL compilation
    (Django's bulk_create splits SQLite inserts into statements of 999 parameters). No signals are
    sent; the models concerned have none. Values must already be in database form. ``table``
    names another table with the model's columns (the import's staging table).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(table or model._meta.db_table)
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


STAGING_TABLE = "recruitment_import_staging"


class ImportAbandoned(Exception):
    """The job was marked failed (stale) or discarded while this worker was still at it."""


def _set_progress(job, progress, stage=None):
    """Progress and heartbeat in one write; stops the import if the job is no longer running."""
    fields = {"progress": progress, "heartbeat_at": timezone.now()}
    if stage is not None:
        fields["stage"] = stage
    if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.RUNNING).update(**fields):
        raise ImportAbandoned


def stale_seconds():
    return int(getattr(settings, "RECRUITMENT_IMPORT_STALE_SECONDS", 120))


STALE_MESSAGE = _("Der Import wurde abgebrochen, weil der Hintergrundprozess nicht mehr reagiert hat (z. B. "
                  "ein Neustart des Servers). Es wurde nichts importiert; der Pool ist unverändert. Sie können "
                  "den Import neu starten oder verwerfen.")


def fail_stale_imports(case=None, now=None):
    """Mark running imports whose heartbeat stopped as failed (their worker died); returns how many.

    Cheap when there is none: called by the progress page, the dashboard and a cron command.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=stale_seconds())
    jobs = ImportJob.objects.filter(status=ImportJob.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff))
    if case is not None:
        jobs = jobs.filter(case=case)
    failed = 0
    for job in jobs.select_related("case"):
        # A conditional update, so that a job that just finished (or beat again) is left alone.
        if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.RUNNING).filter(
                Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True)).update(
                status=ImportJob.FAILED, stage="", message=str(STALE_MESSAGE)[:300], finished_at=now):
            continue
        failed += 1
        Person.objects.filter(import_job_id=job.pk, case__isnull=True).delete()  # rows of older versions
        audit(job.case, ACTION_IMPORT_FAILED, None, count=job.data_lines, errors=0, duplicates=0, stale=1)
    return failed


def restart_import(job, user=None):
    """Put a failed import back in the queue with the same file and mapping."""
    from ..tasks import enqueue_import

    if job.status != ImportJob.FAILED or not job.file:
        raise RecruitmentError(_("Nur ein fehlgeschlagener Import, dessen Datei noch vorhanden ist, lässt sich "
                                 "neu starten."))
    check_can_import(job.case, job.replace)
    job.errors, job.duplicates, job.error_count, job.duplicate_count = [], [], 0, 0
    job.message, job.finished_at, job.heartbeat_at = "", None, None
    job.save(update_fields=["errors", "duplicates", "error_count", "duplicate_count", "message", "finished_at",
                            "heartbeat_at"])
    enqueue_import(job)


def _create_staging(cursor):
    """A temporary table (this connection only, gone with it) shaped like the person columns."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Person._meta.get_field(name).column) for name in PERSON_COLUMNS)
    cursor.execute(f"DROP TABLE IF EXISTS {quote(STAGING_TABLE)}")
    cursor.execute(f"CREATE TEMPORARY TABLE {quote(STAGING_TABLE)} AS SELECT {columns} "
                   f"FROM {quote(Person._meta.db_table)} WHERE 1 = 0")


def _drop_staging():
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(STAGING_TABLE)}")
    except Exception:  # e.g. inside a broken transaction; the table dies with the connection
        logger.warning("Could not drop the import staging table")


def _copy_staged(case):
    """INSERT the staged rows into the pool (inside the caller's transaction)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Person._meta.get_field(name).column) for name in PERSON_COLUMNS)
    case_column = quote(Person._meta.get_field("case").column)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -65536")  # see insert_rows
        cursor.execute(f"INSERT INTO {quote(Person._meta.db_table)} ({case_column}, {columns}) "
                       f"SELECT %s, {columns} FROM {quote(STAGING_TABLE)}", [case.pk])


def run_import(job, data=None, user=None):
    """Parse the job's file (or ``data``), validate every row and, only if all rows are valid
    and there are no duplicates, replace or fill the case's pool. Returns an ImportOutcome.

    The rows are first saved into a temporary table of this connection (invisible to everyone
    else, gone if the process dies), then copied into the pool in one short transaction, so an
    import is all or nothing and the progress can be shown.
    """
    case = job.case
    job.status, job.stage, job.progress, job.heartbeat_at = ImportJob.RUNNING, "reading", 0, timezone.now()
    job.save(update_fields=["status", "stage", "progress", "heartbeat_at"])
    if data is None:
        with job.file.open("rb") as handle:
            data = handle.read()
    reference = ages_reference_date(case)
    total_lines = estimate_lines(data)

    def on_progress(lines):
        _set_progress(job, min(60, 60 * lines // total_lines))

    try:
        result = parse_registry(data, reference_date=reference, mapping=job.mapping or None,
                                header_line=job.header_line, progress=on_progress)
    except ImportAbandoned:
        return ImportOutcome(ok=False, message=str(STALE_MESSAGE))
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
    job.mixed_lines = result.mixed_lines[:1000]
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
                                "errors", "duplicate_count", "duplicates", "mixed_lines", "stage"])
        job_id = ImportJob._meta.pk.get_db_prep_value(job.pk, connection)
        with connection.cursor() as cursor:
            _create_staging(cursor)
        try:
            for start in range(0, count, BATCH_SIZE):
                insert_rows(Person, PERSON_COLUMNS, [
                    (job_id, r.person_key, r.household_key, r.family_name, r.given_names, r.doctoral_degree,
                     r.age, r.sex, r.street, r.house_number, r.postcode, r.town, r.legal_representative)
                    for r in rows[start:start + BATCH_SIZE]
                ], table=STAGING_TABLE)
                _set_progress(job, 60 + 35 * min(count, start + BATCH_SIZE) // count)
            del rows, result
            with transaction.atomic():
                case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
                check_can_import(case, job.replace)
                # Still ours? (Not marked failed as stale, not discarded.) The update locks the row.
                finished = timezone.now()
                if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.RUNNING).update(
                        status=ImportJob.DONE, stage="", progress=100, imported_count=count, finished_at=finished,
                        heartbeat_at=finished, message=""):
                    raise ImportAbandoned
                replaced = case.persons.count()
                if replaced:
                    delete_pool(case)
                _copy_staged(case)
                case.ages_on = reference
                case.save(update_fields=["ages_on"])
                job.status, job.stage, job.progress = ImportJob.DONE, "", 100
                job.imported_count, job.finished_at, job.message = count, finished, ""
                audit(case, ACTION_IMPORT, user or job.created_by, count=count, replaced=replaced,
                      format=job.file_format)
        finally:
            _drop_staging()
    except ImportAbandoned:
        return ImportOutcome(ok=False, message=str(STALE_MESSAGE))
    except RecruitmentError as exc:
        return _fail(job, str(exc), user)
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
    except Exception as exc:  # the message could quote a cell value: drop it
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
