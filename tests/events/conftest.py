import datetime

import pytest

from events.models import EventIndexPage, EventPage
from events.organisers import setup_organisers
from tests.factories import UserFactory

TODAY = datetime.date(2026, 7, 1)


@pytest.fixture
def event_index(de_home):
    return EventIndexPage.objects.child_of(de_home).get()


@pytest.fixture
def make_event(event_index):
    def make(slug="test-konferenz", **fields):
        values = {"title": "Testkonferenz", "slug": slug, "date": TODAY + datetime.timedelta(days=10),
                  "start_time": datetime.time(17), "end_time": datetime.time(20), "capacity": 2,
                  "online": True, "online_url": "https://meet.example.org/geheim", "challenges_open": True,
                  **fields}
        page = EventPage(**values)
        event_index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page
    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def organiser(event):
    user = UserFactory(username="orga")
    setup_organisers(event, [user])
    return user


@pytest.fixture(autouse=True)
def fresh_form_limits():
    """The submission counters of the public forms (config/ratelimit.py) start empty in every test."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()
