"""Invitations, response codes and replacements (Nachlosen) on the drawn demo council.

Every person here is synthetic (the demo pool)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.urls import reverse
from wagtail.models import ModelLogEntry

from recruitment.logic import codes
from recruitment.models import Invitation, Placement
from recruitment.services import audit, draw, retention
from recruitment.services import invitations as invitation_service

from .conftest import demo_case, first_cohort

# --- codes ---------------------------------------------------------------------------------


def test_codes_have_no_ambiguous_characters_and_enough_entropy():
    assert not set("01OIL") & set(codes.ALPHABET)
    assert len(set(codes.ALPHABET)) == 31
    assert codes.entropy_bits() >= 60
    code = codes.new_code()
    shown = codes.formatted(code)
    assert [len(part) for part in shown.split("-")] == [4, 4, 5]
    assert codes.normalise(shown.lower()) == code
    assert codes.normalise(" " + shown.replace("-", " ") + " ") == code
    assert codes.normalise(code[:-1]) is None
    assert codes.normalise(code[:-1] + "0") is None
    assert codes.code_hash(code) != codes.code_hash(codes.new_code())
    assert len({codes.new_code() for _ in range(1000)}) == 1000


def test_the_code_is_stored_only_as_a_hash(drawn):
    invitation = invitation_service.active_invitations(drawn).first()
    code = invitation_service.issue_code(invitation)
    invitation.refresh_from_db()
    assert invitation.code_hash == codes.code_hash(code)
    assert code not in invitation.code_hash
    assert invitation_service.find_open_invitation(codes.formatted(code).lower()) == invitation
    # a new letter means a new code: the old one stops working
    second = invitation_service.issue_code(invitation)
    assert invitation_service.find_open_invitation(code) is None
    assert invitation_service.find_open_invitation(second) == invitation


# --- the draw invites the first places ------------------------------------------------------


def test_the_draw_invites_the_first_places_of_every_cohort(drawn):
    the_draw = drawn.active_draw
    invitations = list(invitation_service.active_invitations(drawn))
    assert len(invitations) == sum(min(c.seats, c.pool_size) for c in the_draw.cohorts.all()) == drawn.seats
    for invitation in invitations:
        assert invitation.placement.invited and invitation.position == invitation.placement.position
        assert invitation.position <= invitation.draw_cohort.seats
        assert invitation.status == Invitation.PENDING
    assert invitation_service.ensure_invitations(drawn) == 0  # idempotent


# --- replacement, sequential (both backends) -------------------------------------------------


def test_replacement_invites_the_next_places_of_the_same_list_in_order(drawn):
    cohort = first_cohort(drawn)
    first, second = list(cohort.invitations.order_by("position")[:2])
    invitation_service.set_status(first, Invitation.DECLINED, channel=Invitation.PHONE)
    invitation_service.set_status(second, Invitation.MOVED_AWAY)
    new1 = invitation_service.replace(first)
    new2 = invitation_service.replace(second)
    assert (new1.position, new2.position) == (cohort.seats + 1, cohort.seats + 2)
    assert new1.draw_cohort == new2.draw_cohort == cohort
    assert new1.placement == Placement.objects.get(draw_cohort=cohort, position=cohort.seats + 1)
    first.refresh_from_db()
    assert first.status == Invitation.REPLACED and first.status_before_replacement == Invitation.DECLINED
    assert new1.replaces == first and first.replaced_by == new1
    # a replacement of a replacement goes on down the list
    invitation_service.set_status(new1, Invitation.UNREACHABLE)
    assert invitation_service.replace(new1).position == cohort.seats + 3
    # nobody is invited twice; the draw itself still verifies (Placement.invited unchanged)
    persons = list(Invitation.objects.filter(case=drawn).values_list("placement__person_id", flat=True))
    assert len(persons) == len(set(persons)) == drawn.seats + 3
    assert draw.verify(drawn).ok


def test_only_declined_moved_or_unreachable_can_be_replaced_and_only_once(drawn):
    invitation = first_cohort(drawn).invitations.first()
    with pytest.raises(audit.RecruitmentError):
        invitation_service.replace(invitation)  # pending
    invitation_service.set_status(invitation, Invitation.DECLINED)
    invitation_service.replace(invitation)
    with pytest.raises(audit.RecruitmentError):
        invitation_service.replace(invitation)
    with pytest.raises(audit.RecruitmentError):
        invitation_service.set_status(invitation, Invitation.DECLINED)
    assert Invitation.objects.filter(case=drawn).count() == drawn.seats + 1


def test_an_exhausted_list_is_reported(drawn):
    cohort = first_cohort(drawn)
    Placement.objects.filter(draw_cohort=cohort, position__gt=cohort.seats + 1).delete()
    a, b = list(cohort.invitations.order_by("position")[:2])
    for invitation in (a, b):
        invitation_service.set_status(invitation, Invitation.DECLINED)
    invitation_service.replace(a)
    with pytest.raises(audit.RecruitmentError, match="erschöpft"):
        invitation_service.replace(b)


def test_purge_deletes_invitations(drawn):
    invitation = invitation_service.active_invitations(drawn).first()
    invitation_service.record_response(invitation, True, {"consent_data": True, "email": "demo@example.org"})
    retention.purge(drawn)
    assert not Invitation.objects.filter(case=drawn).exists()


# --- replacement in parallel (PostgreSQL) -----------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs PostgreSQL: SQLite has one writer at a time, so two connections cannot "
                           "race inside a transaction there (the sequential tests cover SQLite)")
def test_two_managers_replacing_at_the_same_moment(django_db_blocker):
    """Two threads, each with its own connection and committed transactions, replace two declined
    invitees of the same cohort at once: they get the next two places, nobody twice, none skipped.

    Works on the committed demo data (not inside a test transaction) and restores it afterwards.
    """
    with django_db_blocker.unblock():
        case = demo_case()
        cohort = first_cohort(case)
        a, b = list(cohort.invitations.order_by("position")[:2])
        created = []
        try:
            for invitation in (a, b):
                invitation_service.set_status(invitation, Invitation.DECLINED)
            barrier, results, errors = threading.Barrier(2), {}, []

            def work(invitation):
                try:
                    barrier.wait(timeout=10)
                    results[invitation.pk] = invitation_service.replace(invitation)
                except Exception as exc:
                    errors.append(exc)
                finally:
                    connections.close_all()

            threads = [threading.Thread(target=work, args=(inv,)) for inv in (a, b)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            created = [r.pk for r in results.values()]
            assert not errors, errors
            positions = sorted(r.position for r in results.values())
            assert positions == [cohort.seats + 1, cohort.seats + 2]
            people = list(Invitation.objects.filter(case=case).values_list("placement_id", flat=True))
            assert len(people) == len(set(people))
        finally:
            Invitation.objects.filter(pk__in=created).delete()
            Invitation.objects.filter(case=case, replaces__isnull=False).delete()
            Invitation.objects.filter(pk__in=[a.pk, b.pk]).update(
                status=Invitation.PENDING, status_before_replacement="", replaced_at=None, responded_at=None,
                channel="")
            ModelLogEntry.objects.filter(action__in=[audit.ACTION_REPLACE, audit.ACTION_INVITATION_STATUS],
                                         object_id=str(case.pk)).delete()


# --- admin ---------------------------------------------------------------------------------------


def test_manager_lists_sets_status_and_replaces_in_the_admin(client, drawn, demo_manager):
    client.force_login(demo_manager)
    listing = client.get(reverse("recruitment:invitations", args=[drawn.pk]))
    assert listing.status_code == 200
    assert "Ersetzen (Nachlosen)" not in listing.content.decode()
    invitation = first_cohort(drawn).invitations.first()
    response = client.post(reverse("recruitment:invitation_status", args=[drawn.pk, invitation.pk]),
                           {"status": "declined", "channel": "phone"})
    assert response.status_code == 302
    listing = client.get(reverse("recruitment:invitations", args=[drawn.pk]))
    assert "Ersetzen (Nachlosen)" in listing.content.decode()
    response = client.post(reverse("recruitment:replace", args=[drawn.pk, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Invitation.REPLACED
    actions = list(ModelLogEntry.objects.filter(object_id=str(drawn.pk)).values_list("action", "data"))
    logged = {a for a, _ in actions}
    assert {audit.ACTION_VIEW_INVITATIONS, audit.ACTION_INVITATION_STATUS, audit.ACTION_REPLACE} <= logged
    person = invitation.placement.person
    for _, data in actions:
        assert person.family_name not in str(data) and person.given_names not in str(data)
    assert client.get(reverse("recruitment:replace", args=[drawn.pk, invitation.pk])).status_code == 405


def test_other_managers_and_editors_cannot_reach_invitations(client, drawn, manager_other):
    invitation = first_cohort(drawn).invitations.first()
    client.force_login(manager_other)
    assert client.get(reverse("recruitment:invitations", args=[drawn.pk])).status_code == 404
    assert client.post(reverse("recruitment:replace", args=[drawn.pk, invitation.pk])).status_code == 404
    client.force_login(get_user_model().objects.get(username="redaktion"))
    response = client.get(reverse("recruitment:invitations", args=[drawn.pk]))
    assert response.status_code in (302, 403) and "Demoweg" not in response.content.decode()
    assert client.post(reverse("recruitment:invitation_status", args=[drawn.pk, invitation.pk]),
                       {"status": "declined"}).status_code in (302, 403)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.PENDING
