"""The shape of a council's public record (``PublicRecord``): builders for writers, readers for pages.

The private side (``recruitment/publishing.py``) and the demo write a record only through the
builders below, with plain values; the council page and the ledger read it through the readers.
So the keys, the date formats and what may be published are defined here, once. This app never
imports ``recruitment``: the builders take numbers and strings, never private objects.

Record fields (all aggregates, never a person):

- ``draw_protocol``: :func:`draw_protocol` (``{}``: no valid draw).
- ``composition``: :func:`composition` (who came per cohort and sex, and the funnel per cohort).
- ``participant_count``: how many came (set together with the composition).
- ``evaluation``: :func:`evaluation_results` (``{}``: not published).
- ``panel``: two-stage selection, ``{"commitment": panel_commitment(...), "lottery": panel_lottery(...)}``
  (``{}``: none yet).
"""

from django.utils import timezone

from .models import PublicRecord

#: The draw algorithm the published protocols name (specified in ``recruitment/logic/ranking.py``,
#: whose ``ALGORITHM_VERSION`` a test keeps equal to this). The demo's made-up protocols use it.
DRAW_ALGORITHM = "wkr-sha256-v1"

#: Moments (drawn, frozen, voided) in local time to the minute; days (published on) as ISO dates.
MOMENT_FORMAT = "%Y-%m-%d %H:%M"


def moment(value):
    """A datetime as shown in a protocol ("2026-05-04 18:30", local time), or None."""
    return timezone.localtime(value).strftime(MOMENT_FORMAT) if value else None


def day(value):
    """A date as stored in a record ("2026-05-04"), or None."""
    return value.isoformat() if value else None


# --- builders ------------------------------------------------------------------------------------


def draw_protocol(*, drawn_at, seed, seed_source, algorithm, pool_fingerprint, result_fingerprint, cohorts,
                  pool_size=None, frozen_at=None, seed_generated=False, min_age=None, household_rule=None,
                  sex_balance=None, by_municipality=False, voided_draws=()):
    """The public protocol of the valid draw: what an outsider needs to recompute it.

    ``cohorts``: dicts with ``label``, ``pool_size``, ``seats`` and optionally ``min_age``/``max_age``;
    ``voided_draws``: dicts with ``drawn_at``, ``voided_at`` (datetimes) and ``result_fingerprint``.
    """
    return {
        "drawn_at": moment(drawn_at),
        "frozen_at": moment(frozen_at),
        "seed": seed,
        "seed_source": seed_source,
        "seed_generated": bool(seed_generated),
        "algorithm": algorithm,
        "pool_fingerprint": pool_fingerprint,
        "pool_size": pool_size,
        "result_fingerprint": result_fingerprint,
        "min_age": min_age,
        "rules": {"household": household_rule, "sex_balance": sex_balance,
                  "by_municipality": bool(by_municipality)},
        "cohorts": [{"label": c["label"], "min_age": c.get("min_age"), "max_age": c.get("max_age"),
                     "pool_size": c["pool_size"], "seats": c["seats"]} for c in cohorts],
        "voided_draws": [{"drawn_at": moment(d["drawn_at"]), "voided_at": moment(d["voided_at"]),
                          "result_fingerprint": d["result_fingerprint"]} for d in voided_draws],
    }


#: The panel algorithm the published lotteries name (``recruitment/logic/panel_data.py``).
PANEL_ALGORITHM = "wkr-panel-v1"


def panel_commitment(*, frozen_at, respondents_fingerprint, respondent_count, sizes, rules, algorithm,
                     planned_seed_source, seats, letters=None, replies=None):
    """What is published when the respondents are frozen, before any seed is known.

    ``sizes``: {feature: {value: count}} of the respondents (cells below 3 shown as "<3");
    ``rules``: {"household": bool, "method": "leximin"|"maximin"}; ``letters`` and ``replies``:
    the funnel of stage one (letters sent, answers received), None when the volunteers came as a file.
    """
    return {
        "frozen_at": moment(frozen_at),
        "respondents_fingerprint": respondents_fingerprint,
        "respondent_count": respondent_count,
        "sizes": {f: {v: (c if c >= 3 else "<3") for v, c in sorted(vals.items())} for f, vals in sorted(sizes.items())},
        "rules": dict(rules),
        "algorithm": algorithm,
        "planned_seed_source": planned_seed_source,
        "seats": seats,
        "letters": letters,
        "replies": replies,
    }


def panel_lottery(*, drawn_at, seed, seed_source, number, panel_count, distinct_panels, min_probability,
                  quotas, panels_fingerprint, quotas_fingerprint, result_fingerprint, replacements=0):
    """The public protocol of the panel lottery (``quotas``: [[feature, value, min, max], ...])."""
    return {
        "drawn_at": moment(drawn_at), "seed": seed, "seed_source": seed_source, "number": number,
        "panel_count": panel_count, "distinct_panels": distinct_panels, "min_probability": min_probability,
        "quotas": [list(q) for q in quotas], "panels_fingerprint": panels_fingerprint,
        "quotas_fingerprint": quotas_fingerprint, "result_fingerprint": result_fingerprint,
        "replacements": replacements,
    }


def composition(*, published_on, cohorts, funnel=()):
    """Who came, per cohort and sex, next to the official share; and the funnel per cohort.

    ``cohorts``: dicts with ``label``, ``official_share`` (percent or None) and ``counts``
    ({sex: n}, sex one of w, m, d, x); ``funnel``: dicts with ``label``, ``pool``, ``invited``,
    ``accepted``, ``attended``. The page suppresses small cells when it shows them.
    """
    return {
        "published_on": day(published_on),
        "cohorts": [{"label": c["label"], "official_share": c["official_share"], "counts": dict(c["counts"])}
                    for c in cohorts],
        "funnel": [{"label": f["label"], **{stage: f[stage] for stage in FUNNEL_STAGES}} for f in funnel],
    }


FUNNEL_STAGES = ("pool", "invited", "accepted", "attended")


def evaluation_results(*, published_on, min_responses, scale, roles):
    """The evaluation's aggregates per role, never a comment.

    ``scale``: the German source labels of the answers 1…n; ``roles``: dicts with ``role``,
    ``label`` (German source text), ``suppressed`` and, unless suppressed, ``n`` and ``questions``
    (dicts with ``key``, ``label``, ``n``, ``suppressed``, ``mean``, ``distribution``).
    """
    return {
        "published_on": day(published_on),
        "min_responses": min_responses,
        "scale": list(scale),
        "roles": [_role(role) for role in roles],
    }


def _role(role):
    if role["suppressed"]:
        return {"role": role["role"], "label": role["label"], "suppressed": True}
    return {"role": role["role"], "label": role["label"], "suppressed": False, "n": role["n"],
            "questions": [{k: q[k] for k in ("key", "label", "n", "suppressed", "mean", "distribution")}
                          for q in role["questions"]]}


# --- readers -------------------------------------------------------------------------------------


def for_council(council):
    """The council's record (shared by all its translations), or None."""
    return PublicRecord.for_council(council)


def for_key(council_key):
    """The record of a council by its translation key, or None."""
    return PublicRecord.objects.filter(council_key=council_key).first()
