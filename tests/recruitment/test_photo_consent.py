"""Photo consent end to end: given with the answer (response page or the manager's "Antwort
erfassen"), kept as a consent record of the media app, visible to the photographer on the
participants list and the badges, with a guardian's consent for minors. Every person is synthetic."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from wagtail.models import ModelLogEntry

from media.models import Consent
from recruitment.logic import codes
from recruitment.models import Invitation, Person
from recruitment.services import audit, participants, photo_consent, retention
from recruitment.services import invitations as invitation_service
from tests.factories import ImageFactory
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db

CONSENT_MARK = "Foto-Einwilligung liegt vor"


@pytest.fixture(autouse=True)
def clear_cache():
    for cache in caches.all():  # the attempt counters of the response page
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def invited(case, index=0, age=None):
    invitation = list(invitation_service.active_invitations(case)[: index + 1])[index]
    if age is not None:
        Person.objects.filter(pk=invitation.placement.person_id).update(age=age)
        invitation = Invitation.objects.get(pk=invitation.pk)
    return invitation


def answer_online(client, invitation, **extra):
    code = invitation_service.issue_code(invitation)
    data = {"answer": "accept", "phone": "0000 000000", "consent_data": "on", **extra}
    response = client.post(f"/de/antwort/{codes.formatted(code)}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation.refresh_from_db()
    return client.get(response["Location"]).content.decode()


def test_the_response_page_offers_the_photo_consent_unticked_with_how_to_withdraw(client, drawn):
    invitation = invited(drawn)
    code = invitation_service.issue_code(invitation)
    page = client.get(f"/de/antwort/{codes.formatted(code)}/").content.decode()
    assert "Ich bin einverstanden, dass Fotos von mir gemacht" in page
    box = re.search(r'<input[^>]*name="consent_photo_website"[^>]*>', page).group(0)
    assert "checked" not in box  # unticked by default
    assert "Widerruf" in page
    assert 'name="guardian_name"' not in page  # an adult needs no guardian


def test_photo_consent_on_the_response_page_becomes_a_consent_record(client, drawn):
    invitation = invited(drawn, age=40)
    done = answer_online(client, invitation, consent_photo_website="on", consent_photo_press="on")
    record = invitation.photo_consent
    assert record is not None and record.is_before_recording
    assert (record.use_website, record.use_press, record.use_social) == (True, True, False)
    assert record.person_name.endswith(invitation.person.family_name) and not record.is_minor
    assert record.occasion.startswith("Workshop des Wahlkreisrats") and record.allows_any_use()
    assert "Foto-Einwilligung haben wir gespeichert" in done
    entry = ModelLogEntry.objects.filter(action=audit.ACTION_RESPONSE).latest("pk")
    assert entry.data["photo_consent"] == "recorded"
    assert invitation.person.family_name not in str(entry.data)  # no names in the log


def test_no_tick_or_a_decline_keeps_no_consent_data(client, drawn):
    before = Consent.objects.count()
    invitation = invited(drawn, age=40)
    answer_online(client, invitation)  # accepted, no photo tick
    assert invitation.photo_consent is None and not invitation.consent_photo_website
    other = invited(drawn, 1, age=40)
    code = invitation_service.issue_code(other)
    client.post(f"/de/antwort/{codes.formatted(code)}/", {"answer": "decline", "consent_photo_website": "on"})
    other.refresh_from_db()
    assert other.status == Invitation.DECLINED and other.photo_consent is None
    assert not other.consent_photo_website and Consent.objects.count() == before


def test_a_minor_without_a_guardian_gets_no_record_and_a_clear_message(client, drawn):
    invitation = invited(drawn, age=17)
    code = invitation_service.issue_code(invitation)
    form = client.get(f"/de/antwort/{codes.formatted(code)}/").content.decode()
    assert 'name="guardian_name"' in form and "Ich bin erziehungsberechtigt und stimme zu" in form
    done = answer_online(client, invitation, consent_photo_website="on")
    assert invitation.status == Invitation.ACCEPTED  # the answer counts
    assert invitation.photo_consent is None and not invitation.consent_photo_website
    assert "Foto-Einwilligung haben wir nicht gespeichert" in done and "erziehungsberechtigte" in done


def test_a_minor_with_a_guardian_gets_a_record_with_the_guardians_consent(client, drawn):
    invitation = invited(drawn, age=16)
    answer_online(client, invitation, consent_photo_website="on", guardian_name="Eltern Demo",
                  guardian_consent="on")
    record = invitation.photo_consent
    assert record.is_minor and record.guardian_name == "Eltern Demo" and record.guardian_consented_on
    assert record.allows_any_use()


def test_the_manager_records_a_photo_consent_taken_by_phone(client, drawn, demo_manager):
    invitation = invited(drawn, age=30)
    client.force_login(demo_manager)
    url = reverse("recruitment:respond", args=[drawn.pk, invitation.pk])
    response = client.post(url, {"channel": "phone", "answer": "accept", "consent_data": "on", "phone": "0000 1",
                                 "consent_photo_social": "on"}, follow=True)
    assert "Foto-Einwilligung als Einwilligung vor der Aufnahme gespeichert" in response.content.decode()
    invitation.refresh_from_db()
    record = invitation.photo_consent
    assert record.use_social and not record.use_website
    assert record.recorded_by == demo_manager and "Telefon" in record.evidence
    # a correction to "no" keeps no consent data
    client.post(url, {"channel": "phone", "answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.photo_consent is None and not Consent.objects.filter(pk=record.pk).exists()


def test_the_manager_is_told_when_a_minors_guardian_is_missing(client, drawn, demo_manager):
    invitation = invited(drawn, age=17)
    client.force_login(demo_manager)
    url = reverse("recruitment:respond", args=[drawn.pk, invitation.pk])
    assert "minderjährig" in client.get(url).content.decode()
    page = client.post(url, {"channel": "door", "answer": "accept", "consent_data": "on", "phone": "0000 1",
                             "consent_photo_website": "on"}, follow=True).content.decode()
    assert "Foto-Einwilligung wurde nicht gespeichert" in page
    invitation.refresh_from_db()
    assert invitation.photo_consent is None


def accept(invitation, **extra):
    return invitation_service.record_response(invitation, True, {"consent_data": True, "phone": "0", **extra})


def test_participants_list_marks_photo_consent_and_minors(client, drawn, demo_manager):
    adult = accept(invited(drawn, 0, age=50), consent_photo_website=True)
    minor = accept(invited(drawn, 1, age=17))
    without = accept(invited(drawn, 2, age=60))
    client.force_login(demo_manager)
    page = client.get(reverse("recruitment:participants", args=[drawn.pk])).content.decode()

    def row(inv):
        start = page.index(f'id="p{inv.pk}"')
        return page[start:page.index("</tr>", start)]

    assert CONSENT_MARK in row(adult) and "minderjährig" not in row(adult)
    assert CONSENT_MARK not in row(minor) and "minderjährig" in row(minor)
    assert CONSENT_MARK not in row(without) and "minderjährig" not in row(without)
    # a withdrawal (the media app's path) removes the marker
    adult.photo_consent.withdraw()
    page = client.get(reverse("recruitment:participants", args=[drawn.pk])).content.decode()
    assert CONSENT_MARK not in row(adult)


def test_badges_carry_a_discreet_dot_explained_on_the_legend_page(drawn):
    with_consent = accept(invited(drawn, 0, age=50), consent_photo_press=True)
    accept(invited(drawn, 1, age=50))
    data = participants.badges_pdf(drawn)
    badges, legend = pdf_text(data, 0), pdf_text(data, 1)
    assert badges.count("•") == 1 and with_consent.person.first_name in badges
    assert "Für das Fototeam" in legend and "Foto-Einwilligung" in legend
    assert "Einwilligung" not in badges  # the badges themselves give no reason


def test_pictures_based_on_the_consent_are_withdrawn_with_it_and_survive_the_purge(drawn):
    invitation = accept(invited(drawn, age=40), consent_photo_website=True)
    record = invitation.photo_consent
    image = ImageFactory(shows_identifiable_people=True)
    picture_record = record.for_picture(image=image)
    assert image.is_public("website")
    retention.purge(drawn)
    record.refresh_from_db()  # kept: a picture relies on it
    record.withdraw()
    picture_record.refresh_from_db()
    assert picture_record.withdrawn_on == record.withdrawn_on
    image.forget_consents()
    assert not image.is_public("website")


def test_the_purge_deletes_photo_consents_no_picture_relies_on(drawn):
    record = accept(invited(drawn, age=40), consent_photo_website=True).photo_consent
    assert photo_consent.unused_records(drawn).filter(pk=record.pk).exists()
    retention.purge(drawn)
    assert not Consent.objects.filter(pk=record.pk).exists()
