"""Open registration: double opt-in, the waiting list, cancellation, the online link, forged links."""

import datetime

import pytest
from django.core import mail

from events.models import Registration

from .conftest import TODAY
from .mails import last_link, links, mails_to

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def register(client, event, name, email, path=None, **extra):
    data = {"form": "registration", "name": name, "email": email, "consent": "on", **extra}
    return client.post(path or event.url, data)


def confirm(client, email):
    link = last_link(email)
    return client.post(link, {"action": "confirm"}), link


def test_registration_needs_confirmation_before_it_takes_a_place(client, event):
    response = register(client, event, "Anna Beispiel", "anna@example.org")
    assert response.status_code == 302
    reg = Registration.objects.get(email="anna@example.org")
    assert reg.status == Registration.PENDING and event.confirmed_count() == 0
    message = mails_to("anna@example.org")[0]
    assert "bestätigen" in message.subject and len(set(links(message))) == 1
    confirm(client, "anna@example.org")
    reg.refresh_from_db()
    assert reg.status == Registration.CONFIRMED and event.confirmed_count() == 1
    assert "Platz" in mails_to("anna@example.org")[-1].subject


def test_consent_is_required(client, event):
    response = client.post(event.url, {"form": "registration", "name": "Ben Muster", "email": "ben@example.org"})
    assert response.status_code == 200
    assert not Registration.objects.filter(event=event).exists() and not mail.outbox
    assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()


def test_full_event_puts_people_on_the_waiting_list_and_a_cancellation_moves_the_first_up(client, event):
    for n in range(4):
        register(client, event, f"Person {n}", f"p{n}@example.org")
        confirm(client, f"p{n}@example.org")
    statuses = [Registration.objects.get(email=f"p{n}@example.org").status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    assert "Warteliste" in mails_to("p2@example.org")[-1].subject
    page = client.get(last_link("p3@example.org")).content.decode()
    assert "Warteliste (Platz 2)" in page

    response = client.post(last_link("p0@example.org"), {"action": "cancel"})
    assert response.status_code == 302
    assert Registration.objects.get(email="p0@example.org").status == "cancelled"
    assert Registration.objects.get(email="p2@example.org").status == "confirmed"
    assert Registration.objects.get(email="p3@example.org").status == "waiting"
    moved = mails_to("p2@example.org")[-1]
    assert "nachgerückt" in moved.subject and links(moved), "the person moved up gets a mail with a cancel link"
    assert event.confirmed_count() == 2


def test_every_mail_carries_the_personal_link(client, event):
    for n in range(3):
        register(client, event, f"Person {n}", f"p{n}@example.org")
        confirm(client, f"p{n}@example.org")
    client.post(last_link("p0@example.org"), {"action": "cancel"})
    for message in mail.outbox:
        if "storniert" not in message.subject:
            assert links(message), message.subject


def test_registration_on_the_english_page_counts_for_the_same_event(client, event,
                                                                   django_capture_on_commit_callbacks):
    from home.translation import translate

    with django_capture_on_commit_callbacks(execute=True):
        en = translate(event, "en", {})
    en.refresh_from_db()
    register(client, event, "Clara Probe", "clara@example.org", path=en.url)
    reg = Registration.objects.get(email="clara@example.org")
    assert reg.event_id == event.pk and reg.language == "en"
    assert "/en/registration/" in mails_to("clara@example.org")[0].body


@pytest.mark.parametrize("token", ["forged", "eyJmYWtlIjoxfQ:1abc:xyz", "x" * 300])
def test_a_forged_link_says_so_and_changes_nothing(client, event, token):
    register(client, event, "Anna Beispiel", "anna@example.org")
    response = client.post(f"/de/anmeldung/{token}/", {"action": "confirm"})
    assert response.status_code == 404
    assert "Dieser Link ist ungültig" in response.content.decode()
    assert Registration.objects.get(event=event).status == Registration.PENDING


def test_a_tampered_link_is_refused(client, event):
    register(client, event, "Anna Beispiel", "anna@example.org")
    link = last_link("anna@example.org")
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    assert client.post(tampered, {"action": "confirm"}).status_code == 404
    assert Registration.objects.get(event=event).status == Registration.PENDING


def test_an_expired_confirmation_link_changes_nothing(client, clock, event):
    register(client, event, "Anna Beispiel", "anna@example.org")
    clock.shift(datetime.timedelta(hours=49))
    client.post(last_link("anna@example.org"), {"action": "confirm"})
    assert Registration.objects.get(event=event).status == Registration.PENDING
    page = client.get(last_link("anna@example.org")).content.decode()
    assert "abgelaufen" in page


def test_online_link_only_for_confirmed_people_shortly_before_the_start(client, clock, event):
    assert "meet.example.org" not in client.get(event.url).content.decode()
    register(client, event, "Anna Beispiel", "anna@example.org")
    confirm(client, "anna@example.org")
    register(client, event, "Ben Muster", "ben@example.org")  # never confirms
    anna, ben = last_link("anna@example.org"), last_link("ben@example.org")
    assert "meet.example.org" not in client.get(anna).content.decode(), "not days before"
    clock.move_to(datetime.datetime(2026, 7, 11, 16, 40, tzinfo=event.zone()))
    assert "meet.example.org" in client.get(anna).content.decode()
    assert "meet.example.org" not in client.get(ben).content.decode(), "not for unconfirmed people"
    clock.move_to(datetime.datetime(2026, 7, 11, 16, 20, tzinfo=event.zone()))
    page = client.get(anna).content.decode()
    assert "meet.example.org" not in page and "16:30" in page


def test_personal_page_is_not_cached_or_indexed(client, event):
    register(client, event, "Anna Beispiel", "anna@example.org")
    response = client.get(last_link("anna@example.org"))
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_closed_registration_refuses(client, make_event):
    closed = make_event(slug="zu", registration_open=False)
    register(client, closed, "Anna Beispiel", "anna@example.org")
    assert not Registration.objects.filter(event=closed).exists() and not mail.outbox
