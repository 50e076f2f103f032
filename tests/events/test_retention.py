"""Reminder mails and the deletion of registrants' data a configurable time after the event."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from events import audit
from events.models import Challenge, Registration

from .conftest import TODAY
from .mails import links

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def person(event, n, status=Registration.CONFIRMED):
    return Registration.objects.create(event=event, name=f"Person {n}", email=f"p{n}@example.org", status=status,
                                       consent_at=timezone.now(), confirmed_at=timezone.now())


def test_reminders_go_once_to_confirmed_and_waiting_people_the_day_before(clock, make_event):
    event = make_event(date=TODAY + datetime.timedelta(days=1), start_time=datetime.time(9))
    person(event, 1)
    person(event, 2, Registration.WAITING)
    person(event, 3, Registration.CANCELLED)
    person(event, 4, Registration.PENDING)
    call_command("send_event_reminders", stdout=io.StringIO())
    reminded = sorted(m.to[0] for m in mail.outbox)
    assert reminded == ["p1@example.org", "p2@example.org"]
    assert all(links(m) and "Erinnerung" in m.subject for m in mail.outbox)
    call_command("send_event_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert PageLogEntry.objects.get(page=event, action=audit.ACTION_REMINDERS).data == {"count": 2}


def test_no_reminder_for_an_event_further_away(make_event):
    event = make_event(date=TODAY + datetime.timedelta(days=5))
    person(event, 1)
    call_command("send_event_reminders", stdout=io.StringIO())
    assert not mail.outbox


def test_registrants_deleted_after_the_configured_days_and_the_link_stops_working(client, clock, settings,
                                                                                   make_event):
    settings.EVENTS_PURGE_DAYS = 14
    event = make_event(date=TODAY)
    reg = person(event, 1)
    Challenge.objects.create(event=event, title="Bänke", description="x", contact_email="c@example.org",
                             state=Challenge.APPROVED)
    link = f"/de/anmeldung/{reg.token}/"
    clock.move_to(timezone.make_aware(datetime.datetime(2026, 7, 14, 10)))
    call_command("purge_event_registrations", stdout=io.StringIO())
    assert Registration.objects.filter(event=event).count() == 1, "not before 14 days have passed"
    clock.move_to(timezone.make_aware(datetime.datetime(2026, 7, 16, 10)))
    call_command("purge_event_registrations", stdout=io.StringIO())
    assert not Registration.objects.filter(event=event).exists()
    challenge = Challenge.objects.get(event=event)
    assert challenge.contact_email == "" and challenge.title == "Bänke", "the public part stays"
    assert client.get(link).status_code == 404
    entry = PageLogEntry.objects.get(page=event, action=audit.ACTION_PURGE)
    assert entry.data["count"] == 1 and "Person" not in str(entry.data)
