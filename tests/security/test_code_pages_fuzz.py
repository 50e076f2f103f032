"""Property-based: whatever a visitor types or links as a response code or evaluation token, the
public code pages answer without a server error and change nothing in the database."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from recruitment.models import Alumnus, EvaluationResponse, EvaluationToken, Invitation

pytestmark = pytest.mark.django_db

ENTRY_PAGES = ["/de/antwort/", "/en/response/", "/de/bewertung/", "/en/evaluation/"]
ANSWERS = {"answer": "accept", "email": "", "comment": "Alles gut", "accessibility": ""}

# Anything at all, and text close to a real code (right alphabet and length, separators, case).
typed = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"[A-Za-z0-9\- \u2013]{10,20}", fullmatch=True),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
)
FUZZ = hypothesis_settings(max_examples=60, deadline=None, database=None,
                           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def snapshot():
    return (list(Invitation.objects.order_by("pk").values_list()),
            list(EvaluationToken.objects.order_by("pk").values_list()),
            EvaluationResponse.objects.count(), Alumnus.objects.count(), ModelLogEntry.objects.count())


@pytest.fixture
def unlimited(settings):
    """No rate limit, so every example reaches the code lookup (the limit has its own tests)."""
    settings.RECRUITMENT_RESPONSE_ATTEMPTS = 10**9
    yield
    cache.clear()  # the failures counted here must not block the next tests' valid codes


def test_the_demo_has_open_codes_to_protect():
    assert Invitation.objects.filter(status__in=Invitation.OPEN_STATUSES).exists()


@FUZZ
@given(text=typed)
def test_any_text_in_a_code_link_is_no_server_error_and_changes_nothing(client, unlimited, text):
    before = snapshot()
    for entry in ENTRY_PAGES:
        url = entry + quote(text, safe="") + "/"
        assert client.get(url).status_code in (200, 301, 302, 400, 404), url
        assert client.post(url, ANSWERS).status_code in (200, 301, 302, 400, 403, 404), url
    assert snapshot() == before


@FUZZ
@given(text=typed)
def test_any_text_in_the_code_forms_is_no_server_error_and_changes_nothing(client, unlimited, text):
    before = snapshot()
    for entry in ENTRY_PAGES:
        response = client.post(entry, {"code": text})
        assert response.status_code == 200, (entry, response.status_code)  # the form again, never a redirect
    assert snapshot() == before


def test_a_nul_byte_in_the_code_form_is_refused_with_a_message(client, unlimited):
    response = client.post("/de/antwort/", {"code": "ABCD\x00EFGH"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
