"""What the home page shows of the councils: next councils, latest results, latest follow-ups,
key figures and the map preview, each in one to three queries.

The home app never imports this one: home_page.html pulls the sections through the template tags in
``councils/templatetags/council_highlights.py``. Every section shows only live, public pages of one
locale and never the trial council of the recruitment demo (slug ``probelauf``, see
``recruitment/demo.py``), which only exists to try the draw.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone

from home.visibility import without_view_restrictions

from .ledger import map_data
from .logic import geomap
from .models import (
    ConstituencyPage,
    CouncilPage,
    FollowUpPage,
    PublicRecord,
    Recommendation,
    RecommendationStatus,
)

#: Slugs of trial councils (German source pages; their translations share the translation key).
TRIAL_SLUGS = ("probelauf",)


def public_councils(locale):
    """Live, public councils of `locale`, trial councils left out."""
    trials = CouncilPage.objects.filter(slug__in=TRIAL_SLUGS).values("translation_key")
    return without_view_restrictions(CouncilPage.objects.live().filter(locale=locale)).exclude(
        translation_key__in=trials)


def overview(locale, request=None, today=None):
    """All public councils of `locale` (oldest first) with `participants` (from the public record)
    and `recommendation_count`, in one query, shared by the sections of one request.

    Next councils, latest results and key figures all read it, so the home page pays for it once.
    """
    today = today or timezone.localdate()
    key = (getattr(locale, "pk", locale), today)
    memo = getattr(request, "_council_overview", {}) if request is not None else {}
    if key not in memo:
        records = PublicRecord.objects.filter(council_key=OuterRef("translation_key"))
        memo[key] = list(
            public_councils(locale).defer_streamfields().defer("evaluation_summary")
            .annotate(participants=Subquery(records.values("participant_count")[:1]),
                      recommendation_count=Count("recommendations"))
            .order_by("date", "pk")
        )
        if request is not None:
            request._council_overview = memo
    return memo[key]


def upcoming_councils(locale, limit=3, today=None, request=None):
    """The next councils (today's included), soonest first."""
    today = today or timezone.localdate()
    return [c for c in overview(locale, request, today) if c.date >= today][:limit]


def held_councils(locale, today=None, request=None):
    today = today or timezone.localdate()
    return [c for c in overview(locale, request, today) if c.date < today]


def latest_results(locale, limit=3, today=None, request=None):
    """The latest held councils with recommendations, newest first."""
    held = held_councils(locale, today, request)
    return [c for c in reversed(held) if c.recommendation_count][:limit]


def latest_followups(locale, limit=3, request=None):
    """The latest published follow-ups ("Was ist daraus geworden?"), newest first, in one query.

    Each gets `council_title` and `council_url` (its council page, which must be public and no
    trial) and `status_counts` ([(status, label, count)] in the order of STATUS_CHOICES).
    """
    steplen = FollowUpPage.steplen
    parent = public_councils(locale).filter(
        path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * steplen))
    counts = {f"n_{status}": Count("statuses", filter=Q(statuses__status=status))
              for status, _label in RecommendationStatus.STATUS_CHOICES}
    follow_ups = list(
        without_view_restrictions(FollowUpPage.objects.live().filter(locale=locale))
        .annotate(council_title=Subquery(parent.values("title")[:1]), **counts)
        .filter(council_title__isnull=False).order_by("-date", "-pk")[:limit]
    )
    for follow_up in follow_ups:
        follow_up.council_url = parent_url(follow_up.get_url(request))
        follow_up.status_counts = [(status, label, getattr(follow_up, f"n_{status}"))
                                   for status, label in RecommendationStatus.STATUS_CHOICES
                                   if getattr(follow_up, f"n_{status}")]
    return follow_ups


def on_time_share(councils, today=None):
    """How many recommendations of `councils` the MdB answered on time.

    A recommendation is answered on time when a status for it (in any language: statuses match by
    the recommendation's translation key, as in the ledger) is on a published follow-up dated no
    later than the council's ``feedback_due``. It counts once its outcome is known: answered on
    time, or its deadline has passed. Returns {"answered", "total", "percent"} or None when no
    outcome is known yet. One query.
    """
    today = today or timezone.localdate()
    due = {c.pk: c.feedback_due for c in councils}
    if not due:
        return None
    first_answer = (RecommendationStatus.objects
                    .filter(page__live=True, recommendation__translation_key=OuterRef("translation_key"))
                    .order_by("page__date").values("page__date")[:1])
    recs = (Recommendation.objects.filter(page_id__in=due).annotate(first=Subquery(first_answer))
            .values_list("page_id", "first"))
    answered = total = 0
    for page_id, first in recs:
        on_time = first is not None and first <= due[page_id]
        if on_time or due[page_id] < today:
            total += 1
            answered += on_time
    if not total:
        return None
    return {"answered": answered, "total": total, "percent": round(100 * answered / total)}


def key_figures(locale, today=None, request=None):
    """Councils held, people who took part, recommendations and the on-time answer share."""
    today = today or timezone.localdate()
    held = held_councils(locale, today, request)
    return {
        "councils": len(held),
        "participants": sum(c.participants or 0 for c in held),
        "recommendations": sum(c.recommendation_count for c in held),
        "on_time": on_time_share(held, today),
    }


def parent_url(url):
    """/de/a/b/ → /de/a/ (None stays None)."""
    return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else None


def index_url(council_url):
    """The council index URL from a council's URL (saves a tree query): councils always sit in a
    constituency under the index, so /de/wahlkreisraete/wahlkreis-75/thema/ → /de/wahlkreisraete/."""
    return parent_url(parent_url(council_url))


def map_preview(locale, request, title, link_label):
    """A small map of Germany with a linked dot for every constituency that has a council (a few KB,
    not the full map of the index) and the constituency pages for the list beside it."""
    constituencies = list(
        without_view_restrictions(ConstituencyPage.objects.live().filter(locale=locale))
        .filter(wahlkreis__councils__in=public_councils(locale)).distinct()
        .select_related("wahlkreis").order_by("wahlkreis__number")
    )
    links = {page.wahlkreis.number: page.get_url(request) for page in constituencies}
    svg = geomap.render_overview_svg(map_data(), links, title=title, label_template=link_label,
                                     id_prefix="home-map")
    index = parent_url(links[constituencies[0].wahlkreis.number]) if constituencies else None
    return {"svg": svg, "constituencies": constituencies, "index_url": index}
