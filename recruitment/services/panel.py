"""Two-stage selection, stage two: import the volunteers, freeze them (the public commitment), draw
the panel by a fair lottery over equally likely panels, verify it, replace dropouts, export.

The method is specified in ``recruitment.logic.panel_data``, ``panel_solver`` and ``panel_lottery``;
:func:`recruitment.logic.panel.select` is the pure function that :func:`select` and :func:`verify`
share. Every access to the respondents writes an audit entry with counts only.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import publishing
from ..logic import panel as panel_logic
from ..logic.panel_data import (
    ALGORITHM_VERSION,
    PanelInputError,
    Quota,
    check_features,
    parse_quotas,
    parse_respondents,
    quotas_csv,
    respondents_fingerprint,
)
from ..logic.panel_data import Respondent as PlainRespondent
from ..logic.panel_lottery import replacement as find_replacement
from ..models import Invitation, PanelSelection, RecruitmentCase, Respondent
from .audit import (
    ACTION_PANEL_EXPORT,
    ACTION_PANEL_QUOTAS,
    ACTION_PANEL_REPLACE,
    ACTION_PANEL_SELECT,
    ACTION_PANEL_VERIFY,
    ACTION_RESPONDENTS_FREEZE,
    ACTION_RESPONDENTS_IMPORT,
    RecruitmentError,
    audit,
)
from .draw import check_seed

MESSAGES = {
    "quotas_empty": _("Die Quotendatei ist leer."),
    "quotas_header": _("Die Quotendatei braucht die Spalten feature,value,min,max (oder category,name,min,max)."),
    "quotas_number": _("Quotendatei, Zeile %(line)s: min und max müssen ganze Zahlen sein."),
    "quotas_blank": _("Quotendatei, Zeile %(line)s: Merkmal und Wert dürfen nicht leer sein."),
    "quotas_range": _("Quotendatei, Zeile %(line)s: es muss 0 ≤ min ≤ max gelten."),
    "quotas_twice": _("Quotendatei, Zeile %(line)s: dieser Wert steht doppelt in der Datei."),
    "respondents_empty": _("Die Datei der Rückmeldungen ist leer."),
    "respondents_header": _("Die Datei der Rückmeldungen braucht eine Spalte id und eindeutige Spaltennamen."),
    "respondents_id": _("Rückmeldungen, Zeile %(line)s: die Kennung ist leer oder enthält Komma, Tab oder "
                        "Zeilenumbruch."),
    "respondents_twice": _("Rückmeldungen, Zeile %(line)s: diese Kennung steht doppelt in der Datei."),
    "feature_missing": _("Den Rückmeldungen fehlt die Spalte „%(feature)s“, für die es Quoten gibt."),
    "value_without_quota": _("Für %(feature)s = „%(value)s“ gibt es keine Quotenzeile."),
    "too_few": _("Es gibt nur %(count)s Rückmeldungen für %(seats)s Plätze."),
    "seed": _("Der Startwert darf keinen Zeilenumbruch oder Tabulator enthalten."),
    "panels": _("Die Anzahl der Panels muss mindestens 1 sein."),
    "solver_limit": _("Die Berechnung hat ihr Schrittlimit erreicht, bevor eine faire Verteilung feststand; "
                      "nichts wurde gespeichert. Bitte wählen Sie MAXIMIN oder lockern Sie die Quoten."),
}


def error_message(exc: PanelInputError):
    """One German line for a refused input, naming the quotas to relax when they conflict."""
    if exc.code == "infeasible":
        changes = exc.params.get("changes") or []
        if not changes:
            return str(_("Kein Panel erfüllt die Quoten, und auch gelockerte Quoten helfen nicht."))
        parts = [f"{q.feature}={q.value} {q.min}–{q.max} → {low}–{high}" for q, low, high in changes]
        return str(_("Kein Panel erfüllt alle Quoten. Diese Quoten widersprechen sich; die kleinste Lockerung "
                     "wäre: %(changes)s.") % {"changes": "; ".join(parts)})
    template = MESSAGES.get(exc.code)
    return str(template % exc.params) if template else str(exc)


def plain_respondents(case):
    return [PlainRespondent(r.respondent_id, dict(r.features), r.household)
            for r in case.respondents.order_by("respondent_id")]


def import_respondents(case, text, user=None):
    """Replace the case's volunteers with those of the CSV text (all or nothing)."""
    try:
        rows = parse_respondents(text)
    except PanelInputError as exc:
        raise RecruitmentError(error_message(exc)) from None
    if any(ch in r.id for r in rows for ch in ",\t\n\r"):
        raise RecruitmentError(error_message(PanelInputError("respondents_id", "", line="?")))
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if case.respondents_frozen_at:
            raise RecruitmentError(_("Die Rückmeldungen sind eingefroren; ein neuer Import ist nicht möglich."))
        case.respondents.all().delete()
        Respondent.objects.bulk_create(
            [Respondent(case=case, respondent_id=r.id, features=r.features, household=r.household) for r in rows],
            batch_size=1000)
        audit(case, ACTION_RESPONDENTS_IMPORT, user, count=len(rows))
    return len(rows)


