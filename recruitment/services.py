"""What the admin views, the management commands and the background task do with a council's
private data: import, cohorts, freeze, draw, verify, void, export and purge.

Every function that touches personal data writes an entry to Wagtail's audit log with counts,
never with names. Failures raise :class:`RecruitmentError` with a one-line German reason and
change nothing. The ranking itself lives in ``recruitment.logic.ranking``.
"""

import logging
import secrets
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale

from councils.models import CouncilPage, PublicRecord

from .logic.apportion import largest_remainder, restrict_bands
from .logic.ranking import ALGORITHM_VERSION, draw_cohorts, pool_fingerprint, result_fingerprint
from .logic.registry import estimate_lines, parse_registry
from .logic import codes
from .models import Cohort, Draw, DrawCohort, ImportJob, Invitation, Person, Placement, RecruitmentCase

logger = logging.getLogger(__name__)

BATCH_SIZE = 10_000
#: Upper age bounds of the default cohorts (the last one is open): about 4–9 seats each of 35.
DEFAULT_COHORT_UPPER_BOUNDS = (24, 34, 44, 59, 74)

# Audit log actions (registered with labels in wagtail_hooks.py).
ACTION_IMPORT = "recruitment.import"
ACTION_IMPORT_FAILED = "recruitment.import_failed"
ACTION_PREVIEW = "recruitment.preview"
ACTION_VIEW_POOL = "recruitment.view_pool"
ACTION_EXPORT = "recruitment.export"
ACTION_FREEZE = "recruitment.freeze"
ACTION_DRAW = "recruitment.draw"
ACTION_VERIFY = "recruitment.verify"
ACTION_VOID = "recruitment.void"
ACTION_PURGE = "recruitment.purge"
ACTION_DISCARD = "recruitment.discard_import"
ACTION_VIEW_INVITATIONS = "recruitment.view_invitations"
ACTION_INVITATION_STATUS = "recruitment.invitation_status"
ACTION_REPLACE = "recruitment.replace"
ACTION_RESPONSE = "recruitment.response"
ACTION_LETTERS = "recruitment.letters"
ACTION_VIEW_VISITS = "recruitment.view_visits"
ACTION_VISIT = "recruitment.visit"
ACTION_VIEW_PARTICIPANTS = "recruitment.view_participants"
ACTION_CHECK_IN = "recruitment.check_in"
ACTION_NO_SHOWS = "recruitment.no_shows"
ACTION_BADGES = "recruitment.badges"
ACTION_TRAVEL = "recruitment.travel"
ACTION_TRAVEL_EXPORT = "recruitment.travel_export"
ACTION_ALUMNI = "recruitment.alumni"
ACTION_VIEW_ALUMNI = "recruitment.view_alumni"
ACTION_EVALUATION_TOKENS = "recruitment.evaluation_tokens"
ACTION_EVALUATION_MAIL = "recruitment.evaluation_mail"
ACTION_EVALUATION_PUBLISH = "recruitment.evaluation_publish"
ACTION_EVALUATION_UNPUBLISH = "recruitment.evaluation_unpublish"
ACTION_COMPOSITION_PUBLISH = "recruitment.composition_publish"


class RecruitmentError(Exception):
    """A refused or failed operation; ``str()`` is a one-line reason without personal data."""


def audit(case, action, user=None, **data):
    """One audit log entry on the case: who (user or None for a command), when, what, how many."""
    log(instance=case, action=action, user=user if getattr(user, "pk", None) else None, data=data)


# --- councils and cases ----------------------------------------------------------------------


def council_by_slug(slug):
    """The German (default locale) council page with this slug."""
    council = CouncilPage.objects.filter(locale=Locale.get_default(), slug=slug).first()
    if council is None:
        raise RecruitmentError(_("Keinen Wahlkreisrat mit der Kennung „%(slug)s“ gefunden.") % {"slug": slug})
    return council


def case_for_council(council, create=False):
    case = RecruitmentCase.objects.filter(council_key=council.translation_key).first()
    if case is None and create:
        case = create_case(council)
    if case is None:
        raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es noch keine Auslosung."))
    return case


