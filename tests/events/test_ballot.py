"""The priority list of a congress: one secret, changeable ballot per confirmed registration."""

import datetime

import pytest
from django.utils import timezone

from events import engagement
from events.models import Ballot, Registration, Topic
from events.organisers import setup_organisers
from tests.factories import UserFactory

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def congress(make_event):
    deadline = timezone.now() + datetime.timedelta(days=5)
    return make_event(slug="kongress", kind="congress", capacity=100, ballot_deadline=deadline)


@pytest.fixture
def topics(congress):
    return [Topic.objects.create(event=congress, title=t, sort_order=n)
            for n, t in enumerate(["Wohnen", "Ehrenamt", "Digitales"])]


def person(event, n, status=Registration.CONFIRMED):
    return Registration.objects.create(event=event, name=f"Person {n}", email=f"p{n}@example.org", status=status,
                                       consent_at=timezone.now(), confirmed_at=timezone.now())


def vote(client, reg, ids):
    data = {"action": "ballot", **{f"place_{i + 1}": str(t) for i, t in enumerate(ids)}}
    return client.post(f"/de/anmeldung/{reg.token}/", data)


def test_a_ballot_per_registration_changeable_and_secret(client, congress, topics):
    reg = person(congress, 1)
    vote(client, reg, [topics[2].pk, topics[0].pk])
    vote(client, reg, [topics[1].pk, topics[2].pk, topics[0].pk])
    ballots = Ballot.objects.filter(event=congress)
    assert ballots.count() == 1 and ballots.get().ranking == [topics[1].pk, topics[2].pk, topics[0].pk]
    stored = ballots.values().get()
    assert str(reg.pk) not in stored["voter_key"] and "registration_id" not in stored
    page = client.get(f"/de/anmeldung/{reg.token}/").content.decode()
    assert "Ihre Rangfolge ist gespeichert" in page


def test_only_confirmed_people_vote_and_only_until_the_deadline(client, clock, congress, topics):
    waiting = person(congress, 1, status=Registration.WAITING)
    vote(client, waiting, [topics[0].pk])
    assert not Ballot.objects.filter(event=congress).exists()
    confirmed = person(congress, 2)
    clock.shift(datetime.timedelta(days=6))
    vote(client, confirmed, [topics[0].pk])
    assert not Ballot.objects.filter(event=congress).exists()


def test_result_by_borda_published_by_the_organisers(client, clock, congress, topics):
    organiser = UserFactory(username="kongress-orga")
    setup_organisers(congress, [organiser])
    for n, ranking in enumerate([[0, 1, 2], [1, 0, 2], [1, 2]]):
        vote(client, person(congress, n), [topics[i].pk for i in ranking])
    client.force_login(organiser)
    client.post(f"/admin/events/{congress.pk}/ballot/", {"action": "publish"})
    congress.refresh_from_db()
    assert not congress.ballot_published, "not while the vote runs"
    assert 'id="prioritaeten"' not in client.get(congress.url).content.decode()
    clock.shift(datetime.timedelta(days=6))
    client.post(f"/admin/events/{congress.pk}/ballot/", {"action": "publish"})
    client.logout()
    page = client.get(congress.url).content.decode()
    rows, ballots = engagement.results(congress)
    assert ballots == 3 and [t.title for t, _row in rows] == ["Ehrenamt", "Wohnen", "Digitales"]
    assert page.index("Ehrenamt") < page.index("Wohnen") < page.index("Digitales")
    assert "Borda" in page


def test_cancelling_withdraws_the_ballot(client, congress, topics):
    reg = person(congress, 1)
    vote(client, reg, [topics[0].pk])
    client.post(f"/de/anmeldung/{reg.token}/", {"action": "cancel"})
    assert not Ballot.objects.filter(event=congress).exists()