def freeze(case, user=None, method="leximin"):
    """Freeze the volunteers and publish the commitment before any seed is known. Idempotent."""
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if case.respondents_frozen_at:
            return case
        people = plain_respondents(case)
        if not people:
            raise RecruitmentError(_("Es gibt noch keine Rückmeldungen: Importieren Sie sie zuerst."))
        case.respondents_fingerprint = respondents_fingerprint(people)
        case.respondents_frozen_at = timezone.now()
        case.save(update_fields=["respondents_fingerprint", "respondents_frozen_at"])
        sizes = {}
        for feature in sorted({f for r in people for f in r.features}):
            sizes[feature] = dict(Counter(r.features.get(feature, "") for r in people))
        letters, replies = stage_one_funnel(case)
        publishing.publish_panel_commitment(case, sizes=sizes, respondent_count=len(people), method=method,
                                            seats=case.seats, letters=letters, replies=replies)
        audit(case, ACTION_RESPONDENTS_FREEZE, user, count=len(people))
    return case


def save_quotas(case, text, user=None):
    """Store the case's quotas (canonical CSV) for the lottery; refused once the panel is drawn, or
    when the volunteers already imported lack a quota's feature or value. Returns the quotas."""
    try:
        quotas = parse_quotas(text)
        people = plain_respondents(case)
        if people:
            check_features(people, quotas)
    except PanelInputError as exc:
        raise RecruitmentError(error_message(exc)) from None
    for feature in sorted({q.feature for q in quotas}):
        rows = [q for q in quotas if q.feature == feature]
        if sum(q.min for q in rows) > case.seats or sum(q.max for q in rows) < case.seats:
            raise RecruitmentError(
                _("Die Quoten für „%(feature)s“ passen nicht zu %(seats)s Plätzen: Die Mindestwerte ergeben "
                  "zusammen %(low)s, die Höchstwerte %(high)s.")
                % {"feature": feature, "seats": case.seats, "low": sum(q.min for q in rows),
                   "high": sum(q.max for q in rows)})
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        if active_selection(case):
            raise RecruitmentError(_("Das Panel ist schon ausgelost; die Quoten lassen sich nicht mehr ändern."))
        case.panel_quotas = quotas_csv(quotas)
        case.save(update_fields=["panel_quotas"])
        audit(case, ACTION_PANEL_QUOTAS, user, count=len(quotas))
    return quotas


def quota_rows(case):
    """The stored quotas of the case, for display (empty list if none)."""
    return parse_quotas(case.panel_quotas) if case.panel_quotas else []


def stage_one_funnel(case):
    """(letters, replies) of stage one when the volunteers came from the answers, else (None, None)."""
    if not case.respondents.filter(invitation__isnull=False).exists():
        return None, None
    answers = Invitation.objects.filter(case=case, draw_cohort__draw__voided_at__isnull=True)
    return (answers.exclude(letter_sent_at=None).count(),
            answers.filter(status__in=(Invitation.ACCEPTED, Invitation.DECLINED)).count())


def _quota_rows(quotas):
    return [[q.feature, q.value, q.min, q.max] for q in sorted(quotas)]