def create_case(council, **fields):
    """A case for a council with default settings and default cohorts (seats suggested)."""
    if council.wahlkreis_id is None:
        raise RecruitmentError(_("Der Wahlkreisrat gehört zu keinem Wahlkreis."))
    fields.setdefault("seats", settings.RECRUITMENT_DEFAULT_SEATS)
    fields.setdefault("min_age", settings.RECRUITMENT_DEFAULT_MIN_AGE)
    case = RecruitmentCase(council=council, **fields)
    case.save()
    create_default_cohorts(case)
    return case


def default_cohort_ranges(min_age):
    """(label, min_age, max_age) of the default cohorts for a minimum age."""
    ranges, start = [], min_age
    for upper in DEFAULT_COHORT_UPPER_BOUNDS:
        if upper >= start:
            ranges.append((f"{start}-{upper}", start, upper))
            start = upper + 1
    ranges.append((f"{start}+", start, None))
    return ranges


def create_default_cohorts(case):
    """Give a case without cohorts the default cohorts, seats apportioned by :func:`suggest`."""
    if case.cohorts.exists():
        return
    for order, (label, low, high) in enumerate(default_cohort_ranges(case.min_age)):
        Cohort.objects.create(case=case, label=label, min_age=low, max_age=high, seats=0, sort_order=order)
    if case.wahlkreis.age_bands:
        apply_suggestion(case)
    else:  # no official structure: spread evenly
        cohorts = list(case.cohorts.all())
        seats = largest_remainder(case.seats, {c.label: 1 for c in cohorts})
        for cohort in cohorts:
            cohort.seats = seats[cohort.label]
            cohort.save(update_fields=["seats"])


def check_cohorts(cohorts, min_age=0):
    """Raise RecruitmentError unless the cohorts are usable for a draw."""
    labels = [c.label for c in cohorts]
    if not cohorts:
        raise RecruitmentError(_("Es sind keine Alterskohorten angelegt."))
    if len(set(labels)) != len(labels):
        raise RecruitmentError(_("Zwei Kohorten haben dieselbe Bezeichnung."))
    for cohort in cohorts:
        if not cohort.label.strip() or any(ch in cohort.label for ch in "\n\r\t"):
            raise RecruitmentError(_("Eine Kohortenbezeichnung ist leer oder enthält Steuerzeichen."))
        if cohort.max_age is not None and cohort.max_age < cohort.min_age:
            raise RecruitmentError(_("Kohorte „%(label)s“: Das Höchstalter liegt unter dem Mindestalter.")
                                   % {"label": cohort.label})
    ordered = sorted(cohorts, key=lambda c: c.min_age)
    for a, b in zip(ordered, ordered[1:]):
        if a.max_age is None or a.max_age >= b.min_age:
            raise RecruitmentError(_("Die Kohorten „%(a)s“ und „%(b)s“ überschneiden sich.")
                                   % {"a": a.label, "b": b.label})


# --- suggestion: seats by the official age structure ----------------------------------------


@dataclass
class SuggestionRow:
    label: str
    min_age: int
    max_age: int | None
    seats: int
    suggested: int
    official_percent: float
    pool_count: int
    pool_percent: float | None


def suggest(case):
    """Seats per cohort in proportion to the constituency's official age structure (Strukturdaten
    2025, restricted to ages ≥ min_age; largest remainder), next to the pool's own structure."""
    cohorts = list(case.cohorts.all())
    check_cohorts(cohorts)
    bands = case.wahlkreis.age_bands or {}
    if not bands:
        raise RecruitmentError(_("Für diesen Wahlkreis liegt keine amtliche Altersstruktur vor."))
    weights = restrict_bands(bands, case.min_age, [c.age_range for c in cohorts])
    if not sum(weights.values()):
        raise RecruitmentError(_("Die Kohorten decken keine Altersgruppe der amtlichen Statistik ab."))
    seats = largest_remainder(case.seats, weights)
    total = sum(weights.values())
    counts = pool_counts(case, cohorts)
    eligible = sum(counts.values())
    return [
        SuggestionRow(
            label=c.label, min_age=c.min_age, max_age=c.max_age, seats=c.seats, suggested=seats[c.label],
            official_percent=float(Fraction(100) * weights[c.label] / total),
            pool_count=counts[c.label],
            pool_percent=(100 * counts[c.label] / eligible) if eligible else None,
        )
        for c in cohorts
    ]


