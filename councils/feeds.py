"""Open formats for the follow-up ledger and the council calendar.

RSS 2.0 and Atom feeds of the MdB follow-ups (site-wide per language, and per council) and an
iCalendar feed of upcoming councils. Only live, public pages appear.
"""

import dataclasses
import datetime
import html

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from home.models import OrganisationSettings

from . import records
from .logic.ical import Event, build_calendar
from .models import CouncilPage, FollowUpPage, PublicRecord

SITE_WIDE_LIMIT = 50
SUMMARY_WORDS = 60


def _site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def _org_name(request):
    site = _site(request)
    return OrganisationSettings.for_site(site).name if site else "Wahlkreisrat"


def _home_url(request, locale):
    site = _site(request)
    if not site:
        return "/"
    root = site.root_page
    home = root if root.locale_id == locale.pk else (root.get_translation_or_none(locale) or root)
    return home.get_url(request) or "/"


def text_summary(follow_up, words=SUMMARY_WORDS):
    """Plain-text summary: the search description if set, else the start of the body."""
    if follow_up.search_description:
        return follow_up.search_description
    text = " ".join(html.unescape(strip_tags(str(follow_up.body))).split())
    return Truncator(text).words(words, truncate=" …")


def _as_datetime(day):
    """Follow-ups carry a date; feeds want a moment: midnight in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclasses.dataclass
class _FeedContext:
    """Everything a feed needs for one request (feed objects are shared between requests)."""

    title: str
    description: str
    link: str
    items: list


def _with_urls(pages, request):
    pages = list(pages)
    for page in pages:
        page.feed_url = page.get_url(request)
    return pages


@dataclasses.dataclass
class _RecordItem:
    """An entry from the council's public record (the two-stage commitment, the panel lottery)."""

    title: str
    feed_url: str
    moment: datetime.datetime
    summary: str


def _record_moment(text):
    return timezone.make_aware(datetime.datetime.strptime(text, records.MOMENT_FORMAT))


def _panel_items(council, request):
    """The commitment before the seed and the lottery, as entries of the council's feed."""
    record = PublicRecord.for_council(council)
    panel = (record.panel if record else None) or {}
    url = (council.get_url(request) or "/") + "#panel-auswahl"
    items = []
    commitment, lottery = panel.get("commitment"), panel.get("lottery")
    if commitment and commitment.get("frozen_at"):
        items.append(_RecordItem(
            _("Zusage vor der Losung: %(count)s Rückmeldungen eingefroren") % {"count": commitment["respondent_count"]},
            url, _record_moment(commitment["frozen_at"]),
            _("Fingerabdruck %(fp)s, Verfahren %(alg)s, geplante Herkunft des Startwerts: %(source)s") % {
                "fp": commitment["respondents_fingerprint"], "alg": commitment["algorithm"],
                "source": commitment.get("planned_seed_source") or "–"}))
    if lottery and lottery.get("drawn_at"):
        items.append(_RecordItem(
            _("Panel ausgelost: Nr. %(number)s von %(count)s") % {"number": lottery["number"],
                                                                  "count": lottery["panel_count"]},
            url, _record_moment(lottery["drawn_at"]),
            _("Startwert %(seed)s, Fingerabdruck des Ergebnisses %(fp)s") % {
                "seed": lottery["seed"], "fp": lottery["result_fingerprint"]}))
    return items


class FollowUpFeed(Feed):
    """All follow-ups of the active language, newest first."""

    def get_object(self, request, *args, **kwargs):
        locale = Locale.get_active()
        pages = (FollowUpPage.objects.live().public().filter(locale=locale)
                 .order_by("-date", "-first_published_at", "-pk")[:SITE_WIDE_LIMIT])
        return _FeedContext(
            title=_("%(site)s: Rückmeldungen der Abgeordneten") % {"site": _org_name(request)},
            description=_("Was aus den Empfehlungen der Wahlkreisräte geworden ist: "
                          "die Rückmeldungen der Abgeordneten."),
            link=_home_url(request, locale),
            items=_with_urls(pages, request),
        )

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.description

    subtitle = description  # Atom

    def link(self, obj):
        return obj.link

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.feed_url

    def item_description(self, item):
        return item.summary if isinstance(item, _RecordItem) else text_summary(item)

    def item_pubdate(self, item):
        return item.moment if isinstance(item, _RecordItem) else _as_datetime(item.date)

    def item_updateddate(self, item):
        if isinstance(item, _RecordItem):
            return item.moment
        return item.last_published_at or _as_datetime(item.date)


