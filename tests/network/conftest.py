import pytest


@pytest.fixture(autouse=True)
def fresh_form_limits():
    """The submission counters of the public forms (config/ratelimit.py) start empty in every test."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()