def apply_suggestion(case):
    if case.active_draw is not None:
        raise RecruitmentError(_("Während eine Ziehung gilt, lassen sich die Kohorten nicht ändern."))
    rows = suggest(case)
    by_label = {row.label: row.suggested for row in rows}
    for cohort in case.cohorts.all():
        cohort.seats = by_label[cohort.label]
        cohort.save(update_fields=["seats"])
    return rows


def cohort_of(cohorts, age, min_age):
    if age < min_age:
        return None
    for cohort in cohorts:
        if age >= cohort.min_age and (cohort.max_age is None or age <= cohort.max_age):
            return cohort
    return None


def pool_counts(case, cohorts=None):
    """Eligible people per cohort label (age ≥ min_age and inside the cohort)."""
    cohorts = list(case.cohorts.all()) if cohorts is None else cohorts
    counts = Counter({c.label: 0 for c in cohorts})
    for age, n in case.persons.order_by().values("age").annotate(n=Count("pk")).values_list("age", "n"):
        cohort = cohort_of(cohorts, age, case.min_age)
        if cohort is not None:
            counts[cohort.label] += n
    return counts


def age_structure(case):
    """People per age in the pool ({age: count})."""
    return dict(case.persons.order_by().values("age").annotate(n=Count("pk")).values_list("age", "n"))


# --- import ------------------------------------------------------------------------------------


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
PLACEMENT_COLUMNS = ("draw_cohort", "person", "position", "invited")


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
                _delete_pool(case)
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


# --- freeze, draw, verify, void ----------------------------------------------------------------


def _pool_rows(case):
    return list(case.persons.order_by().values_list("pk", "person_key", "household_key", "sex", "age"))


def freeze(case, user=None):
    """Record the pool's fingerprint before any seed is known. Idempotent."""
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if case.is_frozen:
            return case
        keys = list(case.persons.values_list("person_key", flat=True))
        if not keys:
            raise RecruitmentError(_("Der Pool ist leer: Importieren Sie zuerst einen Registerauszug."))
        case.pool_fingerprint = pool_fingerprint(keys)
        case.frozen_at = timezone.now()
        case.save(update_fields=["pool_fingerprint", "frozen_at"])
        audit(case, ACTION_FREEZE, user, count=len(keys))
    return case


def generate_seed():
    return secrets.token_hex(16)


def check_seed(seed):
    if not seed or not seed.strip():
        raise RecruitmentError(_("Der Startwert (Seed) ist leer."))
    if any(ch in seed for ch in "\n\r\t"):
        raise RecruitmentError(_("Der Startwert darf keinen Zeilenumbruch oder Tabulator enthalten."))
    if len(seed) > 200:
        raise RecruitmentError(_("Der Startwert ist zu lang (höchstens 200 Zeichen)."))


@dataclass(frozen=True)
class SimpleCohort:
    """A cohort as plain data (for :func:`compute` outside the database)."""

    label: str
    min_age: int
    max_age: int | None
    seats: int


@dataclass
class Computed:
    pool_size: int
    pool_fingerprint: str
    ranked: dict  # label -> [person_key, ...] (all cohorts, in cohort order)
    result_fingerprint: str
    pk_of: dict  # person_key -> pk


def compute(rows, cohorts, *, seed, min_age, household_rule, sex_balance):
    """The draw as a pure function of the pool rows and the cohorts (used by draw and verify)."""
    by_cohort = {c.label: [] for c in cohorts}
    households, sexes, pk_of = {}, {}, {}
    cohort_by_age = {}
    for pk, key, household, sex, age in rows:
        pk_of[key] = pk
        if age not in cohort_by_age:
            cohort_by_age[age] = cohort_of(cohorts, age, min_age)
        cohort = cohort_by_age[age]
        if cohort is not None:
            by_cohort[cohort.label].append(key)
            if household_rule:
                households[key] = household
            if sex_balance:
                sexes[key] = sex
    ranked = draw_cohorts(
        seed, by_cohort,
        household_of=households if household_rule else None,
        sex_of=sexes if sex_balance else None,
        seats_by_cohort={c.label: c.seats for c in cohorts} if sex_balance else None,
    )
    # Cohorts without anyone are left out of the result fingerprint, as in an auditor's export.
    fingerprint = result_fingerprint({label: keys for label, keys in ranked.items() if keys})
    return Computed(len(rows), pool_fingerprint(pk_of), ranked, fingerprint, pk_of)


