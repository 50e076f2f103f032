"""Two-stage selection, stage one: plan the sample of letters (cohort seats in proportion to the
register), and turn the yes-answers with their features into the panel's volunteers, so no CSV is
needed. The letters, codes and the response page are the ones of a one-stage council; the method
is in ``recruitment.logic.stage_one``.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..logic import stage_one, strata
from ..models import Invitation, Person, RecruitmentCase, Respondent
from .audit import ACTION_RESPONDENTS_IMPORT, ACTION_SAMPLE_PLAN, RecruitmentError, audit
from .cases import check_cohorts, pool_counts

CONFIG_MESSAGES = {
    "shape": _("Selbstauskunft, Zeile %(line)s: bitte „Merkmal: Wert; Wert; …“ mit mindestens zwei Werten."),
    "name": _("Selbstauskunft, Zeile %(line)s: der Name fehlt, steht doppelt, ist „Alter“ oder „Geschlecht“ "
              "oder enthält Komma oder Gleichheitszeichen."),
    "values": _("Selbstauskunft, Zeile %(line)s: ein Wert steht doppelt."),
}


def feature_config(case):
    """The self-described features of the case, or RecruitmentError with the line at fault."""
    try:
        return stage_one.parse_features(case.panel_features)
    except stage_one.ConfigError as exc:
        raise RecruitmentError(CONFIG_MESSAGES[exc.code] % {"line": exc.line}) from None


def plan_sample(case, size, user=None, by_municipality=False):
    """Set the sample size and the cohorts' seats (letters) in proportion to the eligible pool;
    ``by_municipality``: the draw spreads each cohort's letters over the municipalities too."""
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if not case.two_stage:
            raise RecruitmentError(_("Dieser Wahlkreisrat ist nicht zweistufig."))
        if case.draws.filter(voided_at__isnull=True).exists():
            raise RecruitmentError(_("Die Stichprobe ist schon gezogen; verwerfen Sie die Ziehung, um sie zu ändern."))
        cohorts = list(case.cohorts.all())
        check_cohorts(cohorts)
        eligible = pool_counts(case, cohorts)
        total = sum(eligible.values())
        if not total:
            raise RecruitmentError(_("Es gibt noch keinen Pool: Importieren Sie zuerst den Registerauszug."))
        if not 1 <= size <= total:
            raise RecruitmentError(_("Die Stichprobe muss zwischen 1 und %(total)s Menschen umfassen (so viele "
                                     "sind im Pool auslosbar).") % {"total": total})
        seats = stage_one.sample_seats(size, {c.label: eligible[c.label] for c in cohorts})
        for cohort in cohorts:
            cohort.seats = seats[cohort.label]
            cohort.save(update_fields=["seats"])
        case.sample_size = sum(seats.values())
        case.sample_by_municipality = bool(by_municipality)
        case.save(update_fields=["sample_size", "sample_by_municipality"])
        audit(case, ACTION_SAMPLE_PLAN, user, count=case.sample_size, by_municipality=case.sample_by_municipality)
    return seats


def stratified(case):
    """Whether a draw of the case now would spread the letters over the municipalities."""
    return bool(case.two_stage and case.sample_by_municipality)


def municipality_of(case):
    """person_key -> municipality of everyone in the pool (for ``logic.strata.invited_flags``)."""
    return {key: strata.municipality(town) for key, town in
            Person.objects.filter(case=case).values_list("person_key", "town").iterator(chunk_size=5000)}


def accepted_volunteers(case):
    """(respondent rows, skipped count) from the yes-answers of the active draw that gave every
    configured feature and consented to their use."""
    config = feature_config(case)
    rows, skipped = [], 0
    answers = (Invitation.objects.filter(case=case, status=Invitation.ACCEPTED,
                                         draw_cohort__draw__voided_at__isnull=True)
               .select_related("draw_cohort", "placement__person").order_by("pk"))
    for invitation in answers:
        person = invitation.placement.person
        features = stage_one.features_of(invitation.draw_cohort.label, person.sex,
                                         invitation.panel_features or {}, config)
        if features is None or not invitation.consent_panel:
            skipped += 1
            continue
        rows.append(Respondent(case=case, respondent_id=stage_one.respondent_id(person.person_key),
                               features=features, household=person.household_key, invitation=invitation))
    # Households as numbers in id order: the exports never carry the address hash.
    numbers = {}
    for row in sorted(rows, key=lambda r: r.respondent_id):
        row.household = numbers.setdefault(row.household, f"h{len(numbers) + 1}") if row.household else ""
    return rows, skipped


def respondents_from_answers(case, user=None):
    """Replace the case's volunteers with the yes-answers (until frozen). Returns (count, skipped)."""
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if case.respondents_frozen_at:
            raise RecruitmentError(_("Die Rückmeldungen sind eingefroren; eine neue Übernahme ist nicht möglich."))
        rows, skipped = accepted_volunteers(case)
        if not rows:
            raise RecruitmentError(_("Es gibt noch keine Zusagen mit vollständigen Angaben und Einwilligung."))
        case.respondents.all().delete()
        Respondent.objects.bulk_create(rows, batch_size=1000)
        audit(case, ACTION_RESPONDENTS_IMPORT, user, count=len(rows), skipped=skipped, source="answers")
    return len(rows), skipped
