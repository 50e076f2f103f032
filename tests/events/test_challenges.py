"""Local challenges: submitted publicly, shown only after moderation, linked to groups and offers."""

import pytest
from django.core import mail

from events.models import Challenge, SmallGroup

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def submit(client, event, title="Zu wenig Bänke", kind="problem", **extra):
    data = {"kind": kind, "title": title, "description": "Im Park fehlen Bänke.", "neighbourhood": "Altstadt",
            "contact_email": "kontakt@example.org", **extra}
    return client.post(event.url, {"form": "challenge", **{f"challenge-{k}": v for k, v in data.items()}})


def test_a_challenge_appears_only_after_approval_and_never_with_the_contact(client, event, organiser):
    organiser.email = "orga@example.org"
    organiser.save()
    assert submit(client, event).status_code == 302
    challenge = Challenge.objects.get(event=event)
    assert challenge.state == Challenge.SUBMITTED
    assert "Zu wenig Bänke" not in client.get(event.url).content.decode()
    notice = [m for m in mail.outbox if "orga@example.org" in m.to]
    assert notice and "kontakt@example.org" not in notice[0].body
    assert f"/admin/events/{event.pk}/challenges/" in notice[0].body, "the mail leads to the moderation page"

    client.force_login(organiser)
    client.post(f"/admin/events/{event.pk}/challenges/", {"challenge": challenge.pk, "action": "approve"})
    client.logout()
    page = client.get(event.url).content.decode()
    assert "Zu wenig Bänke" in page and "kontakt@example.org" not in page


def test_rejected_challenges_stay_hidden(client, event, organiser):
    submit(client, event, title="Werbung")
    client.force_login(organiser)
    client.post(f"/admin/events/{event.pk}/challenges/", {"challenge": Challenge.objects.get(event=event).pk,
                                                           "action": "reject"})
    client.logout()
    assert "Werbung" not in client.get(event.url).content.decode()


def test_no_form_when_the_event_collects_no_challenges(client, make_event):
    closed = make_event(slug="ohne", challenges_open=False)
    submit(client, closed)
    assert not Challenge.objects.filter(event=closed).exists()


def test_challenge_linked_to_a_group_result_and_a_matching_offer(client, event, organiser):
    submit(client, event, title="Kein Treffpunkt")
    submit(client, event, title="Unser Vereinsraum", kind="offer")
    problem, offer = Challenge.objects.get(event=event, kind="problem"), Challenge.objects.get(event=event, kind="offer")
    group = SmallGroup.objects.create(event=event, number=1, result="Treffen im Vereinsraum ab Herbst")
    client.force_login(organiser)
    for c in (problem, offer):
        client.post(f"/admin/events/{event.pk}/challenges/", {"challenge": c.pk, "action": "approve"})
    client.post(f"/admin/events/{event.pk}/challenges/", {"challenge": problem.pk, "action": "link",
                                                           "groups": [group.pk], "matches": [offer.pk]})
    client.logout()
    page = client.get(event.url).content.decode()
    assert "Treffen im Vereinsraum ab Herbst" in page
    assert "Passt zu: Unser Vereinsraum" in page