def draw(case, seed, seed_source, user=None, generated=False):
    """Freeze the pool (if not yet frozen), rank every cohort and store the ranked lists.

    Refused while another draw of the council is active (void it first).
    """
    check_seed(seed)
    seed_source = (seed_source or "").strip()
    if not seed_source:
        raise RecruitmentError(_("Bitte geben Sie die Herkunft des Startwerts an."))
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if case.draws.filter(voided_at__isnull=True).exists():
            raise RecruitmentError(_("Dieser Wahlkreisrat ist schon ausgelost. Eine neue Ziehung ist erst "
                                     "möglich, wenn die bisherige mit Begründung verworfen wurde."))
        cohorts = list(case.cohorts.all())
        check_cohorts(cohorts)
        if sum(c.seats for c in cohorts) != case.seats:
            raise RecruitmentError(_("Die Plätze der Kohorten (%(cohorts)d) ergeben nicht die Gesamtzahl "
                                     "(%(seats)d).") % {"cohorts": sum(c.seats for c in cohorts),
                                                        "seats": case.seats})
        rows = _pool_rows(case)
        if not rows:
            raise RecruitmentError(_("Der Pool ist leer: Importieren Sie zuerst einen Registerauszug."))
        computed = compute(rows, cohorts, seed=seed, min_age=case.min_age,
                           household_rule=case.household_rule, sex_balance=case.sex_balance)
        del rows
        now = timezone.now()
        if case.is_frozen:
            if computed.pool_fingerprint != case.pool_fingerprint:
                raise RecruitmentError(_("Der Pool hat sich seit dem Einfrieren verändert; nichts ausgelost."))
        else:
            case.frozen_at, case.pool_fingerprint = now, computed.pool_fingerprint
            case.save(update_fields=["frozen_at", "pool_fingerprint"])
            audit(case, ACTION_FREEZE, user, count=computed.pool_size)
        the_draw = Draw.objects.create(
            case=case, algorithm=ALGORITHM_VERSION, seed=seed, seed_source=seed_source[:300],
            seed_generated=generated, pool_fingerprint=computed.pool_fingerprint, pool_size=computed.pool_size,
            result_fingerprint=computed.result_fingerprint, min_age=case.min_age, ages_on=case.ages_on,
            household_rule=case.household_rule, sex_balance=case.sex_balance, frozen_at=case.frozen_at,
            drawn_at=now, drawn_by=user if getattr(user, "pk", None) else None,
        )
        for order, cohort in enumerate(cohorts):
            keys = computed.ranked[cohort.label]
            draw_cohort = DrawCohort.objects.create(
                draw=the_draw, sort_order=order, label=cohort.label, min_age=cohort.min_age,
                max_age=cohort.max_age, seats=cohort.seats, pool_size=len(keys))
            pk_of, seats = computed.pk_of, cohort.seats
            for start in range(0, len(keys), BATCH_SIZE):
                insert_rows(Placement, PLACEMENT_COLUMNS, [
                    (draw_cohort.pk, pk_of[key], position, position <= seats)
                    for position, key in enumerate(keys[start:start + BATCH_SIZE], start=start + 1)
                ])
        create_invitations(the_draw)
        audit(case, ACTION_DRAW, user, count=computed.pool_size, cohorts=len(cohorts),
              invited=sum(min(c.seats, len(computed.ranked[c.label])) for c in cohorts),
              seed_generated=generated)
        publish_protocol(case)
    return the_draw


@dataclass
class Verification:
    ok: bool
    differences: list
    draw: Draw | None = None


