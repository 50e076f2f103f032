"""Step 3: freeze the pool, draw every cohort's ranked list, verify it, void it; the auditor's export.

The ranking itself is specified in ``recruitment.logic.ranking``; :func:`compute` is the draw as a
pure function of the pool rows and the cohorts, shared by :func:`draw` and :func:`verify`. Every
draw and void rewrites the public protocol (``recruitment.publishing``).
"""

import secrets
from dataclasses import dataclass
from itertools import chain, repeat

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import publishing
from ..logic.ranking import ALGORITHM_VERSION, draw_cohorts, pool_fingerprint, result_fingerprint
from ..logic.strata import invited_flags, municipality
from ..models import Draw, DrawCohort, Person, Placement, RecruitmentCase
from .audit import (
    ACTION_DRAW,
    ACTION_EXPORT,
    ACTION_FREEZE,
    ACTION_VERIFY,
    ACTION_VOID,
    RecruitmentError,
    audit,
)
from .cases import check_cohorts, cohort_of
from .imports import BATCH_SIZE, insert_rows
from .invitations import create_invitations
from .stage_one import municipality_of, stratified

PLACEMENT_COLUMNS = ("draw_cohort", "person", "position", "invited")


def _select(model, fields, where, params, hint=""):
    """Rows of plain values by raw SQL and one fetchall: for 250,000 rows a fraction of the ORM's
    time (no chunked fetching, no per-row conversion; the fields given need none)."""
    quote, meta = connection.ops.quote_name, model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    conditions = " AND ".join(f"{quote(meta.get_field(name).column)} {op}" for name, op in where)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(meta.db_table)}{hint} WHERE {conditions}", params)
        return cursor.fetchall()


def _pool_rows(case):
    """(pk, person_key, household_key, sex, age) of everyone in the pool, in no particular order.

    On SQLite a table scan (NOT INDEXED): the (case, person_key) index would return the rows in
    key order, each looked up in the table at random, three times slower for a pool that is most
    of the table (it is: pools are purged after their council).
    """
    hint = " NOT INDEXED" if connection.vendor == "sqlite" else ""
    return _select(Person, ("id", "person_key", "household_key", "sex", "age"), [("case", "= %s")], [case.pk],
                   hint)


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


def _store_places(draw_cohort, keys, pk_of, marked=None):
    """One placement per ranked person; invited are the first ``seats`` or, for a draw stratified
    by municipality, the places ``marked`` flags. The rows are assembled by zip in C: for
    213,000 places a Python loop building tuples cost a tenth of the draw."""
    pks = list(map(pk_of.__getitem__, keys))
    for start in range(0, len(pks), BATCH_SIZE):
        chunk = pks[start:start + BATCH_SIZE]
        if marked is None:
            invited = max(0, min(draw_cohort.seats - start, len(chunk)))
            flags = chain(repeat(True, invited), repeat(False, len(chunk) - invited))
        else:
            flags = marked[start:start + len(chunk)]
        insert_rows(Placement, PLACEMENT_COLUMNS, list(zip(
            repeat(draw_cohort.pk), chunk, range(start + 1, start + len(chunk) + 1), flags)))


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
        if sum(c.seats for c in cohorts) != case.letter_seats:
            raise RecruitmentError(_("Die Plätze der Kohorten (%(cohorts)d) ergeben nicht die Gesamtzahl "
                                     "(%(seats)d).") % {"cohorts": sum(c.seats for c in cohorts),
                                                        "seats": case.letter_seats})
        rows = _pool_rows(case)
        if not rows:
            raise RecruitmentError(_("Der Pool ist leer: Importieren Sie zuerst einen Registerauszug."))
        computed = compute(rows, cohorts, seed=seed, min_age=case.min_age,
                           household_rule=case.household_rule, sex_balance=case.sex_balance)
        del rows
        towns = municipality_of(case) if stratified(case) else None
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
            household_rule=case.household_rule, sex_balance=case.sex_balance, by_municipality=towns is not None,
            frozen_at=case.frozen_at,
            drawn_at=now, drawn_by=user if getattr(user, "pk", None) else None,
        )
        for order, cohort in enumerate(cohorts):
            keys = computed.ranked[cohort.label]
            draw_cohort = DrawCohort.objects.create(
                draw=the_draw, sort_order=order, label=cohort.label, min_age=cohort.min_age,
                max_age=cohort.max_age, seats=cohort.seats, pool_size=len(keys))
            _store_places(draw_cohort, keys, computed.pk_of,
                          invited_flags(keys, cohort.seats, towns) if towns is not None else None)
        create_invitations(the_draw)
        audit(case, ACTION_DRAW, user, count=computed.pool_size, cohorts=len(cohorts),
              invited=sum(min(c.seats, len(computed.ranked[c.label])) for c in cohorts),
              seed_generated=generated)
        publishing.publish_protocol(case)
    return the_draw