def select(case, quotas_text, seed, seed_source="", *, panels=panel_logic.DEFAULT_PANELS, method="leximin",
           user=None):
    """Freeze (if not yet), compute the equally likely panels, draw one with the seed, store it."""
    check_seed(seed)
    try:
        quotas = parse_quotas(quotas_text)
    except PanelInputError as exc:
        raise RecruitmentError(error_message(exc)) from None
    if case.panel_selections.filter(voided_at__isnull=True).exists():
        raise RecruitmentError(_("Für diesen Wahlkreisrat ist das Panel schon ausgelost."))
    people = plain_respondents(case)
    if not people:
        raise RecruitmentError(_("Es gibt noch keine Rückmeldungen: Importieren Sie sie zuerst."))
    try:
        result = panel_logic.select(people, quotas, case.seats, seed, panels=panels, method=method,
                                    household_rule=case.household_rule)
    except PanelInputError as exc:
        raise RecruitmentError(error_message(exc)) from None
    case = freeze(case, user, method)
    if case.respondents_fingerprint != result.respondents_fingerprint:
        raise RecruitmentError(_("Die Rückmeldungen haben sich seit dem Einfrieren verändert; nichts ausgelost."))
    with transaction.atomic():
        selection = PanelSelection.objects.create(
            case=case, algorithm=result.algorithm, method=method, seed=seed, seed_source=(seed_source or "")[:300],
            seats=case.seats, panel_count=panels, household_rule=case.household_rule, quotas=_quota_rows(quotas),
            respondent_count=len(people), respondents_fingerprint=result.respondents_fingerprint,
            quotas_fingerprint=result.quotas_fingerprint, panels_fingerprint=result.panels_fingerprint,
            result_fingerprint=result.result_fingerprint, panels=[list(p) for p in result.panels],
            number=result.number, chosen=list(result.chosen),
            min_probability=f"{result.min_probability.numerator}/{result.min_probability.denominator}",
            distinct_panels=result.distinct_panels, frozen_at=case.respondents_frozen_at,
            drawn_by=user if getattr(user, "pk", None) else None)
        audit(case, ACTION_PANEL_SELECT, user, count=len(people), panels=panels, number=result.number)
        publishing.publish_panel_lottery(case, selection)
    selection.result = result
    return selection


@dataclass
class Verification:
    ok: bool
    differences: list
    selection: PanelSelection | None = None


def active_selection(case):
    return case.panel_selections.filter(voided_at__isnull=True).first()


def verify(case, user=None):
    """Recompute the active lottery from the stored respondents, quotas and seed."""
    selection = active_selection(case)
    if selection is None:
        raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es keine Panel-Losung."))
    people = plain_respondents(case)
    if not people:
        raise RecruitmentError(_("Die Rückmeldungen sind gelöscht; die Losung lässt sich nicht mehr nachrechnen."))
    quotas = [Quota(f, v, lo, hi) for f, v, lo, hi in selection.quotas]
    differences = []
    if selection.algorithm != ALGORITHM_VERSION:
        differences.append(f"algorithm {selection.algorithm} is not {ALGORITHM_VERSION}")
    try:
        result = panel_logic.select(people, quotas, selection.seats, selection.seed, panels=selection.panel_count,
                                    method=selection.method, household_rule=selection.household_rule)
    except PanelInputError as exc:
        differences.append(f"recomputation refused: {exc}")
        result = None
    if result is not None:
        for name in ("respondents_fingerprint", "quotas_fingerprint", "panels_fingerprint", "result_fingerprint",
                     "number", "distinct_panels"):
            if getattr(result, name) != getattr(selection, name):
                differences.append(f"{name} differs from the recorded one")
        if [list(p) for p in result.panels] != selection.panels:
            differences.append("the stored panel list differs from the recomputed one")
        if list(result.chosen) != selection.chosen:
            differences.append("the drawn panel differs from the recomputed one")
    if case.respondents_fingerprint != selection.respondents_fingerprint:
        differences.append("the frozen respondents fingerprint differs from the lottery's")
    audit(case, ACTION_PANEL_VERIFY, user, count=len(people), ok=not differences)
    return Verification(not differences, differences, selection)