def verify(case, user=None):
    """Recompute the active draw from the stored pool, cohorts snapshot and seed and compare it
    with every stored fingerprint and ranked list."""
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is None:
        raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es keine gültige Ziehung."))
    if case.purged_at and not case.persons.exists():
        raise RecruitmentError(_("Die Personendaten sind gelöscht; die Ziehung lässt sich nicht mehr "
                                 "nachrechnen."))
    cohorts = list(the_draw.cohorts.all())
    rows = _pool_rows(case)
    computed = compute(rows, cohorts, seed=the_draw.seed, min_age=the_draw.min_age,
                       household_rule=the_draw.household_rule, sex_balance=the_draw.sex_balance)
    differences = []
    if the_draw.algorithm != ALGORITHM_VERSION:
        differences.append(f"algorithm {the_draw.algorithm} is not {ALGORITHM_VERSION}")
    if computed.pool_size != the_draw.pool_size:
        differences.append(f"pool size {computed.pool_size} differs from the recorded {the_draw.pool_size}")
    if computed.pool_fingerprint != the_draw.pool_fingerprint:
        differences.append("pool fingerprint differs from the recorded one")
    if case.pool_fingerprint and case.pool_fingerprint != the_draw.pool_fingerprint:
        differences.append("the frozen pool fingerprint differs from the draw's")
    if computed.result_fingerprint != the_draw.result_fingerprint:
        differences.append("result fingerprint differs from the recorded one")
    stored = {}
    for label, position, key, invited in (
        Placement.objects.filter(draw_cohort__draw=the_draw)
        .order_by("draw_cohort__sort_order", "position")
        .values_list("draw_cohort__label", "position", "person__person_key", "invited")
    ):
        stored.setdefault(label, []).append((position, key, invited))
    for cohort in cohorts:
        expected = computed.ranked[cohort.label]
        got = stored.get(cohort.label, [])
        if cohort.pool_size != len(expected):
            differences.append(f"cohort {cohort.label}: recorded pool size {cohort.pool_size}, "
                               f"recomputed {len(expected)}")
        if [key for _, key, _ in got] != expected or [p for p, _, _ in got] != list(range(1, len(got) + 1)):
            differences.append(f"cohort {cohort.label}: stored ranked list differs from the recomputed one")
        if [inv for _, _, inv in got] != [i < cohort.seats for i in range(len(got))]:
            differences.append(f"cohort {cohort.label}: invitations differ from the first {cohort.seats} places")
    audit(case, ACTION_VERIFY, user, count=computed.pool_size, ok=not differences)
    return Verification(ok=not differences, differences=differences, draw=the_draw)


def void(case, reason, user=None):
    reason = (reason or "").strip()
    if not reason:
        raise RecruitmentError(_("Bitte begründen Sie, warum die Ziehung verworfen wird."))
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        the_draw = case.draws.filter(voided_at__isnull=True).first()
        if the_draw is None:
            raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es keine gültige Ziehung."))
        the_draw.voided_at = timezone.now()
        the_draw.voided_by = user if getattr(user, "pk", None) else None
        the_draw.void_reason = reason
        the_draw.save(update_fields=["voided_at", "voided_by", "void_reason"])
        audit(case, ACTION_VOID, user, count=the_draw.pool_size, reason=reason,
              result_fingerprint=the_draw.result_fingerprint)
        publish_protocol(case)
    return the_draw


