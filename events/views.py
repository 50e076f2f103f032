"""The registrant's personal page (reached only by the signed link in every mail) and the iCal file.

A forged, malformed or deleted link shows one clear message and changes nothing. The page is private:
never cached, not indexed (noindex), and it names no one but the reader.
"""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Locale

from councils.logic.ical import Event, build_calendar

from . import engagement, services
from .forms import BallotForm
from .models import EventPage, Registration, Topic


def _page_in_language(event):
    locale = Locale.get_active()
    return event.get_translation_or_none(locale) or event


def _invalid(request):
    response = render(request, "events/registration_invalid.html", status=404)
    response["X-Robots-Tag"] = "noindex"
    return response


def _waiting_position(reg):
    ahead = Q(confirmed_at__lt=reg.confirmed_at) | Q(confirmed_at=reg.confirmed_at, pk__lt=reg.pk)
    return Registration.objects.filter(ahead, event=reg.event, status=Registration.WAITING).count() + 1


@never_cache
@require_http_methods(["GET", "POST"])
def registration(request, token):
    reg = Registration.objects.by_token(token)
    if reg is None:
        return _invalid(request)
    event = reg.event
    topics = list(Topic.objects.filter(event=event)) if event.ballot_deadline else []
    ballot = engagement.ballot_of(reg) if topics else None
    ballot_form = BallotForm(topics, ballot.ranking if ballot else None) if topics else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.confirm(reg, request)
                messages.success(request, _("Danke, Ihre E-Mail-Adresse ist bestätigt."))
            elif action == "cancel":
                services.cancel(reg, request)
                messages.success(request, _("Ihre Anmeldung ist storniert."))
            elif action == "ballot" and topics:
                ballot_form = BallotForm(topics, None, request.POST)
                if ballot_form.is_valid():
                    engagement.cast_ballot(reg, ballot_form.ranking())
                    messages.success(request, _("Ihre Rangfolge ist gespeichert. Sie können sie bis zum Ende der "
                                                "Abstimmung ändern."))
        except services.EventError as error:
            messages.error(request, str(error))
        return redirect(request.path)
    reg.refresh_from_db()
    page = _page_in_language(event)
    context = {
        "registration": reg,
        "event": page,
        "expired": reg.status == Registration.PENDING and services.confirmation_expired(reg),
        "online_link": event.online_url if services.online_link_visible(reg) else "",
        "online_opens": event.starts_at - datetime.timedelta(minutes=services.ONLINE_LINK_MINUTES),
        "waiting_position": _waiting_position(reg) if reg.status == Registration.WAITING else None,
        "ballot_form": ballot_form if topics and event.ballot_open and reg.status == Registration.CONFIRMED else None,
        "has_ballot": ballot is not None,
    }
    response = render(request, "events/registration.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def event_calendar_entry(event, request):
    url = event.get_url(request)
    return Event(
        uid=f"{event.translation_key}@wahlkreisrat-veranstaltung",
        start=event.starts_at.replace(tzinfo=None),
        end=event.ends_at.replace(tzinfo=None),
        summary=event.title,
        description=event.intro,
        location=_("Online") if event.online else ", ".join(event.venue_address),
        url=request.build_absolute_uri(url) if url else "",
    )


@require_safe
def event_ics(request, page_id):
    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        raise Http404("No such event")
    text = build_calendar([event_calendar_entry(event, request)], now=timezone.now(), name=event.title)
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="veranstaltung-{event.pk}.ics"'
    return response
