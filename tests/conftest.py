import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale

from councils.models import CouncilIndexPage, Wahlkreis
from home.models import HomePage

from .factories import ConstituencyPageFactory, ImageFactory, UserFactory


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "today(day): run the test with the clock frozen at 10:00 Berlin time on this day "
        "(a datetime.date or an ISO date); the `clock` fixture moves it on")


# --- the clock ------------------------------------------------------------------------------------
# The demo database is built relative to the real today (the demo works on any day). A test that
# asserts dates says the day it runs at: @pytest.mark.today("2026-07-01") (or pytestmark for a file).


def morning(day):
    """10:00 Berlin time on `day` (a date or an ISO date string)."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))


@pytest.fixture(autouse=True)
def clock(request):
    """The frozen clock of a test marked ``today``: ``clock.shift(delta)``, ``clock.move_to(morning(day))``.
    None for other tests, whose clock runs."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield None
        return
    with time_machine.travel(morning(marker.args[0]), tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def german_by_default():
    """Every test starts in German, the site's default: a request to an /en/ page leaves English
    active in the thread, and messages built later would follow it."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo site: what a new user sees is what we test.

    Tests run inside transactions that roll back, so each starts from this state.
    """
    with django_db_blocker.unblock():
        from django.test.utils import override_settings

        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def de_home(db):
    return HomePage.objects.get(locale=Locale.objects.get(language_code="de"))


@pytest.fixture
def en_home(db):
    return HomePage.objects.get(locale=Locale.objects.get(language_code="en"))


# --- things most tests need (factories in tests/factories.py say how to make anything else) ---------


@pytest.fixture
def council_index(de_home):
    """The German index of councils (/de/wahlkreisraete/)."""
    return CouncilIndexPage.objects.child_of(de_home).get()


@pytest.fixture
def constituency(council_index):
    """A published constituency page of its own, for Wahlkreis 61 (the demo has no page for it)."""
    return ConstituencyPageFactory(parent=council_index, wahlkreis=Wahlkreis.objects.get(number=61),
                                   slug="wk-61", publish=True)


@pytest.fixture
def image(db):
    """A public image (it shows no one, so it needs no consent)."""
    return ImageFactory()


@pytest.fixture
def editor(db):
    """A member of the editorial team ("Redaktion": pages, stories, images; no private data)."""
    from councils.teams import EDITORS_GROUP

    return UserFactory(username="editor", groups=[EDITORS_GROUP])


def pytest_collection_modifyitems(config, items):
    """Browser tests last: the fast suite reports first, and Playwright's event loop (alive for the
    rest of the session once the browser starts) cannot disturb threaded database tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