def replace(case, dropout_id, user=None):
    """Give a dropout's seat to the best-fitting volunteer that keeps all quotas (logged, public count)."""
    with transaction.atomic():
        selection = case.panel_selections.select_for_update().filter(voided_at__isnull=True).first()
        if selection is None:
            raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es keine Panel-Losung."))
        current = current_panel(selection)
        if dropout_id not in current:
            raise RecruitmentError(_("Diese Kennung sitzt nicht im Panel."))
        quotas = [Quota(f, v, lo, hi) for f, v, lo, hi in selection.quotas]
        gone = [r["dropout"] for r in selection.replacements]
        taker = find_replacement(current, dropout_id, plain_respondents(case), quotas, selection.seats,
                                 selection.seed, household_rule=selection.household_rule,
                                 excluded=gone + [dropout_id])
        if taker is None:
            raise RecruitmentError(_("Niemand kann diesen Platz einnehmen, ohne eine Quote zu verletzen."))
        selection.replacements = [*selection.replacements, {"dropout": dropout_id, "replacement": taker,
                                                           "at": timezone.now().isoformat(timespec="seconds")}]
        selection.save(update_fields=["replacements"])
        audit(case, ACTION_PANEL_REPLACE, user, count=1, replacements=len(selection.replacements))
        publishing.publish_panel_lottery(case, selection)
    return taker


def current_panel(selection):
    panel = list(selection.chosen)
    for r in selection.replacements:
        panel = [r["replacement"] if i == r["dropout"] else i for i in panel]
    return sorted(panel)


def panel_csv(selection, user=None):
    """The ids of the current panel (drawn panel with replacements), one per line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id"])
    panel = current_panel(selection)
    writer.writerows([i] for i in panel)
    audit(selection.case, ACTION_PANEL_EXPORT, user, count=len(panel), what="panel")
    return out.getvalue()


def panel_contacts_csv(selection, user=None):
    """The current panel with names and contacts, for volunteers who came from stage one's answers
    (a CSV import has none: its ids stay pseudonymous). Personal data: logged with the count."""
    panel = current_panel(selection)
    people = (selection.case.respondents.filter(respondent_id__in=panel, invitation__isnull=False)
              .select_related("invitation__placement__person").order_by("respondent_id"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "given_names", "family_name", "street", "house_number", "postcode", "town", "phone",
                     "email"])
    rows = 0
    for r in people:
        inv, p = r.invitation, r.invitation.placement.person
        writer.writerow([r.respondent_id, *(_cell(v) for v in (p.given_names, p.family_name, p.street,
                                                                 p.house_number, p.postcode, p.town, inv.phone,
                                                                 inv.email))])
        rows += 1
    audit(selection.case, ACTION_PANEL_EXPORT, user, count=rows, what="contacts")
    return out.getvalue()


def _cell(text):
    # A spreadsheet would run a cell starting with = + - @ as a formula.
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def panel_list_csv(selection, user=None):
    """The published list of equally likely panels: ``number,ids`` (ids joined by spaces)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["number", "ids"])
    for number, ids in enumerate(selection.panels, start=1):
        writer.writerow([number, " ".join(ids)])
    audit(selection.case, ACTION_PANEL_EXPORT, user, count=selection.respondent_count, what="panel_list")
    return out.getvalue()


def probabilities_csv(selection, user=None):
    """Every respondent's chance of selection (panels listing them / N), by pseudonymous id."""
    seen = Counter(i for listed in selection.panels for i in listed)
    ids = sorted(selection.case.respondents.values_list("respondent_id", flat=True))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "panels", "probability"])
    for i in ids:
        writer.writerow([i, seen.get(i, 0), f"{seen.get(i, 0) / selection.panel_count:.6f}"])
    audit(selection.case, ACTION_PANEL_EXPORT, user, count=len(ids), what="probabilities")
    return out.getvalue()


def respondents_csv(case, user=None):
    """The pseudonymous respondents (id, household, features) for ``tools/audit_panel.py``."""
    people = plain_respondents(case)
    features = sorted({f for r in people for f in r.features})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "household", *features])
    for r in people:
        writer.writerow([r.id, r.household, *(r.features.get(f, "") for f in features)])
    audit(case, ACTION_PANEL_EXPORT, user, count=len(people), what="respondents")
    return out.getvalue()
