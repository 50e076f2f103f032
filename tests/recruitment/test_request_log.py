"""Request logs (config/request_log.py): one JSON line per request, and nothing in any log line that
names a resident or carries a response code, even on the code pages."""

import json
import logging

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import resolve

from config.request_log import JsonFormatter, RedactPaths
from recruitment.logic import codes
from recruitment.services import invitations

from .conftest import demo_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def logs(caplog):
    """Every log line of every logger at INFO, as production writes it (JSON, paths redacted)."""
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.INFO, logger="wkr.requests")
    formatter, redact = JsonFormatter(), RedactPaths()

    def lines():
        return [formatter.format(r) for r in caplog.records if redact.filter(r)]

    return lines


def request_lines(lines):
    return [json.loads(line) for line in lines if '"event": "request"' in line]


def test_the_response_page_logs_neither_the_code_nor_the_resident(client, logs):
    invitation = invitations.active_invitations(demo_case()).first()
    code = invitations.issue_code(invitation)
    url = f"/de/antwort/{codes.formatted(code)}/"
    assert client.get(url + "?quelle=brief").status_code == 200
    answer = {"answer": "accept", "email": "teilnahme@example.org", "consent_data": "on"}
    assert client.post(url, answer).status_code == 302
    assert client.get(url + "weiter/").status_code == 404  # a typing slip after the code

    lines = logs()
    text = "\n".join(lines)
    person = invitation.placement.person
    for secret in (code, codes.formatted(code), code.lower(), person.family_name, person.given_names,
                   person.street, "teilnahme@example.org", "127.0.0.1", "quelle", "brief"):
        assert secret not in text
    requests = request_lines(lines)
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/de/antwort/{code}/", 200), ("POST", "/de/antwort/{code}/", 302), ("GET", None, 404)]
    assert requests[0]["view"] == "recruitment_public:respond"
    assert set(requests[0]) == {"time", "level", "logger", "event", "method", "view", "path", "status",
                                "duration_ms", "instance", "pid", "cache"}


def test_a_wrong_code_typed_into_the_address_is_not_logged_either(client, logs):
    assert client.get("/de/antwort/ABCD-EFGH-JKMNP/").status_code == 200  # the neutral answer
    text = "\n".join(logs())
    assert "ABCD" not in text and "JKMNP" not in text


def test_public_pages_log_their_path_and_the_page_cache_verdict(client, de_home, logs, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get(de_home.url)
    client.get(de_home.url + "?utm_source=newsletter")
    client.get(de_home.url)
    requests = request_lines(logs())
    assert [(r["path"], r["status"], r["cache"]) for r in requests] == [
        (de_home.url, 200, "miss"), (de_home.url, 200, "miss"), (de_home.url, 200, "hit")]
    assert all(r["view"] == "wagtail_serve" and r["duration_ms"] >= 0 for r in requests)


def test_signed_in_editors_are_not_named(client, editor, logs):
    client.force_login(editor)
    client.get("/admin/")
    text = "\n".join(logs())
    assert '"path": "/admin/"' in text and "editor" not in text


def test_django_error_lines_name_the_redacted_path():
    request = RequestFactory().get("/de/bewertung/ABCD-EFGH-JKMNP/")
    request.resolver_match = resolve(request.path)
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                               (request.path,), None)
    record.request = request
    RedactPaths().filter(record)
    line = JsonFormatter().format(record)
    assert "ABCD" not in line and "Internal Server Error: /de/bewertung/{token}/" in json.loads(line)["message"]