class FollowUpAtomFeed(FollowUpFeed):
    feed_type = Atom1Feed


class CouncilFollowUpFeed(FollowUpFeed):
    """The follow-ups of one council (any language: the council's own)."""

    def get_object(self, request, page_id):
        council = CouncilPage.objects.live().public().filter(pk=page_id).first()
        if council is None:
            raise Http404("No such council")
        pages = (FollowUpPage.objects.child_of(council).live().public()
                 .order_by("-date", "-first_published_at", "-pk"))
        return _FeedContext(
            title=_("Rückmeldungen zum Wahlkreisrat „%(title)s“") % {"title": council.title},
            description=council.guiding_question,
            link=council.get_url(request) or "/",
            items=sorted(_with_urls(pages, request) + _panel_items(council, request), key=self.item_pubdate,
                         reverse=True),
        )


class CouncilFollowUpAtomFeed(CouncilFollowUpFeed):
    feed_type = Atom1Feed


def upcoming_councils(locale, today):
    """Live, public councils of `locale` on or after `today`, soonest first."""
    return (CouncilPage.objects.live().public().filter(locale=locale, date__gte=today)
            .prefetch_related("invited_mdbs__mdb").order_by("date", "title", "pk"))


def _wall_clock(day, time):
    return datetime.datetime.combine(day, time) if time else None


def council_events(council, request):
    """The council day (the workshop, with its times if known) and, if its time is known, the
    public presentation of the results as an event of its own (anyone may come to it)."""
    url = council.get_url(request)
    url = request.build_absolute_uri(url) if url else ""
    location = ", ".join(council.venue_address)
    events = []
    start = _wall_clock(council.date, council.workshop_start)
    events.append(Event(
        uid=f"{council.translation_key}@wahlkreisrat",
        start=start or council.date,
        end=_wall_clock(council.date, council.workshop_end) if start else None,
        summary=_("Wahlkreisrat: %(topic)s") % {"topic": council.title},
        description=council.guiding_question,
        location=location,
        url=url,
    ))
    if council.presentation_start:
        names = ", ".join(mdb.label for mdb in council.mdbs())
        description = _("Die Teilnehmenden stellen ihre Empfehlungen vor; alle sind eingeladen.")
        if names:
            description += "\n" + _("Mit: %(names)s") % {"names": names}
        events.append(Event(
            uid=f"{council.translation_key}-praesentation@wahlkreisrat",
            start=_wall_clock(council.date, council.presentation_start),
            end=_wall_clock(council.date, council.presentation_end),
            summary=_("Öffentliche Präsentation der Ergebnisse: %(topic)s") % {"topic": council.title},
            description=description,
            location=location,
            url=url,
        ))
    return events


def _calendar_response(events, name, filename):
    text = build_calendar(events, now=timezone.now(), name=name)
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def calendar_ics(request):
    """iCalendar feed of the upcoming councils in the active language."""
    councils = upcoming_councils(Locale.get_active(), timezone.localdate())
    return _calendar_response([event for c in councils for event in council_events(c, request)],
                              _("%(site)s: Termine") % {"site": _org_name(request)}, _("kalender.ics"))


@require_safe
def council_ics(request, page_id):
    """The calendar entry of one council (past or upcoming), in the council page's own language.

    Its UID is the one of the site-wide calendar, so subscribing to both shows the day once.
    """
    council = CouncilPage.objects.live().public().filter(pk=page_id).first()
    if council is None:
        raise Http404("No such council")
    return _calendar_response(council_events(council, request),
                              _("Wahlkreisrat: %(topic)s") % {"topic": council.title},
                              f"wahlkreisrat-{council.pk}.ics")
