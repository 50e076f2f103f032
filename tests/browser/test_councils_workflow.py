"""The MdB team's follow-up through moderation, in the real admin in headless Chromium.

"mdb-team" drafts a follow-up below its council "Bezahlbares Wohnen" and submits it to the workflow
"Moderation Rückmeldungen" (it has no right to publish); "redaktion" approves it from the dashboard;
then the follow-up is live and its status shows in the council's ledger. The admin speaks German
(LANGUAGE_CODE "de", browser locale de-DE), so the selectors use Wagtail's German labels.
"""

import contextlib
import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import run_axe

pytestmark = pytest.mark.browser

TIMEOUT = 10_000  # ms
PASSWORD = "demo"
COUNCIL_TRAIL = ["Wahlkreisrat", "Wahlkreisräte", "Wahlkreis 75: Berlin-Pankow", "Bezahlbares Wohnen"]
COUNCIL_URL = "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/"
TITLE = "Dritte Rückmeldung zum Wohnen"
BODY = "Der Vorschlag zum Leerstand wird jetzt mit den Ländern beraten."
RECOMMENDATION = "Leerstand melden"  # e3 in the demo; its latest status so far is "nicht weiterverfolgt"
STATUS = "in Arbeit"
EXPLANATION = "Die Bauministerkonferenz hat das Thema auf die Tagesordnung gesetzt."


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    try:
        yield
    except Exception:
        with contextlib.suppress(Exception):
            page.screenshot(path=f"/tmp/{name}.png", full_page=True)
        raise


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_role("textbox", name=re.compile("Benutzername|Username")).fill(username)
    page.get_by_label(re.compile("Passw")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Anmelden|Sign in")).click()
    page.wait_for_url("**/admin/")


def log_out(page):
    page.get_by_role("button", name=re.compile("^(Max|Rita)$")).click()  # the account menu in the sidebar
    page.get_by_role("button", name="Abmelden").or_(page.get_by_role("link", name="Abmelden")).click()
    page.wait_for_url("**/admin/login/**")


def public_status(context, path):
    return context.request.get(path, fail_on_status_code=False).status


@pytest.fixture
def anonymous(browser, live_site):
    """A second browser context without a login, for the public site."""
    context = browser.new_context(base_url=live_site, locale="de-DE")
    yield context
    context.close()


def test_team_follow_up_is_moderated_then_published(page, anonymous):
    page.set_default_timeout(TIMEOUT)
    expect.set_options(timeout=TIMEOUT)
    with screenshot_on_failure(page, "councils-workflow-team"):
        log_in(page, "mdb-team")
        # The page explorer, down to the council
        page.goto("/admin/pages/")
        for title in COUNCIL_TRAIL:
            page.get_by_role("link", name=f"Unterseiten von ‚{title}‘ durchsehen").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        page.get_by_role("link", name="Unterseite hinzufügen").click()
        # Only follow-ups may go below a council, so Wagtail opens their form directly.
        expect(page.get_by_role("heading", level=1)).to_contain_text("Rückmeldung der/des Abgeordneten")

        page.get_by_role("textbox", name="Titel*").fill(TITLE)
        date = page.get_by_role("textbox", name="Datum*")
        date.fill(datetime.date.today().isoformat())
        date.press("Tab")
        page.get_by_role("textbox", name="Titel*").click()  # closes the date picker
        editor = page.locator(".Draftail-Editor [contenteditable=true]").first
        editor.click()
        expect(editor).to_be_focused()
        page.keyboard.type(BODY)
        expect(editor).to_contain_text(BODY)
        # Draftail writes its content into the hidden form field a moment later.
        expect(page.locator("#id_body")).to_have_value(re.compile("Leerstand"))
        page.get_by_role("button", name="Stand hinzufügen").click()
        page.get_by_label("Empfehlung*").select_option(label=RECOMMENDATION)
        page.get_by_label("Stand*").select_option(label=STATUS)
        page.get_by_label("Erläuterung").fill(EXPLANATION)
        slug = page.get_by_label("Kurztitel*").input_value()
        assert slug.startswith("dritte-r")

        # The team may save and submit, never publish.
        expect(page.get_by_role("button", name="Entwurf speichern")).to_be_visible()
        page.get_by_role("button", name="Mehr Aktionen").click()
        submit = page.get_by_role("button", name=re.compile("Moderation Rückmeldungen"))
        expect(submit).to_be_visible()
        expect(page.get_by_role("button", name=re.compile("Veröffentlichen"))).to_have_count(0)
        submit.click()
        expect(page.get_by_text("zur Moderation eingereicht")).to_be_visible()

        # Still a draft: the team's edit view offers no publishing either.
        page.get_by_role("link", name="Bearbeiten").first.click()
        expect(page.get_by_role("textbox", name="Titel*")).to_have_value(TITLE)
        edit_url = page.url
        page.get_by_role("button", name="Mehr Aktionen").click()
        expect(page.get_by_role("button", name=re.compile("Veröffentlichen"))).to_have_count(0)

    follow_up_url = f"{COUNCIL_URL}{slug}/"
    assert public_status(anonymous, follow_up_url) == 404
    public = anonymous.new_page()
    public.goto(COUNCIL_URL)
    expect(public.get_by_role("main")).not_to_contain_text(TITLE)

    with screenshot_on_failure(page, "councils-workflow-editor"):
        log_out(page)
        log_in(page, "redaktion")
        awaiting = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
        awaiting.get_by_role("button", name="Aktionen").click()
        awaiting.get_by_role("button", name="Freigeben", exact=True).click()
        page.wait_for_load_state()
        page.reload()
        expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))).to_have_count(0)
        # Control for the team's missing button: the editors do get "Veröffentlichen".
        page.goto(edit_url)
        page.get_by_role("button", name="Mehr Aktionen").click()
        expect(page.get_by_role("button", name=re.compile("Veröffentlichen")).first).to_be_visible()

    with screenshot_on_failure(public, "councils-workflow-public"):
        assert public_status(anonymous, follow_up_url) == 200
        public.goto(COUNCIL_URL)
        ledger_entry = public.locator("#empfehlung-e3")
        # one current status per member who answered: the team's is that of its member
        expect(ledger_entry.locator(".status").filter(has_text="Dr. Anna Beispiel")).to_contain_text(
            f"Stand: {STATUS}")
        expect(ledger_entry).to_contain_text(EXPLANATION)
        public.get_by_role("main").get_by_role("link", name=TITLE).click()
        public.wait_for_url(f"**{follow_up_url}")
        expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(public.get_by_role("main")).to_contain_text(BODY)
        expect(public.locator(".status-list")).to_contain_text(f"{RECOMMENDATION}: {STATUS}")
        assert run_axe(public) == []
