"""The follow-up ledger and the council page's public figures, in a handful of queries."""

import datetime
from collections import defaultdict
from functools import lru_cache

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images import get_image_model

from home.templatetags.site_tags import locale_of, percent
from home.visibility import without_view_restrictions
from media import consent

from . import records
from .logic import charts, geomap
from .logic.reference_data import adult_age_shares
from .models import (
    CouncilDocument,
    CouncilImage,
    CouncilPage,
    FollowUpPage,
    Recommendation,
    RecommendationStatus,
    Wahlkreis,
)


@lru_cache(maxsize=1)
def map_data():
    """The simplified Wahlkreis map (councils/data/wahlkreise_2025_map.json), read once per process."""
    return geomap.load_map()


def ledger(council, today=None, mdbs=None):
    """Every recommendation with its status history (oldest first), latest status and overdue flag.

    Statuses are matched by the recommendation's translation_key, so a German follow-up
    counts for the English page and the other way round. With several members answering,
    ``latest_by_mdb`` holds each member's latest status (in the order of `mdbs`, the council's
    members, then any other), so the page shows whose answer is whose.
    """
    today = today or timezone.localdate()
    follow_ups = list(without_view_restrictions(FollowUpPage.objects.child_of(council).live())
                      .select_related("mdb").order_by("date", "pk"))
    statuses = (
        RecommendationStatus.objects.filter(page__in=[f.pk for f in follow_ups])
        .select_related("recommendation")
        .order_by("page__date", "page_id", "sort_order")
    )
    follow_up_by_pk = {f.pk: f for f in follow_ups}
    history = defaultdict(list)
    for status in statuses:
        status.follow_up = follow_up_by_pk[status.page_id]
        history[status.recommendation.translation_key].append(status)
    due = council.feedback_due
    order = {mdb.pk: i for i, mdb in enumerate(mdbs if mdbs is not None else council.mdbs())}
    rows = []
    for rec in council.recommendations.all():
        entries = history.get(rec.translation_key, [])
        latest = {}
        for entry in entries:
            latest[entry.follow_up.mdb_id] = entry
        rows.append({
            "recommendation": rec,
            "history": entries,
            "latest": entries[-1] if entries else None,
            "latest_by_mdb": sorted(latest.values(), key=lambda e: (order.get(e.follow_up.mdb_id, len(order)),
                                                                   e.follow_up.mdb_id or 0)),
            "overdue": not entries and today > due,
        })
    return {"rows": rows, "follow_ups": follow_ups, "due": due,
            "overdue": any(r["overdue"] for r in rows)}


def follow_up_rate(councils, today=None):
    """Share of recommendations (of councils whose feedback is due) that got at least one follow-up.

    Returns (answered, total) or None when nothing is due yet.
    """
    today = today or timezone.localdate()
    due = [c.pk for c in councils if c.feedback_due < today]
    if not due:
        return None
    answered = RecommendationStatus.objects.filter(
        recommendation__translation_key=OuterRef("translation_key"), page__live=True
    )
    recs = Recommendation.objects.filter(page_id__in=due).annotate(answered=Exists(answered))
    total = recs.count()
    if not total:
        return None
    answered_count = recs.filter(answered=True).count()
    return {"answered": answered_count, "total": total, "percent": round(100 * answered_count / total)}


#: Sex columns of the composition table; "x" (ohne Angabe) only when the record has any.
SEX_LABELS = {"w": gettext_lazy("weiblich"), "m": gettext_lazy("männlich"), "d": gettext_lazy("divers"),
              "x": gettext_lazy("ohne Angabe")}
FUNNEL_STAGES = ("pool", "invited", "accepted", "attended")
#: The page never shows evaluation results of fewer answers, whatever the record says.
MIN_EVALUATION_RESPONSES = 5
_NO_RECORD = object()


def composition(council, record=_NO_RECORD):
    """Aggregate composition by cohort (chart + table) and the funnel pool → invited → accepted →
    attended, small cells suppressed; None without data. ``record``: the PublicRecord if already read."""
    if record is _NO_RECORD:
        record = records.for_council(council)
    if not record or not record.composition.get("cohorts"):
        return record and {"record": record}
    cohorts = record.composition["cohorts"]
    totals = {c["label"]: sum(c["counts"].values()) for c in cohorts}
    official = {c["label"]: c["official_share"] for c in cohorts}
    rows = charts.composition_rows(totals, official)
    svg = charts.composition_chart_svg(
        rows, title=_("Zusammensetzung nach Alter"),
        participants_label=_("Teilnehmende"), official_label=_("Bevölkerung im Wahlkreis"),
        percent=percent, suppressed_text=_("ausgeblendet"), missing_text=_("keine Angabe"),
    )
    # Every sex that has a count is a column: a hidden column could be worked out from the total.
    sexes = ["w", "m", "d"] + (["x"] if any(c["counts"].get("x") for c in cohorts) else [])
    published_totals = charts.suppress_small_cells(totals)
    table = []
    for cohort in cohorts:
        published = charts.suppress_small_cells({s: cohort["counts"].get(s, 0) for s in sexes})
        table.append({"label": cohort["label"], "official": cohort["official_share"],
                      "cells": [charts.format_count(published[s], _("ausgeblendet")) for s in sexes],
                      "total": charts.format_count(published_totals[cohort["label"]], _("ausgeblendet"))})
    return {"record": record, "svg": svg, "table": table, "sexes": sexes,
            "sex_labels": [SEX_LABELS[s] for s in sexes], "funnel": funnel(record.composition.get("funnel"))}


