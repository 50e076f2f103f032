"""The follow-up ledger and the council page's public figures, in a handful of queries."""

from collections import defaultdict
from functools import lru_cache

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .logic import charts, geomap
from .logic.reference_data import adult_age_shares
from wagtail.images import get_image_model

from .models import CouncilDocument, Wahlkreis, CouncilImage, FollowUpPage, PublicRecord, Recommendation, RecommendationStatus


@lru_cache(maxsize=1)
def map_data():
    """The simplified Wahlkreis map (councils/data/wahlkreise_2025_map.json), read once per process."""
    return geomap.load_map()


def ledger(council, today=None):
    """Every recommendation with its status history (oldest first), latest status and overdue flag.

    Statuses are matched by the recommendation's translation_key, so a German follow-up
    counts for the English page and the other way round.
    """
    today = today or timezone.localdate()
    follow_ups = list(FollowUpPage.objects.child_of(council).live().public().order_by("date", "pk"))
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
    rows = []
    for rec in council.recommendations.all():
        entries = history.get(rec.translation_key, [])
        rows.append({
            "recommendation": rec,
            "history": entries,
            "latest": entries[-1] if entries else None,
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


def composition(council):
    """Aggregate composition by cohort (chart + table), small cells suppressed; None without data."""
    record = PublicRecord.for_council(council)
    if not record or not record.composition.get("cohorts"):
        return record and {"record": record}
    cohorts = record.composition["cohorts"]
    totals = {c["label"]: sum(c["counts"].values()) for c in cohorts}
    official = {c["label"]: c["official_share"] for c in cohorts}
    rows = charts.composition_rows(totals, official)
    svg = charts.composition_chart_svg(
        rows, title=_("Zusammensetzung nach Alter"),
        participants_label=_("Teilnehmende"), official_label=_("Bevölkerung im Wahlkreis"),
    )
    sexes = ["w", "m", "d"]
    table = []
    for cohort in cohorts:
        published = charts.suppress_small_cells({s: cohort["counts"].get(s, 0) for s in sexes})
        table.append({"label": cohort["label"], "official": cohort["official_share"],
                      "cells": [charts.format_count(published[s], _("ausgeblendet")) for s in sexes],
                      "total": charts.format_count(charts.suppress_small_cells(totals)[cohort["label"]],
                                                   _("ausgeblendet"))})
    return {"record": record, "svg": svg, "table": table, "sexes": sexes}


def official_age_structure(wahlkreis):
    """The official adult age bands (18+) of a Wahlkreis, rescaled to 100 %."""
    return adult_age_shares(wahlkreis.age_bands) if wahlkreis.age_bands else {}


def gallery(council):
    """Gallery items with their images and all their renditions in three queries, however many photos.

    Only images that may be shown on the website (consent rule in media.consent) are listed.
    """
    images = get_image_model().objects.publicly_usable("website").prefetch_renditions()
    return list(
        CouncilImage.objects.filter(page=council, image__in=images.values("pk"))
        .order_by("sort_order")
        .prefetch_related(Prefetch("image", queryset=images))
    )


def council_context(council, request):
    council_ledger = ledger(council)
    follow_ups = council_ledger["follow_ups"]
    wahlkreis = Wahlkreis.objects.select_related("mdb").filter(pk=council.wahlkreis_id).first()
    return {
        "ledger": council_ledger,
        "timeline": council.timeline(first_follow_up_date=follow_ups[0].date if follow_ups else None),
        "tags": list(council.tags.all()),
        "quotes": list(council.quotes.all()),
        "gallery": gallery(council),
        "documents": list(CouncilDocument.objects.filter(page=council).select_related("document")
                          .order_by("sort_order")),
        "composition": composition(council),
        "wahlkreis": wahlkreis,
        "mdb": getattr(wahlkreis, "mdb", None),
        **_stories_context(council, request),
    }


def _stories_context(council, request):
    # Public app to public app: the stories linked to this council and its press kit (stories app).
    from stories.listing import stories_for_council
    from stories.press import press_kit_url_for_council

    return {"stories": stories_for_council(council),
            "press_kit_url": press_kit_url_for_council(council, request)}
