"""After the letters: progress per cohort, deadlines, door visits, answers taken by the manager,
the workshop day (check-in, no-shows, badges, travel costs) and alumni after the purge.

Runs on the drawn demo council; every person is synthetic."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from councils.models import CouncilPage
from recruitment.models import Alumnus, Invitation
from recruitment.services import audit, outreach, participants, retention
from recruitment.services import invitations as invitation_service

from .conftest import first_cohort


def send_letters(case):
    Invitation.objects.filter(case=case).update(letter_sent_at=timezone.now())


def logged(case, action):
    return list(ModelLogEntry.objects.filter(object_id=str(case.pk), action=action).values_list("data", flat=True))


def accept(invitation, **extra):
    return invitation_service.record_response(invitation, True, {"consent_data": True, "phone": "0000 000000", **extra})


# --- progress and deadlines ---------------------------------------------------------------------


def test_progress_counts_every_state_against_the_seats(drawn):
    cohort = first_cohort(drawn)
    a, b, c, d = list(cohort.invitations.order_by("position")[:4])
    accept(a)
    invitation_service.record_response(b, False, {"decline_reason": "keine Zeit"})
    invitation_service.replace(b)
    outreach.record_visit(c, outreach.VISIT_NOT_MET)
    invitation_service.set_status(d, Invitation.MOVED_AWAY)
    row = next(p for p in outreach.cohort_progress(drawn) if p.label == cohort.label)
    assert (row.seats, row.invited, row.accepted, row.declined, row.replaced, row.visited, row.gone) == (
        cohort.seats, cohort.seats + 1, 1, 1, 1, 1, 1)
    assert row.no_answer == 2  # the visited one and the newcomer
    assert row.missing == cohort.seats - 1
    total = outreach.totals(outreach.cohort_progress(drawn))
    assert total.seats == drawn.seats and total.accepted == 1


def test_deadlines_warn_when_letters_or_answers_are_late(drawn):
    council = drawn.council
    letters_due = council.date - datetime.timedelta(weeks=6)
    early = {d.label: d for d in outreach.deadlines(drawn, today=letters_due - datetime.timedelta(days=10))}
    assert all(not d.warning for d in early.values())
    late = outreach.deadlines(drawn, today=letters_due + datetime.timedelta(days=1))
    assert "Briefe sind noch nicht erstellt" in late[0].warning
    send_letters(drawn)
    after_answers = outreach.deadlines(drawn, today=drawn.answer_by + datetime.timedelta(days=1))
    assert after_answers[0].done and "Hausbesuche fällig" in after_answers[1].warning
    assert drawn.answer_by == (council.visits_on or council.date - datetime.timedelta(weeks=5))


# --- door visits --------------------------------------------------------------------------------


def test_visit_list_holds_non_responders_with_a_letter_in_walking_order(drawn):
    invitations = list(invitation_service.active_invitations(drawn))
    send_letters(drawn)
    accept(invitations[0])
    invitation_service.record_response(invitations[1], False, {})
    Invitation.objects.filter(pk=invitations[2].pk).update(letter_sent_at=None)
    rows = outreach.visit_list(drawn)
    assert {inv.pk for inv in rows} == {inv.pk for inv in invitations[3:]}
    keys = [(inv.person.postcode, inv.person.street.lower(), inv.person.house_number) for inv in rows]
    postcodes_streets = [k[:2] for k in keys]
    assert postcodes_streets == sorted(postcodes_streets)


def test_visit_outcomes(drawn):
    send_letters(drawn)
    a, b, c = list(invitation_service.active_invitations(drawn)[:3])
    outreach.record_visit(a, outreach.VISIT_NOT_MET)
    outreach.record_visit(a, outreach.VISIT_NOT_MET)
    a.refresh_from_db()
    assert a.status == Invitation.VISITED and a.visit_count == 2 and a in outreach.visit_list(drawn)
    outreach.record_visit(b, outreach.VISIT_MOVED)
    b.refresh_from_db()
    assert b.status == Invitation.MOVED_AWAY and b.is_replaceable and b not in outreach.visit_list(drawn)
    outreach.record_visit(c, outreach.VISIT_DECLINED)
    c.refresh_from_db()
    assert c.status == Invitation.DECLINED and c.channel == Invitation.DOOR and c.visit_count == 1
    with pytest.raises(audit.RecruitmentError):
        outreach.record_visit(c, outreach.VISIT_NOT_MET)  # answered: no longer on the list
    assert len(logged(drawn, audit.ACTION_VISIT)) == 3


def test_visit_list_on_screen_and_as_pdf(client, drawn, demo_manager):
    send_letters(drawn)
    client.force_login(demo_manager)
    page = client.get(reverse("recruitment:visits", args=[drawn.pk]))
    assert page.status_code == 200
    first = outreach.visit_list(drawn)[0]
    assert first.person.street in page.content.decode()
    response = client.get(reverse("recruitment:visits", args=[drawn.pk]) + "?format=pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert [d["count"] for d in logged(drawn, audit.ACTION_VIEW_VISITS)] == [drawn.seats, drawn.seats]
    # a "not met" by form keeps the person on the list; "Zusage" leads to the answer form
    url = reverse("recruitment:visit_outcome", args=[drawn.pk, first.pk])
    assert client.post(url, {"outcome": "not_met"}).status_code == 302
    first.refresh_from_db()
    assert first.visit_count == 1
    response = client.post(url, {"outcome": "accepted"})
    assert response["Location"].endswith(f"/invitations/{first.pk}/respond/?channel=door&next=visits")


def test_manager_records_an_answer_taken_at_the_door(client, drawn, demo_manager):
    invitation = invitation_service.active_invitations(drawn).first()
    client.force_login(demo_manager)
    url = reverse("recruitment:respond", args=[drawn.pk, invitation.pk]) + "?channel=door&next=visits"
    form = client.get(url)
    assert form.status_code == 200 and invitation.person.family_name in form.content.decode()
    # without consent a "yes" is refused and nothing changes
    response = client.post(url, {"channel": "door", "answer": "accept", "phone": "0000 1"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == Invitation.PENDING
    response = client.post(url, {"channel": "door", "answer": "accept", "consent_data": "on",
                                 "needs_dietary": "vegetarisch", "phone": "0000 1"})
    assert response.status_code == 302 and response["Location"].endswith("/visits/")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.channel, invitation.visit_count) == ("accepted", "door", 1)
    assert invitation.needs_dietary == "vegetarisch"
    # a later "no" (correction by phone) keeps no needs or contact
    client.post(reverse("recruitment:respond", args=[drawn.pk, invitation.pk]),
                {"channel": "phone", "answer": "decline", "decline_reason": "krank"})
    invitation.refresh_from_db()
    assert (invitation.status, invitation.needs_dietary, invitation.phone, invitation.consent_data) == (
        "declined", "", "", False)


# --- the workshop day ---------------------------------------------------------------------------


def test_participants_list_shows_first_names_and_needs_only(client, drawn, demo_manager):
    a, b = list(invitation_service.active_invitations(drawn)[:2])
    accept(a, needs_accessibility="Rollstuhl")
    client.force_login(demo_manager)
    page = client.get(reverse("recruitment:participants", args=[drawn.pk])).content.decode()
    person = a.person
    assert person.first_name in page and "Rollstuhl" in page
    assert person.family_name not in page and person.street not in page
    assert b.person.given_names.split()[0] + " einchecken" not in page
    assert logged(drawn, audit.ACTION_VIEW_PARTICIPANTS)[-1]["count"] == 1


def test_check_in_no_shows_and_travel_costs(client, drawn, demo_manager):
    a, b, c = list(invitation_service.active_invitations(drawn)[:3])
    for inv in (a, b):
        accept(inv)
    client.force_login(demo_manager)
    assert client.post(reverse("recruitment:check_in", args=[drawn.pk, a.pk])).status_code == 302
    a.refresh_from_db()
    assert a.checked_in_at is not None
    # only who accepted can be checked in
    client.post(reverse("recruitment:check_in", args=[drawn.pk, c.pk]))
    c.refresh_from_db()
    assert c.checked_in_at is None
    assert participants.mark_no_shows(drawn) == 1
    b.refresh_from_db()
    assert b.no_show and not Invitation.objects.get(pk=a.pk).no_show
    response = client.post(reverse("recruitment:travel", args=[drawn.pk, a.pk]), {
        f"t{a.pk}-travel_amount": "12.40", f"t{a.pk}-travel_paid_on": "2026-09-12",
        f"t{a.pk}-travel_note": "=Bus"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.travel_amount, a.travel_paid_on, a.travel_note) == (Decimal("12.40"), datetime.date(2026, 9, 12),
                                                                   "=Bus")
    client.post(reverse("recruitment:travel", args=[drawn.pk, a.pk]), {f"t{a.pk}-travel_amount": "-3"})
    a.refresh_from_db()
    assert a.travel_amount == Decimal("12.40")  # refused, unchanged
    page = client.get(reverse("recruitment:participants", args=[drawn.pk])).content.decode()
    assert "12,40 €" in page or "12.40 €" in page
    # the bookkeeping export has the full name (it is booked before the purge) and is logged
    export = client.get(reverse("recruitment:travel_export", args=[drawn.pk]))
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Nachname;Vornamen;Betrag")
    assert lines[1:] == [f"{a.person.family_name};{a.person.given_names};12,40;2026-09-12;'=Bus"]  # no formula
    assert logged(drawn, audit.ACTION_TRAVEL_EXPORT)[-1] == {"count": 1}


def test_name_badges_pdf(client, drawn, demo_manager):
    for inv in list(invitation_service.active_invitations(drawn)[:9]):
        accept(inv)
    document = participants.pdf.document("recruitment/pdf/badges.html", {
        "badges": [{"name": i.person.first_name} for i in participants.participants(drawn)], "title": "T"},
        stylesheets=["recruitment/pdf/badges.css"])
    assert len(document.pages) == 3  # eight per page, and the photographer's legend
    client.force_login(demo_manager)
    response = client.get(reverse("recruitment:badges", args=[drawn.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert logged(drawn, audit.ACTION_BADGES)[-1]["count"] == 9


# --- alumni -------------------------------------------------------------------------------------


def test_alumni_who_opted_in_are_kept_after_the_purge(client, drawn, demo_manager, manager_other):
    a, b, c = list(invitation_service.active_invitations(drawn)[:3])
    accept(a, consent_alumni=True, email="alumna@example.org")
    accept(b)  # no alumni consent
    accept(c, consent_alumni=True)
    Invitation.objects.filter(pk=c.pk).update(no_show=True)
    # Alumni are kept only after a workshop that took place (tests/recruitment/test_retention_rules.py).
    Invitation.objects.filter(pk=a.pk).update(checked_in_at=timezone.now())
    CouncilPage.objects.filter(translation_key=drawn.council_key).update(
        date=timezone.localdate() - datetime.timedelta(days=30))
    drawn.refresh_from_db()
    family = a.person.family_name
    retention.purge(drawn)
    alumni = list(Alumnus.objects.filter(council_key=drawn.council_key))
    assert [(x.family_name, x.email) for x in alumni] == [(family, "alumna@example.org")]
    assert not Invitation.objects.filter(case=drawn).exists()
    client.force_login(demo_manager)
    listing = client.get(reverse("recruitment_alumni:index"))
    assert listing.status_code == 200 and "alumna@example.org" in listing.content.decode()
    viewed = ModelLogEntry.objects.filter(action=audit.ACTION_VIEW_ALUMNI, object_id=str(drawn.wahlkreis_id))
    assert viewed.count() == 1 and viewed.get().data == {"count": 1} and viewed.get().user == demo_manager
    assert client.get(reverse("recruitment_alumni:add")).status_code in (302, 403, 404)
    client.force_login(manager_other)
    listing = client.get(reverse("recruitment_alumni:index"))
    assert "alumna@example.org" not in listing.content.decode()
    assert client.get(reverse("recruitment_alumni:edit", args=[alumni[0].pk])).status_code == 404


def test_other_managers_and_editors_cannot_reach_the_day_lists(client, drawn, manager_other):
    invitation = invitation_service.active_invitations(drawn).first()
    accept(invitation)
    for user in (manager_other, get_user_model().objects.get(username="redaktion")):
        client.force_login(user)
        for name in ("visits", "participants", "badges"):
            assert client.get(reverse(f"recruitment:{name}", args=[drawn.pk])).status_code in (302, 403, 404)
        client.post(reverse("recruitment:check_in", args=[drawn.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.checked_in_at is None
