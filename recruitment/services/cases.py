"""Step 1: a council's case, its age cohorts and the seat suggestion from the official age structure."""

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from councils.models import CouncilPage

from ..logic.apportion import largest_remainder, restrict_bands
from ..models import Cohort, Draw, Person, RecruitmentCase
from .audit import RecruitmentError

#: Upper age bounds of the default cohorts (the last one is open): about 4–9 seats each of 35.
DEFAULT_COHORT_UPPER_BOUNDS = (24, 34, 44, 59, 74)


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
    for a, b in zip(ordered, ordered[1:], strict=False):
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


# --- listings -----------------------------------------------------------------------------------


def annotate_cases(queryset):
    """Cases with ``pool_count`` and ``is_drawn`` for listings (two subqueries, no per-row query)."""
    people = Person.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk"))
    return queryset.select_related("wahlkreis", "council").annotate(
        pool_count=Coalesce(Subquery(people.values("n")), 0),
        is_drawn=Exists(Draw.objects.filter(case=OuterRef("pk"), voided_at__isnull=True)),
    )


def has_personal_data(case):
    return (case.persons.exists() or case.import_jobs.exists() or case.invitations.exists()
            or case.evaluation_responses.exclude(comment="").exists())