def publish_protocol(case):
    """Write the public draw protocol (no personal data) to councils.PublicRecord."""
    draws = list(case.draws.prefetch_related("cohorts").order_by("drawn_at"))
    active = next((d for d in draws if d.voided_at is None), None)
    record = PublicRecord.objects.filter(council_key=case.council_key).first()
    if active is None:
        if record is not None and record.draw_protocol:
            record.draw_protocol = {}
            record.save(update_fields=["draw_protocol"])
        return record
    if record is None:
        record = PublicRecord(council_key=case.council_key)

    def stamp(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else None

    record.draw_protocol = {
        "drawn_at": stamp(active.drawn_at),
        "frozen_at": stamp(active.frozen_at),
        "seed": active.seed,
        "seed_source": active.seed_source,
        "seed_generated": active.seed_generated,
        "algorithm": active.algorithm,
        "pool_fingerprint": active.pool_fingerprint,
        "pool_size": active.pool_size,
        "result_fingerprint": active.result_fingerprint,
        "min_age": active.min_age,
        "rules": {"household": active.household_rule, "sex_balance": active.sex_balance},
        "cohorts": [{"label": c.label, "min_age": c.min_age, "max_age": c.max_age, "pool_size": c.pool_size,
                     "seats": c.seats} for c in active.cohorts.all()],
        "voided_draws": [{"drawn_at": stamp(d.drawn_at), "voided_at": stamp(d.voided_at),
                          "result_fingerprint": d.result_fingerprint} for d in draws if d.voided_at],
    }
    record.save()
    return record


# --- export and purge --------------------------------------------------------------------------


def export_rows(case, user=None):
    """(person_key, cohort label) for every person of the pool, for ``tools/audit_draw.py``.

    The cohort is the one of the active draw, or (before a draw) the one the cohorts give; empty
    for people outside every cohort. Sorted by key, so the file does not reveal the row order.
    """
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is not None:
        cohorts = list(the_draw.cohorts.all())
        min_age = the_draw.min_age
    else:
        cohorts = list(case.cohorts.all())
        min_age = case.min_age
    rows = []
    for key, age in case.persons.order_by("person_key").values_list("person_key", "age"):
        cohort = cohort_of(cohorts, age, min_age)
        rows.append((key, cohort.label if cohort else ""))
    audit(case, ACTION_EXPORT, user, count=len(rows))
    return rows


def keep_alumni(case):
    """Copy the participants who joined the alumni network (names and the contact they gave) out of
    the personal data before it is deleted. Idempotent: one entry per council and person."""
    from .models import Alumnus

    kept = set(Alumnus.objects.filter(council_key=case.council_key).values_list("family_name", "given_names",
                                                                                 "email", "phone"))
    rows = []
    for invitation in (case.invitations.filter(status=Invitation.ACCEPTED, consent_alumni=True, no_show=False)
                       .select_related("placement__person")):
        person = invitation.person
        key = (person.family_name, person.given_names, invitation.email, invitation.phone)
        if key in kept:
            continue
        kept.add(key)
        rows.append(Alumnus(wahlkreis_id=case.wahlkreis_id, council_key=case.council_key, council_title=case.title,
                            family_name=person.family_name, given_names=person.given_names,
                            email=invitation.email, phone=invitation.phone,
                            consented_at=invitation.responded_at or timezone.now()))
    Alumnus.objects.bulk_create(rows)
    if rows:
        audit(case, ACTION_ALUMNI, None, count=len(rows))
    return len(rows)


def purge(case, user=None, reason="manual"):
    """Delete every piece of personal data of the council: pool, ranked lists, uploaded files and
    import details. Keeps the case, its cohorts, the draws' protocols and the public aggregates."""
    files = []
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        from .evaluation import publish_before_purge  # (evaluation imports this module)

        publish_before_purge(case, user)  # the public composition outlives the invitations
        count = case.persons.count()
        jobs = list(case.import_jobs.all())
        files = [job.file.name for job in jobs if job.file]
        alumni = keep_alumni(case)
        Invitation.objects.filter(case=case).delete()
        Placement.objects.filter(draw_cohort__draw__case=case).delete()
        Person.objects.filter(import_job__case=case).delete()  # rows of unfinished imports
        _delete_pool(case)
        case.import_jobs.all().delete()
        case.purged_at = timezone.now()
        fields = ["purged_at"]
        if not case.draws.filter(voided_at__isnull=True).exists():
            case.frozen_at, case.pool_fingerprint = None, ""
            fields += ["frozen_at", "pool_fingerprint"]
        case.save(update_fields=fields)
        audit(case, ACTION_PURGE, user, count=count, files=len(files), imports=len(jobs), alumni=alumni,
              reason=reason)

        def delete_files():
            storage = ImportJob._meta.get_field("file").storage
            for name in files:
                storage.delete(name)

        transaction.on_commit(delete_files)
    return count, len(files)


def _delete_pool(case):
    Invitation.objects.filter(placement__person__case=case).delete()
    Placement.objects.filter(person__case=case).delete()
    Person.objects.filter(case=case).delete()


def annotate_cases(queryset):
    """Cases with ``pool_count`` and ``is_drawn`` for listings (two subqueries, no per-row query)."""
    people = Person.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk"))
    return queryset.select_related("wahlkreis", "council").annotate(
        pool_count=Coalesce(Subquery(people.values("n")), 0),
        is_drawn=Exists(Draw.objects.filter(case=OuterRef("pk"), voided_at__isnull=True)),
    )


def has_personal_data(case):
    return case.persons.exists() or case.import_jobs.exists() or case.invitations.exists()


def expired_cases(today=None):
    today = today or timezone.localdate()
    return RecruitmentCase.objects.filter(retention_date__lt=today)


# --- invitations, responses and replacements ---------------------------------------------------


def create_invitations(the_draw):
    """An invitation for each of the first ``seats`` places of every cohort of a draw (idempotent)."""
    created = 0
    for draw_cohort in the_draw.cohorts.all():
        taken = set(draw_cohort.invitations.values_list("placement_id", flat=True))
        rows = [Invitation(case_id=the_draw.case_id, draw_cohort=draw_cohort, placement_id=pk, position=position)
                for pk, position in draw_cohort.placements.filter(position__lte=draw_cohort.seats)
                .order_by("position").values_list("pk", "position") if pk not in taken]
        Invitation.objects.bulk_create(rows)
        created += len(rows)
    return created


def ensure_invitations(case):
    """Invitations for the active draw of a case drawn before invitations existed."""
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is None:
        return 0
    with transaction.atomic():
        RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        return create_invitations(the_draw)


def active_invitations(case):
    """The invitations of the case's active draw, in list order (cohort, place)."""
    return (Invitation.objects.filter(case=case, draw_cohort__draw__voided_at__isnull=True)
            .select_related("draw_cohort", "placement__person")
            .order_by("draw_cohort__sort_order", "position"))


def fresh_codes(count):
    """``count`` new response codes (normalised) whose hashes no invitation uses yet. Never log them."""
    found = {}
    while len(found) < count:
        batch = {codes.code_hash(c): c for c in (codes.new_code() for _ in range(count - len(found)))}
        used = Invitation.objects.filter(Q(code_hash__in=batch) | Q(reminder_code_hash__in=batch))
        taken = {digest for pair in used.values_list("code_hash", "reminder_code_hash") for digest in pair}
        found.update({digest: code for digest, code in batch.items() if digest not in taken})
    return list(found.values())


def issue_code(invitation, reminder=False):
    """A new response code for the invitation: returned once (for the letter), stored hashed.

    A letter's code replaces that letter's earlier code (a reprint makes the old print useless);
    a reminder has its own code, so the first letter's code keeps working next to it.
    Never log the return value.
    """
    field = "reminder_code_hash" if reminder else "code_hash"
    (code,) = fresh_codes(1)
    digest = codes.code_hash(code)
    Invitation.objects.filter(pk=invitation.pk).update(**{field: digest})
    setattr(invitation, field, digest)
    return code


def find_open_invitation(code_text):
    """The invitation a typed code belongs to, if it may still be answered; else None.

    Unknown, malformed and already used codes all give None: the caller cannot tell them apart.
    """
    code = codes.normalise(code_text)
    if code is None:
        return None
    digest = codes.code_hash(code)
    return (Invitation.objects.filter(Q(code_hash=digest) | Q(reminder_code_hash=digest),
                                      status__in=Invitation.OPEN_STATUSES,
                                      draw_cohort__draw__voided_at__isnull=True, case__purged_at__isnull=True)
            .select_related("placement__person", "case").first())


MANAGER_STATUSES = (Invitation.PENDING, Invitation.ACCEPTED, Invitation.DECLINED, Invitation.NO_ANSWER,
                    Invitation.VISITED, Invitation.MOVED_AWAY, Invitation.UNREACHABLE)


def set_status(invitation, status, user=None, channel=""):
    """A manager records an outcome (e.g. a decline by phone, a door visit, moved away)."""
    if status not in MANAGER_STATUSES:
        raise RecruitmentError(_("Unbekannter Stand."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status == Invitation.REPLACED:
            raise RecruitmentError(_("Diese Einladung ist schon ersetzt worden."))
        previous = invitation.status
        invitation.status = status
        if channel in dict(Invitation.CHANNEL_CHOICES):
            invitation.channel = channel
        if status in (Invitation.ACCEPTED, Invitation.DECLINED) and invitation.responded_at is None:
            invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "channel", "responded_at"])
        audit(invitation.case, ACTION_INVITATION_STATUS, user, count=1, invitation=invitation.pk,
              previous=previous, status=status)
    return invitation


def replace(invitation, user=None):
    """Replace a declined, moved-away or unreachable invitee by the next place on the same cohort's
    ranked list that has no invitation yet (Nachlosen). Never a fresh random pick.

    Concurrency: the draw cohort row is locked (SELECT … FOR UPDATE; on SQLite the write lock
    serialises), so two managers replacing at once get consecutive places: nobody is invited twice
    and no place is skipped. The unique placement of an invitation guards it in the database too.
    """
    with transaction.atomic():
        draw_cohort = DrawCohort.objects.select_for_update().get(pk=invitation.draw_cohort_id)
        invitation = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        if draw_cohort.draw.voided_at is not None:
            raise RecruitmentError(_("Die Ziehung dieser Einladung ist verworfen."))
        if invitation.status == Invitation.REPLACED:
            raise RecruitmentError(_("Diese Einladung ist schon ersetzt worden."))
        if not invitation.is_replaceable:
            raise RecruitmentError(_("Ersetzt werden kann nur, wer abgesagt hat, verzogen oder nicht "
                                     "erreichbar ist."))
        nxt = (Placement.objects.filter(draw_cohort=draw_cohort, invitation__isnull=True)
               .order_by("position").values_list("pk", "position").first())
        if nxt is None:
            raise RecruitmentError(_("Die Liste dieser Kohorte ist erschöpft: Es gibt niemanden mehr, "
                                     "der nachrücken kann."))
        now = timezone.now()
        invitation.status_before_replacement = invitation.status
        invitation.status, invitation.replaced_at = Invitation.REPLACED, now
        invitation.code_hash = invitation.reminder_code_hash = None  # its codes cannot answer any more
        invitation.save(update_fields=["status", "status_before_replacement", "replaced_at", "code_hash",
                                       "reminder_code_hash"])
        new = Invitation.objects.create(case=invitation.case, draw_cohort=draw_cohort, placement_id=nxt[0],
                                        position=nxt[1], replaces=invitation, created_at=now)
        audit(invitation.case, ACTION_REPLACE, user, count=1, cohort=draw_cohort.label,
              replaced_position=invitation.position, position=new.position, reason=invitation.status_before_replacement)
    return new


RESPONSE_FIELDS = ("decline_reason", "needs_accessibility", "needs_dietary", "needs_childcare", "needs_travel",
                   "needs_language", "phone", "email", "consent_data", "consent_photo_website",
                   "consent_photo_press", "consent_photo_social", "consent_alumni")


def record_response(invitation, accepted, data, channel=Invitation.WEB, user=None):
    """An answer: the invitee's own from the public page (``channel`` web), or one the manager took
    by phone, at the door or by letter. Refused (RecruitmentError) if the invitation was answered
    or replaced in the meantime (a manager may correct an answer: ``user`` given); then nothing
    changes."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        if invitation.status == Invitation.REPLACED or (user is None and not invitation.is_open):
            raise RecruitmentError(_("Diese Einladung wurde schon beantwortet."))
        if accepted and not data.get("consent_data"):
            raise RecruitmentError(_("Ohne Einwilligung in die Datenverarbeitung ist keine Zusage möglich."))
        for name in RESPONSE_FIELDS:
            if accepted or name == "decline_reason":
                setattr(invitation, name, data.get(name, Invitation._meta.get_field(name).get_default()))
            else:
                # A decline keeps no contact data, needs or consents (also when it corrects a "yes").
                setattr(invitation, name, Invitation._meta.get_field(name).get_default())
        if accepted:
            invitation.decline_reason = ""
        invitation.status = Invitation.ACCEPTED if accepted else Invitation.DECLINED
        invitation.channel, invitation.responded_at = channel, timezone.now()
        if channel == Invitation.DOOR:
            invitation.visit_count += 1
            invitation.last_visit_at = invitation.responded_at
        invitation.save()
        audit(invitation.case, ACTION_RESPONSE, user, count=1, invitation=invitation.pk,
              status=invitation.status, channel=channel)
    return invitation
