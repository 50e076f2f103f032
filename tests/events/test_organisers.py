"""Registrations are visible only to the event's own organisers; every view and export is logged with
counts, never names."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from events import audit
from events.models import Registration
from events.organisers import setup_organisers
from tests.factories import UserFactory

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def add(event, name, email, status=Registration.CONFIRMED, **extra):
    from django.utils import timezone

    return Registration.objects.create(event=event, name=name, email=email, status=status,
                                       consent_at=timezone.now(), confirmed_at=timezone.now(), **extra)


def urls(event):
    base = f"/admin/events/{event.pk}"
    return [f"{base}/registrations/", f"{base}/registrations.csv", f"{base}/registrations.xlsx",
            f"{base}/groups/", f"{base}/groups/print/", f"{base}/challenges/", f"{base}/ballot/"]


def test_organisers_of_one_event_cannot_see_another_events_lists(client, make_event):
    ours, theirs = make_event(slug="unsere"), make_event(slug="andere")  # the same title: separate teams
    add(theirs, "Geheime Person", "geheim@example.org")
    ours_user, editor = UserFactory(username="orga-a"), UserFactory(username="redakteurin", groups=["Redaktion"])
    setup_organisers(ours, [ours_user])
    setup_organisers(theirs, [UserFactory(username="orga-b")])
    for user in (ours_user, editor):
        client.force_login(user)
        for url in urls(theirs):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"geheim@example.org" not in response.content
    client.force_login(ours_user)
    assert client.get(f"/admin/events/{ours.pk}/registrations/").status_code == 200
    index = client.get("/admin/events/").content.decode()
    assert "unsere" in index.lower() or ours.title in index
    assert f"/admin/events/{theirs.pk}/" not in index


def test_anonymous_people_are_sent_to_the_login(client, event):
    for url in urls(event):
        assert client.get(url).status_code == 302


def test_list_and_exports_are_logged_with_counts_only(client, event, organiser):
    add(event, "Anna Beispiel", "anna@example.org", organisation="=HYPERLINK(1)")
    add(event, "Ben Muster", "ben@example.org", status=Registration.WAITING)
    client.force_login(organiser)
    page = client.get(f"/admin/events/{event.pk}/registrations/").content.decode()
    assert "Anna Beispiel" in page and "ben@example.org" in page

    response = client.get(f"/admin/events/{event.pk}/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Name" and {r[0] for r in rows[1:]} == {"Anna Beispiel", "Ben Muster"}
    assert rows[1][2].startswith("'="), "no formulas in the export"

    response = client.get(f"/admin/events/{event.pk}/registrations.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3 and sheet["A2"].value in ("Anna Beispiel", "Ben Muster")

    entries = PageLogEntry.objects.filter(page=event, action__startswith="events.")
    assert {e.action for e in entries} >= {audit.ACTION_VIEW, audit.ACTION_EXPORT_CSV, audit.ACTION_EXPORT_XLSX}
    for entry in entries:
        assert entry.data.get("count") == 2 and entry.user_id == organiser.pk
        assert "Anna" not in str(entry.data) and "example.org" not in str(entry.data)


def test_history_of_the_event_shows_the_log_entries_readably(client, event, organiser):
    client.force_login(organiser)
    client.get(f"/admin/events/{event.pk}/registrations.csv")
    entry = PageLogEntry.objects.get(page=event, action=audit.ACTION_EXPORT_CSV)
    assert "CSV" in str(entry.message)


def test_organiser_cancels_for_someone_and_the_first_waiting_person_moves_up(client, event, organiser):
    from django.core import mail

    first = add(event, "Anna Beispiel", "anna@example.org")
    add(event, "Ben Muster", "ben@example.org")
    waiting = add(event, "Clara Probe", "clara@example.org", status=Registration.WAITING)
    client.force_login(organiser)
    client.post(f"/admin/events/{event.pk}/registrations/", {"registration": first.pk, "action": "cancel"})
    assert Registration.objects.get(pk=first.pk).status == Registration.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == Registration.CONFIRMED
    assert any("clara@example.org" in m.to and "nachgerückt" in m.subject for m in mail.outbox)
    entry = PageLogEntry.objects.get(page=event, action=audit.ACTION_CANCEL)
    assert entry.data == {"count": 1}
