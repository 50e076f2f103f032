"""No personal data in logs: a response through the public page (with a failing confirmation mail
whose error quotes the address), bad codes, and register imports (a good one and one with errors)
run with every logger at DEBUG, and no log line or traceback holds a name, an address, an e-mail
address or a code."""

import logging
import smtplib

import pytest
from django.core.cache import caches

from recruitment.logic import codes
from recruitment.models import ImportJob
from recruitment.services import imports, invitations

from .conftest import MARKER_SURNAME, csv_bytes, demo_case, synthetic_rows

pytestmark = pytest.mark.django_db

EMAIL = "quokka.privat@example.org"
LOGGERS = ("", "recruitment", "django", "django.request", "django_tasks", "wagtail", "weasyprint")


@pytest.fixture
def all_logs(caplog):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    for cache in caches.all():
        cache.clear()
    yield caplog
    for cache in caches.all():
        cache.clear()


def logged_text(caplog):
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def failing_mail(*args, **kwargs):
    recipients = args[3] if len(args) > 3 else kwargs["recipient_list"]
    raise smtplib.SMTPRecipientsRefused(dict.fromkeys(recipients, (550, b"mailbox unavailable")))


def test_a_response_with_a_failing_mail_and_bad_codes_log_nothing_personal(client, all_logs, monkeypatch):
    monkeypatch.setattr("recruitment.public.responses.send_mail", failing_mail)
    invitation = invitations.active_invitations(demo_case()).first()
    code = invitations.issue_code(invitation)
    person = invitation.placement.person
    for bad in ("ZZZZ-ZZZZ-ZZZZZ", codes.formatted(code)[:-1] + "Q"):
        client.post("/de/antwort/", {"code": bad})
    assert client.post("/de/antwort/", {"code": codes.formatted(code)}).status_code == 302
    response = client.post(f"/de/antwort/{codes.formatted(code)}/", {
        "answer": "accept", "email": EMAIL, "phone": "0170 1234567", "consent_data": "on",
        "needs_dietary": "vegetarisch"})
    assert response.status_code == 302  # the answer is saved although the mail failed
    invitation.refresh_from_db()
    assert invitation.email == EMAIL
    text = logged_text(all_logs)
    assert "confirmation e-mail could not be sent (SMTPRecipientsRefused)" in text  # the logs did capture
    secrets = [EMAIL, "0170 1234567", code, codes.formatted(code), person.family_name, person.given_names,
               person.street, "vegetarisch"]
    for secret in secrets:
        assert secret not in text, secret


def test_register_imports_log_nothing_personal(case, all_logs):
    rows = synthetic_rows(60)
    job = ImportJob.objects.create(case=case, source="command")
    assert imports.run_import(job, data=csv_bytes(rows)).ok
    broken = [*synthetic_rows(5, seed=3), [MARKER_SURNAME, "Quokka", "", "31.02.1990", "w", "Demoweg", "1",
                                           "12345", "Demostadt", "", "deutsch"]]
    failed = ImportJob.objects.create(case=case, source="command")
    outcome = imports.run_import(failed, data=csv_bytes(broken))
    assert not outcome.ok
    text = logged_text(all_logs)
    secrets = {MARKER_SURNAME, "Quokka", "31.02.1990"}
    secrets |= {row[1] for row in rows} | {row[3] for row in rows} | {f"{row[5]} {row[6]}" for row in rows}
    for secret in secrets:
        assert secret not in text, secret
