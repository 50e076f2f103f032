"""The public response page: code entry, answer, confirmation, neutral errors, rate limit."""

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from recruitment.logic import codes
from recruitment.models import Invitation
from recruitment.services import audit, invitations

from .conftest import demo_case

pytestmark = pytest.mark.django_db

INVALID = "Dieser Code ist nicht (mehr) gültig"
CODE_URL = "/de/antwort/"


@pytest.fixture(autouse=True)
def clear_cache():
    for cache in caches.all():  # the page caches and the attempt counters ("ratelimit")
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def invited():
    invitation = invitations.active_invitations(demo_case()).first()
    return invitation, invitations.issue_code(invitation)


def accept_data(**extra):
    data = {"answer": "accept", "email": "teilnahme@example.org", "consent_data": "on",
            "consent_photo_website": "on", "needs_dietary": "vegetarisch", "needs_childcare": "1 Kind, 4 Jahre"}
    data.update(extra)
    return data


def test_urls_in_both_languages():
    assert reverse("recruitment_public:code") == CODE_URL
    assert reverse("recruitment_public:respond", args=["ABCD"]) == "/de/antwort/ABCD/"
    with translation.override("en"):
        assert reverse("recruitment_public:code").startswith("/en/")


def test_code_form_leads_to_the_response_page_showing_only_the_first_name(client, invited):
    invitation, code = invited
    page = client.get(CODE_URL)
    assert page.status_code == 200 and 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(CODE_URL, {"code": codes.formatted(code).lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == f"/de/antwort/{codes.formatted(code)}/"
    page = client.get(response["Location"]).content.decode()
    person = invitation.placement.person
    assert person.given_names.split(" ")[0] in page
    assert person.family_name not in page and person.street not in page
    council = invitation.case.council
    assert council.title in page and council.venue_town in page
    assert "<legend>" in page and "<fieldset>" in page


def test_accepting_records_needs_and_consents_and_sends_a_confirmation(client, invited):
    invitation, code = invited
    url = f"/de/antwort/{codes.formatted(code)}/"
    response = client.post(url, accept_data())
    assert response.status_code == 302 and response["Location"] == reverse("recruitment_public:done")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.ACCEPTED and invitation.channel == Invitation.WEB
    assert invitation.consent_data and invitation.consent_photo_website and not invitation.consent_photo_press
    assert invitation.needs_dietary == "vegetarisch" and invitation.responded_at
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["teilnahme@example.org"]
    assert invitation.case.council.title in mail.outbox[0].body
    done = client.get(response["Location"]).content.decode()
    assert "Zusage" in done
    # the code is used now: the same neutral message as for a wrong code
    used = client.get(url).content.decode()
    wrong = client.get("/de/antwort/ABCD-EFGH-JKMNP/").content.decode()
    assert INVALID in used and INVALID in wrong
    entries = list(ModelLogEntry.objects.filter(action=audit.ACTION_RESPONSE).values_list("data", flat=True))
    assert entries and all(code not in str(d) and "teilnahme@" not in str(d) for d in entries)


def test_accepting_needs_consent_and_a_contact(client, invited):
    invitation, code = invited
    url = f"/de/antwort/{codes.formatted(code)}/"
    page = client.post(url, {"answer": "accept"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="error-summary"' in html and 'role="alert"' in html
    assert set(page.context["form"].errors) == {"consent_data", "phone"}
    invitation.refresh_from_db()
    assert invitation.status == Invitation.PENDING
    assert client.post(url, {"answer": "accept", "phone": "0123 456", "consent_data": "on"}).status_code == 302
    assert not mail.outbox


def test_declining_keeps_only_the_reason(client, invited):
    invitation, code = invited
    client.post(f"/de/antwort/{codes.formatted(code)}/",
                {"answer": "decline", "decline_reason": "Termin", "email": "x@example.org", "consent_alumni": "on"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.DECLINED and invitation.decline_reason == "Termin"
    assert invitation.email == "" and not invitation.consent_alumni
    assert not mail.outbox


def test_a_code_of_a_replaced_invitation_is_invalid(client, invited):
    invitation, code = invited
    invitations.set_status(invitation, Invitation.DECLINED)
    invitations.replace(invitation)
    assert INVALID in client.post(CODE_URL, {"code": code}).content.decode()


def test_attempts_are_rate_limited_per_ip(client, settings, invited):
    _, code = invited
    settings.RECRUITMENT_RESPONSE_ATTEMPTS = 3
    for _ in range(3):
        assert INVALID in client.post(CODE_URL, {"code": "ZZZZ-ZZZZ-ZZZZZ"}).content.decode()
    blocked = client.post(CODE_URL, {"code": code})
    assert blocked.status_code == 429 and "später" in blocked.content.decode()
    assert client.get(f"/de/antwort/{codes.formatted(code)}/").status_code == 429
    other = client.post(CODE_URL, {"code": code}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302


def test_the_form_is_csrf_protected(invited):
    from django.test import Client

    _, code = invited
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(CODE_URL, {"code": code}).status_code == 403
