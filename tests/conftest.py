import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.models import HomePage


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


def pytest_collection_modifyitems(config, items):
    """Browser tests last: the fast suite reports first, and Playwright's event loop (alive for the
    rest of the session once the browser starts) cannot disturb threaded database tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
