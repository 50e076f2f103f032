"""What the home page shows of the councils: next councils, latest results, latest follow-ups,
key figures and the map preview, each in one to three queries.

The home app never imports this one: home_page.html pulls the sections through the template tags in
``councils/templatetags/council_highlights.py``. Every section shows only live, public pages of one
locale and never the trial council of the recruitment demo (slug ``probelauf``, see
``recruitment/demo.py``), which only exists to try the draw.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Min, Prefetch, Sum
from django.utils import timezone

from home.visibility import without_view_restrictions

from .ledger import map_data
from .logic import geomap
from .models import (
    ConstituencyPage,
    CouncilIndexPage,
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


def upcoming_councils(locale, limit=3, today=None):
    """The next councils (today's included), soonest first."""
    today = today or timezone.localdate()
    return list(public_councils(locale).filter(date__gte=today).select_related("wahlkreis")
                .order_by("date", "pk")[:limit])


def latest_results(locale, limit=3, today=None):
    """The latest held councils with recommendations, newest first; each with its recommendations
    (`council.results`, in page order) in one more query."""
    today = today or timezone.localdate()
    return list(
        public_councils(locale).filter(date__lt=today, recommendations__isnull=False).distinct()
        .select_related("wahlkreis").order_by("-date", "-pk")
        .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.order_by("sort_order"),
                                   to_attr="results"))[:limit]
    )


def latest_followups(locale, limit=3):
    """The latest published follow-ups ("Was ist daraus geworden?"), newest first.

    Each gets `council` (its council page) and `status_counts` ([(status, label, count)] in the
    order of RecommendationStatus.STATUS_CHOICES); three queries however many are shown.
    """
    candidates = list(without_view_restrictions(FollowUpPage.objects.live().filter(locale=locale))
                      .order_by("-date", "-pk")[:limit * 3])
    steplen = FollowUpPage.steplen
    councils = {c.path: c for c in public_councils(locale).filter(
        path__in={f.path[:-steplen] for f in candidates})}
    follow_ups = [f for f in candidates if f.path[:-steplen] in councils][:limit]
    counts = defaultdict(Counter)
    for row in (RecommendationStatus.objects.filter(page__in=[f.pk for f in follow_ups])
                .values("page_id", "status").annotate(n=Count("pk"))):
        counts[row["page_id"]][row["status"]] = row["n"]
    for follow_up in follow_ups:
        follow_up.council = councils[follow_up.path[:-steplen]]
        follow_up.status_counts = [(status, label, counts[follow_up.pk][status])
                                   for status, label in RecommendationStatus.STATUS_CHOICES
                                   if counts[follow_up.pk][status]]
    return follow_ups


def on_time_share(councils, today=None):
    """How many recommendations of `councils` the MdB answered on time.

    A recommendation is answered on time when a status for it (in any language: statuses match by
    the recommendation's translation key, as in the ledger) is on a published follow-up dated no
    later than the council's ``feedback_due``. It counts once its outcome is known: answered on
    time, or its deadline has passed. Returns {"answered", "total", "percent"} or None when no
    outcome is known yet. Two queries.
    """
    today = today or timezone.localdate()
    due = {c.pk: c.feedback_due for c in councils}
    recs = list(Recommendation.objects.filter(page_id__in=due).values_list("translation_key", "page_id"))
    first_answer = dict(
        RecommendationStatus.objects.filter(page__live=True,
                                            recommendation__translation_key__in={key for key, _ in recs})
        .values("recommendation__translation_key").annotate(first=Min("page__date"))
        .values_list("recommendation__translation_key", "first")
    ) if recs else {}
    answered = total = 0
    for key, page_id in recs:
        on_time = first_answer.get(key) is not None and first_answer[key] <= due[page_id]
        if on_time or due[page_id] < today:
            total += 1
            answered += on_time
    if not total:
        return None
    return {"answered": answered, "total": total, "percent": round(100 * answered / total)}


def key_figures(locale, today=None):
    """Councils held, people who took part, recommendations and the on-time answer share (four queries)."""
    today = today or timezone.localdate()
    held = list(public_councils(locale).filter(date__lt=today).only("pk", "date", "translation_key"))
    people = PublicRecord.objects.filter(council_key__in=[c.translation_key for c in held]).aggregate(
        n=Sum("participant_count"))["n"] if held else None
    recommendations = Recommendation.objects.filter(page_id__in=[c.pk for c in held]).count() if held else 0
    return {
        "councils": len(held),
        "participants": people or 0,
        "recommendations": recommendations,
        "on_time": on_time_share(held, today),
    }


def council_index(locale, request=None):
    """The council index of `locale` (a Locale or its id; cached on the request: several sections link to it)."""
    cache = getattr(request, "_council_index", None) if request is not None else None
    key = getattr(locale, "pk", locale)
    if cache is not None and key in cache:
        return cache[key]
    index = without_view_restrictions(CouncilIndexPage.objects.live().filter(locale=locale)).first()
    if request is not None:
        request._council_index = {**(cache or {}), key: index}
    return index


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
    return {"svg": svg, "constituencies": constituencies}
