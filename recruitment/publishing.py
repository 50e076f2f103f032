"""The one door from the private side to the public one: everything ``recruitment`` publishes.

Only this module writes ``councils.PublicRecord``, and only with the builders of
``councils.records`` (which own the record's shape). What leaves the private side is visible here
in one place: the draw protocol (seed, fingerprints, counts per cohort), the composition and funnel
(counts per cohort and sex), and the evaluation's aggregates (never a comment). No names, no
addresses, no person keys.

The callers (``services.draw``, ``services.evaluation``) decide *when* to publish and write the
audit entries; this module decides *what* is published. It imports no other recruitment module
but the models, so every service can call it without an import circle.
"""

from django.utils import timezone

from councils import records
from councils.models import PublicRecord


def record_of(case):
    """The public record of the case's council, or None (for the admin's "published on ..." lines)."""
    return records.for_key(case.council_key)


def _get_or_create(case):
    record, _created = PublicRecord.objects.get_or_create(council_key=case.council_key)
    return record


# --- the draw protocol ---------------------------------------------------------------------------


def publish_protocol(case):
    """Write the protocol of the case's valid draw (with its voided predecessors), or clear it when
    no draw is valid. Called after every draw and every void."""
    draws = list(case.draws.prefetch_related("cohorts").order_by("drawn_at"))
    active = next((d for d in draws if d.voided_at is None), None)
    record = record_of(case)
    if active is None:
        if record is not None and record.draw_protocol:
            record.draw_protocol = {}
            record.save(update_fields=["draw_protocol"])
        return record
    if record is None:
        record = PublicRecord(council_key=case.council_key)
    record.draw_protocol = records.draw_protocol(
        drawn_at=active.drawn_at, frozen_at=active.frozen_at, seed=active.seed,
        seed_source=active.seed_source, seed_generated=active.seed_generated, algorithm=active.algorithm,
        pool_fingerprint=active.pool_fingerprint, pool_size=active.pool_size,
        result_fingerprint=active.result_fingerprint, min_age=active.min_age,
        household_rule=active.household_rule, sex_balance=active.sex_balance,
        by_municipality=active.by_municipality,
        cohorts=[{"label": c.label, "min_age": c.min_age, "max_age": c.max_age, "pool_size": c.pool_size,
                  "seats": c.seats} for c in active.cohorts.all()],
        voided_draws=[{"drawn_at": d.drawn_at, "voided_at": d.voided_at,
                       "result_fingerprint": d.result_fingerprint} for d in draws if d.voided_at],
    )
    record.save()
    return record


# --- composition and funnel ----------------------------------------------------------------------


def publish_composition(case, cohorts, attended):
    """Write who came and the funnel totals per cohort, and the number of participants.

    ``cohorts``: per draw cohort ``label``, ``official_share`` and ``stages`` as counted by
    ``services.evaluation.funnel`` (``{stage: {"by_sex": {...}, "total": n}}``). Only the attended
    counts by sex and the totals per stage leave this function.
    """
    record = _get_or_create(case)
    record.composition = records.composition(
        published_on=timezone.localdate(),
        cohorts=[{"label": row["label"], "official_share": row["official_share"],
                  "counts": row["stages"]["attended"]["by_sex"]} for row in cohorts],
        funnel=[{"label": row["label"],
                 **{stage: row["stages"][stage]["total"] for stage in records.FUNNEL_STAGES}} for row in cohorts],
    )
    record.participant_count = attended
    record.save(update_fields=["composition", "participant_count"])
    return record


# --- evaluation results --------------------------------------------------------------------------


def publish_evaluation(case, roles, min_responses, scale):
    """Write the evaluation's aggregates per role (as ``services.evaluation.aggregate`` gives them):
    the comments stay private, a suppressed role is published as suppressed only."""
    record = _get_or_create(case)
    record.evaluation = records.evaluation_results(
        published_on=timezone.localdate(), min_responses=min_responses, scale=scale, roles=roles)
    record.save(update_fields=["evaluation"])
    return record


def unpublish_evaluation(case):
    """Take the evaluation's results off the council page (the record's other fields stay)."""
    record = record_of(case)
    if record is not None and record.evaluation:
        record.evaluation = {}
        record.save(update_fields=["evaluation"])
    return record


# --- two-stage selection -------------------------------------------------------------------------


def publish_panel_commitment(case, *, sizes, respondent_count, method, seats, letters=None, replies=None):
    """The commitment before the seed: fingerprint, sizes per feature value, rules, algorithm, the
    planned seed source and stage one's funnel (letters, replies), timestamped
    (``case.respondents_frozen_at``)."""
    record = record_of(case) or PublicRecord(council_key=case.council_key)
    record.panel = {"commitment": records.panel_commitment(
        frozen_at=case.respondents_frozen_at, respondents_fingerprint=case.respondents_fingerprint,
        respondent_count=respondent_count, sizes=sizes, rules={"household": case.household_rule, "method": method},
        algorithm=records.PANEL_ALGORITHM, planned_seed_source=case.planned_seed_source, seats=seats,
        letters=letters, replies=replies)}
    record.save()
    return record


def publish_panel_lottery(case, selection):
    """The lottery's protocol next to the commitment (``None`` clears it)."""
    record = record_of(case) or PublicRecord(council_key=case.council_key)
    panel = dict(record.panel or {})
    if selection is None:
        panel.pop("lottery", None)
    else:
        panel["lottery"] = records.panel_lottery(
            drawn_at=selection.drawn_at, seed=selection.seed, seed_source=selection.seed_source,
            number=selection.number, panel_count=selection.panel_count,
            distinct_panels=selection.distinct_panels, min_probability=selection.min_probability,
            quotas=selection.quotas, panels_fingerprint=selection.panels_fingerprint,
            quotas_fingerprint=selection.quotas_fingerprint, result_fingerprint=selection.result_fingerprint,
            replacements=len(selection.replacements))
    record.panel = panel
    record.save()
    return record
