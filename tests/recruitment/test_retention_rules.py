"""Retention cannot be dodged: the deletion date is at most RECRUITMENT_RETENTION_MAX_MONTHS after the
workshop (form, model and scheduled purge), changing it is logged without personal data, alumni are
kept only after a workshop that took place, and free-text evaluation comments are shown with a
warning and deleted with the purge while the published aggregates stay."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from councils.models import CouncilPage, PublicRecord
from recruitment.models import Alumnus, EvaluationResponse, Invitation, RecruitmentCase
from recruitment.services import audit, evaluation, retention
from recruitment.services import invitations as invitation_service

from .conftest import COUNCIL_DATE
from .test_admin import cohort_formset

pytestmark = pytest.mark.django_db

COMMENT = "Frau Quokkamüller am Tisch 3 war toll"


def edit_data(case, retention_date):
    cohorts = list(case.cohorts.all())
    return {"seats": str(case.seats), "min_age": str(case.min_age), "retention_date": retention_date,
            **cohort_formset([(c.label, c.min_age, c.max_age, c.seats) for c in cohorts], initial=len(cohorts),
                             ids=[c.pk for c in cohorts])}


def test_the_ceiling_is_twelve_months_in_the_settings(settings):
    assert settings.RECRUITMENT_RETENTION_MAX_MONTHS == 12


def test_the_form_refuses_a_deletion_date_after_the_ceiling_and_logs_a_change(client, case, manager_75):
    client.force_login(manager_75)
    edit_url = reverse("recruitment:edit", args=[case.pk])
    assert "Höchstens 12 Monate nach dem Workshop" in client.get(edit_url).content.decode()
    response = client.post(edit_url, edit_data(case, "2027-09-13"))  # workshop 12 Sep 2026 + 12 months + 1 day
    assert response.status_code == 200
    assert "spätestens 12 Monate nach dem Workshop" in response.content.decode()
    assert "12. September 2027" in response.content.decode()
    case.refresh_from_db()
    assert case.retention_date == datetime.date(2026, 12, 12)
    assert not ModelLogEntry.objects.filter(object_id=str(case.pk), action=audit.ACTION_RETENTION_DATE).exists()

    assert client.post(edit_url, edit_data(case, "2027-09-12")).status_code == 302  # the ceiling itself is fine
    case.refresh_from_db()
    assert case.retention_date == datetime.date(2027, 9, 12)
    entry = ModelLogEntry.objects.get(object_id=str(case.pk), action=audit.ACTION_RETENTION_DATE)
    assert entry.data == {"old": "2026-12-12", "new": "2027-09-12"} and entry.user == manager_75
    history = client.get(reverse("recruitment:history", args=[case.pk])).content.decode()
    assert "Löschdatum geändert" in history and "12. Dezember 2026 → 12. September 2027" in history

    # Saving without a change writes no entry.
    assert client.post(edit_url, edit_data(case, "2027-09-12")).status_code == 302
    assert ModelLogEntry.objects.filter(object_id=str(case.pk), action=audit.ACTION_RETENTION_DATE).count() == 1


def test_the_model_clamps_a_later_date_whoever_saves(case):
    case.retention_date = datetime.date(2030, 1, 1)
    case.save()
    case.refresh_from_db()
    assert case.retention_date == datetime.date(2027, 9, 12)
    assert RecruitmentCase.latest_retention_date(case.council) == datetime.date(2027, 9, 12)


def test_purge_expired_purges_after_the_ceiling_whatever_the_date_says(imported):
    # A date written past the form and the model (e.g. in the database) does not keep the data.
    RecruitmentCase.objects.filter(pk=imported.pk).update(retention_date=datetime.date(2031, 1, 1))
    assert imported not in retention.expired_cases(datetime.date(2027, 9, 12))
    assert imported in retention.expired_cases(datetime.date(2027, 9, 13))


# --- alumni only after the workshop -------------------------------------------------------------------


def accept_alumni(invitation, email):
    invitation_service.record_response(invitation, True, {"consent_data": True, "consent_alumni": True,
                                                          "email": email})


def hold_workshop(case, days_ago=30):
    CouncilPage.objects.filter(translation_key=case.council_key).update(
        date=timezone.localdate() - datetime.timedelta(days=days_ago))
    case.refresh_from_db()


def test_no_alumni_are_kept_when_the_purge_comes_before_the_workshop(drawn):
    a = invitation_service.active_invitations(drawn).first()
    accept_alumni(a, "alumna@example.org")
    Invitation.objects.filter(pk=a.pk).update(checked_in_at=timezone.now())  # even a (wrong) check-in
    assert drawn.council.date > timezone.localdate()
    retention.purge(drawn)
    assert not Alumnus.objects.filter(council_key=drawn.council_key).exists()


def test_no_alumni_are_kept_when_nobody_attended(drawn):
    accept_alumni(invitation_service.active_invitations(drawn).first(), "alumna@example.org")
    hold_workshop(drawn)  # the date has passed, but nobody checked in: the workshop did not take place
    retention.purge(drawn)
    assert not Alumnus.objects.filter(council_key=drawn.council_key).exists()


def test_alumni_are_kept_after_a_workshop_that_took_place(drawn):
    a, b = list(invitation_service.active_invitations(drawn)[:2])
    accept_alumni(a, "alumna@example.org")
    accept_alumni(b, "alumnus@example.org")
    Invitation.objects.filter(pk=b.pk).update(checked_in_at=timezone.now())
    hold_workshop(drawn)
    retention.purge(drawn)
    assert sorted(Alumnus.objects.filter(council_key=drawn.council_key).values_list("email", flat=True)) == [
        "alumna@example.org", "alumnus@example.org"]
    entry = ModelLogEntry.objects.filter(object_id=str(drawn.pk), action=audit.ACTION_PURGE).latest("pk")
    assert entry.data["alumni"] == 2


# --- evaluation comments -------------------------------------------------------------------------------


def respond(case, count, comment):
    role = evaluation.PARTICIPANT
    for token in evaluation.issue_tokens(case, role, count):
        evaluation.submit(token, {key: 4 for key, _text in evaluation.questions(role)}, comment)


def test_comments_are_shown_with_a_warning_and_deleted_with_the_purge(client, drawn, manager_75):
    Invitation.objects.filter(pk=invitation_service.active_invitations(drawn).first().pk).update(
        status=Invitation.ACCEPTED, checked_in_at=timezone.now())
    hold_workshop(drawn)
    respond(drawn, evaluation.MIN_RESPONSES, COMMENT)
    evaluation.publish(drawn, manager_75)
    client.force_login(manager_75)
    page = client.get(reverse("recruitment:evaluation", args=[drawn.pk])).content.decode()
    assert COMMENT in page and "Kommentare können Namen" in page
    purge_page = client.get(reverse("recruitment:purge", args=[drawn.pk])).content.decode()
    assert f"{evaluation.MIN_RESPONSES} Kommentare aus der Evaluation" in purge_page

    retention.purge(drawn, manager_75)
    responses = EvaluationResponse.objects.filter(case=drawn)
    assert responses.count() == evaluation.MIN_RESPONSES  # the answers stay, for the figures
    assert not responses.exclude(comment="").exists()
    assert COMMENT not in client.get(reverse("recruitment:evaluation", args=[drawn.pk])).content.decode()
    entry = ModelLogEntry.objects.filter(object_id=str(drawn.pk), action=audit.ACTION_PURGE).latest("pk")
    assert entry.data["comments"] == evaluation.MIN_RESPONSES
    record = PublicRecord.objects.get(council_key=drawn.council_key)
    assert record.evaluation  # the published aggregates stay
    assert COMMENT not in str(record.evaluation)


def test_a_case_with_only_comments_left_still_counts_as_holding_personal_data(drawn):
    from recruitment.services.cases import has_personal_data

    respond(drawn, 1, COMMENT)
    retention.purge(drawn)
    assert not has_personal_data(drawn)
    respond(drawn, 1, COMMENT)
    assert has_personal_data(drawn)


def test_the_test_council_date_is_the_one_the_ceiling_is_computed_from(case):
    assert case.council.date == COUNCIL_DATE