def funnel(rows):
    """The funnel table: per stage (a column whose total is shown) small cells suppressed."""
    if not rows:
        return None
    labels = [row["label"] for row in rows]
    columns = {}
    totals = []
    for stage in FUNNEL_STAGES:
        counts = {label: int(row.get(stage) or 0) for label, row in zip(labels, rows)}
        columns[stage] = charts.suppress_small_cells(counts)
        totals.append(charts.format_count(charts.safe_total(counts), _("ausgeblendet")))
    table = [{"label": label, "cells": [charts.format_count(columns[stage][label], _("ausgeblendet"))
                                        for stage in FUNNEL_STAGES]} for label in labels]
    return {"rows": table, "totals": totals}


def evaluation(record):
    """The published evaluation aggregates for the page (no comments are ever published), or None.

    Question and role texts are stored as their German source texts and translated here.
    """
    data = record.evaluation if record else None
    if not data or not data.get("roles"):
        return None
    minimum = max(int(data.get("min_responses") or 0), MIN_EVALUATION_RESPONSES)
    roles = []
    for role in data["roles"]:
        n = role.get("n") or 0
        entry = {"label": _(role["label"]), "n": n, "suppressed": role.get("suppressed", True) or n < minimum,
                 "questions": []}
        if not entry["suppressed"]:
            for question in role.get("questions", []):
                hidden = question.get("suppressed", True) or (question.get("n") or 0) < minimum
                entry["questions"].append({
                    "label": _(question["label"]), "n": question.get("n"), "suppressed": hidden,
                    "mean": None if hidden else question.get("mean"),
                    "distribution": None if hidden else question.get("distribution")})
        roles.append(entry)
    published_on = data.get("published_on")
    return {"roles": roles, "min_responses": minimum,
            "scale": [(i, _(label)) for i, label in enumerate(data.get("scale", []), start=1)],
            "published_on": datetime.date.fromisoformat(published_on) if published_on else None}


def official_age_structure(wahlkreis):
    """The official adult age bands (18+) of a Wahlkreis, rescaled to 100 %."""
    return adult_age_shares(wahlkreis.age_bands) if wahlkreis.age_bands else {}


def gallery(council):
    """Gallery items with their images and all their renditions in two queries, however many photos.

    Only images that may be shown on the website (consent rule in media.consent) are listed.
    """
    day = consent.today()
    usable = get_image_model().objects.publicly_usable("website", day)
    items = list(
        CouncilImage.objects.filter(page=council, image__in=usable.values("pk"))
        .select_related("image").order_by("sort_order")
        .prefetch_related("image__renditions")  # what get_rendition() reads instead of a query
    )
    for item in items:
        item.image.remember_public("website", day)
    return items


def council_context(council, request):
    """The council page's own figures; the stories app adds its section with {% council_stories %}."""
    # the Wahlkreis with its directly elected member (council.mdbs() falls back to it): read with
    # the page when it is served (CouncilPage.route_select_related), else here in one query
    if CouncilPage.wahlkreis.is_cached(council):
        wahlkreis = council.wahlkreis
    else:
        wahlkreis = Wahlkreis.objects.select_related("mdb").filter(pk=council.wahlkreis_id).first()
        if wahlkreis is not None:
            council.wahlkreis = wahlkreis
    mdbs = council.mdbs()
    council_ledger = ledger(council, mdbs=mdbs)
    follow_ups = council_ledger["follow_ups"]
    record = records.for_council(council)  # one query for composition, protocol and evaluation
    return {
        "ledger": council_ledger,
        "timeline": council.timeline(first_follow_up_date=follow_ups[0].date if follow_ups else None),
        "tags": list(council.tags.all()),
        "quotes": list(council.quotes.all()),
        "gallery": gallery(council),
        "documents": list(CouncilDocument.objects.filter(page=council).select_related("document")
                          .order_by("sort_order")),
        "composition": composition(council, record),
        "evaluation": evaluation(record),
        "wahlkreis": wahlkreis,
        # the council's members: the invited ones, else the directly elected one
        "mdbs": mdbs,
        "mdb": mdbs[0] if mdbs else None,
        "facts": facts(council),
        "page_language": locale_of(council, request).language_code,  # no query: the active locale
    }


def facts(council):
    """What a reader needs to come: the venue's address lines and the two time spans (or None)."""
    return {
        "address": council.venue_address,
        "workshop": _span(council.workshop_start, council.workshop_end),
        "presentation": _span(council.presentation_start, council.presentation_end),
    }


def _span(start, end):
    return {"start": start, "end": end} if start else None

