"""The citizens' network in a real browser against the demo server: a reader applies for a micro-project
grant with budget lines, gets the thank-you page and a receipt by e-mail, and nothing of the application
shows on the public project library."""

import uuid

import pytest

from .test_events import mails_to, server_log  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

APPLY = "/de/netzwerk/mikroprojekt-beantragen/"


def test_a_reader_applies_for_a_micro_project(page, server_log):  # noqa: F811
    email = f"antrag-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(APPLY)
    page.fill('input[name="applicant_name"]', "Erika Beispiel (fiktiv)")
    page.fill('input[name="applicant_email"]', email)
    page.fill('input[name="place_text"]', "Musterstadt")
    page.fill('input[name="title"]', "Bänke für den Dorfplatz")
    page.fill('textarea[name="idea"]', "Drei Bänke, gebaut mit der Jugendwerkstatt.")
    page.fill('input[name="budget_item_0"]', "Holz und Schrauben")
    page.fill('input[name="budget_amount_0"]', "450")
    page.check('input[name="privacy"]')
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_url("**/mikroprojekt-beantragen/danke/")
    assert "Vielen Dank für Ihren Antrag" in page.content()
    assert mails_to(server_log, email), "the applicant gets a receipt"

    page.goto("/de/projekte/")
    assert "Erika Beispiel" not in page.content() and email not in page.content()
