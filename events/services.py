"""Registration for an event: double opt-in, the waiting list, cancellation, reminders and the purge.

Only confirmed registrations take a place. Confirming the e-mail address takes a free place or, if the
event is full, a place on the waiting list (in the order of confirmation). A cancelled place goes to the
first person waiting, who gets an e-mail. Every mail carries the personal link, on which the person
can cancel. Mails go out in the language the person registered in.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from . import audit
from .models import Registration

CONFIRM_HOURS = 48  # an unconfirmed registration can be confirmed this long
ONLINE_LINK_MINUTES = 30  # the online link shows this long before the start


class EventError(Exception):
    """A refused operation; str() is a one-line German reason without personal data."""


def _base_url(request=None):
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "http://localhost").rstrip("/")


def personal_url(registration, request=None):
    with translation.override(registration.language):
        path = reverse("events:registration", args=[registration.token])
    return _base_url(request) + path


def send(registration, kind, request=None, **extra):
    """Mail `kind` (a template pair in events/mail/) to the registrant, in their language."""
    event = registration.event
    with translation.override(registration.language):
        page = event.get_translation_or_none(_locale(registration.language)) or event
        context = {"registration": registration, "event": page, "link": personal_url(registration, request),
                   "event_url": _base_url(request) + (page.get_url() or ""), **extra}
        subject = " ".join(render_to_string(f"events/mail/{kind}_subject.txt", context).split())
        body = render_to_string(f"events/mail/{kind}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def register(event, data, language="de", request=None):
    """A new, unconfirmed registration; the mail asks to confirm it."""
    event = event.canonical
    if not event.registration_open or event.is_past:
        raise EventError(translation.gettext("Die Anmeldung für diese Veranstaltung ist geschlossen."))
    registration = Registration.objects.create(event=event, language=language, consent_at=timezone.now(), **data)
    send(registration, "confirm", request)
    return registration


def confirmation_expired(registration):
    return timezone.now() - registration.created_at > datetime.timedelta(hours=CONFIRM_HOURS)


@transaction.atomic
def confirm(registration, request=None):
    """Confirm the address: a place if one is free, else the waiting list. Idempotent."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.PENDING:
        return registration
    if confirmation_expired(registration):
        raise EventError(translation.gettext("Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich neu an."))
    event = registration.event
    fill_places(event, request)  # people already waiting come first
    free = event.capacity - Registration.objects.filter(event=event, status=Registration.CONFIRMED).count()
    registration.status = Registration.CONFIRMED if free > 0 else Registration.WAITING
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at"])
    send(registration, "confirmed" if registration.status == Registration.CONFIRMED else "waiting", request)
    return registration


@transaction.atomic
def cancel(registration, request=None):
    """Cancel; a freed place goes to the first person waiting (who gets a mail). Returns who moved up."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.CANCELLED:
        return None
    had_place = registration.status == Registration.CONFIRMED
    registration.status = Registration.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.group = None
    registration.save(update_fields=["status", "cancelled_at", "group"])
    from .engagement import withdraw_ballot

    withdraw_ballot(registration)
    send(registration, "cancelled", request)
    return fill_places(registration.event, request) if had_place else None


@transaction.atomic
def fill_places(event, request=None):
    """Move people up from the waiting list while places are free; returns the first moved up."""
    moved = []
    while True:
        confirmed = Registration.objects.filter(event=event, status=Registration.CONFIRMED).count()
        if confirmed >= event.capacity or event.is_past:
            break
        first = (Registration.objects.select_for_update().filter(event=event, status=Registration.WAITING)
                 .order_by("confirmed_at", "pk").first())
        if first is None:
            break
        first.status = Registration.CONFIRMED
        first.save(update_fields=["status"])
        send(first, "moved_up", request)
        moved.append(first)
    return moved[0] if moved else None


def online_link_visible(registration, now=None):
    """The online link: for confirmed people, from shortly before the start to the end."""
    event = registration.event
    now = now or timezone.now()
    opens = event.starts_at - datetime.timedelta(minutes=ONLINE_LINK_MINUTES)
    return (registration.status == Registration.CONFIRMED and bool(event.online_url)
            and opens <= now <= event.ends_at)


def send_reminders(hours=24, now=None):
    """Remind confirmed and waiting people of events starting within `hours`; each once. Returns the count."""
    from .models import EventPage

    now = now or timezone.now()
    sent = 0
    first, last = timezone.localdate(now), timezone.localdate(now + datetime.timedelta(hours=hours))
    for event in EventPage.objects.filter(date__gte=first, date__lte=last):
        if not (now < event.starts_at <= now + datetime.timedelta(hours=hours)):
            continue
        due = list(Registration.objects.filter(event=event, reminded_at__isnull=True,
                                               status__in=[Registration.CONFIRMED, Registration.WAITING]))
        for registration in due:
            send(registration, "reminder")
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
        if due:
            audit.audit(event, audit.ACTION_REMINDERS, count=len(due))
            sent += len(due)
    return sent


def purge_due(today=None):
    """Delete the registrants' data of events that ended EVENTS_PURGE_DAYS ago or earlier, and the
    challenge submitters' contacts. Groups, approved challenges and ballots (anonymous) stay."""
    from .models import Challenge, EventPage

    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.EVENTS_PURGE_DAYS)
    total = 0
    for event in EventPage.objects.filter(date__lt=cutoff):
        count, _ = Registration.objects.filter(event=event).delete()
        contacts = Challenge.objects.filter(event=event).exclude(contact_email="").update(contact_email="")
        if count or contacts:
            audit.audit(event, audit.ACTION_PURGE, count=count, contacts=contacts)
        total += count
    return total