def _stored_places(draw_cohort):
    """The stored list of a draw cohort: person ids in place order, (count, first, last place) and
    the invited places. Three queries the database answers from the (draw cohort, place) index,
    so no Python loop runs over the places (places are unique per draw cohort: count, first and
    last tell whether they run 1, 2, … without a gap)."""
    quote, meta = connection.ops.quote_name, Placement._meta
    table = quote(meta.db_table)
    cohort_id, person, position, invited = (quote(meta.get_field(name).column)
                                            for name in ("draw_cohort", "person", "position", "invited"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {person} FROM {table} WHERE {cohort_id} = %s ORDER BY {position}",
                       [draw_cohort.pk])
        people = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COUNT(*), MIN({position}), MAX({position}) FROM {table} WHERE {cohort_id} = %s",
                       [draw_cohort.pk])
        bounds = cursor.fetchone()
        cursor.execute(f"SELECT {position} FROM {table} WHERE {cohort_id} = %s AND {invited} = %s "
                       f"ORDER BY {position}", [draw_cohort.pk, True])
        invited_places = [row[0] for row in cursor.fetchall()]
    return people, bounds, invited_places


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
    towns = municipality_of(case) if the_draw.by_municipality else None
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
    pk_of = computed.pk_of
    for cohort in cohorts:
        expected = computed.ranked[cohort.label]
        people, (count, first, last), invited = _stored_places(cohort)
        if cohort.pool_size != len(expected):
            differences.append(f"cohort {cohort.label}: recorded pool size {cohort.pool_size}, "
                               f"recomputed {len(expected)}")
        # Person ids stand for person keys (one each in the pool), so equal ids mean equal keys.
        if people != [pk_of[key] for key in expected] or (count and (first, last) != (1, count)):
            differences.append(f"cohort {cohort.label}: stored ranked list differs from the recomputed one")
        if towns is None:
            rule = list(range(1, min(cohort.seats, count) + 1))
        else:
            rule = [place for place, flag in enumerate(invited_flags(expected, cohort.seats, towns), 1) if flag]
        if invited != rule:
            differences.append(f"cohort {cohort.label}: invitations differ from the rule for {cohort.seats} letters")
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
        publishing.publish_protocol(case)
    return the_draw


def export_rows(case, user=None):
    """(person_key, cohort label, household, sex, municipality) for every person of the pool, for
    ``tools/audit_draw.py`` (its ``--household``, ``--sex-balance`` and ``--municipality`` need the
    last three). The municipality only when the letters are stratified by it, else empty.

    The cohort is the one of the active draw, or (before a draw) the one the cohorts give; empty
    for people outside every cohort. Sorted by key, so the file does not reveal the row order.
    The household is a number per export (``h1``, ``h2``, … in key order), not the address hash,
    which a dictionary of the constituency's addresses could reverse; empty = own household.
    """
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is not None:
        cohorts = list(the_draw.cohorts.all())
        min_age, by_town = the_draw.min_age, the_draw.by_municipality
    else:
        cohorts = list(case.cohorts.all())
        min_age, by_town = case.min_age, stratified(case)
    rows, households = [], {}
    for key, age, home, sex, town in case.persons.order_by("person_key").values_list(
            "person_key", "age", "household_key", "sex", "town"):
        cohort = cohort_of(cohorts, age, min_age)
        label = households.setdefault(home, f"h{len(households) + 1}") if home else ""
        rows.append((key, cohort.label if cohort else "", label, sex, municipality(town) if by_town else ""))
    audit(case, ACTION_EXPORT, user, count=len(rows))
    return rows
