"""The regional manager's whole path in the real admin, in headless Chromium (issue "Private II").

On the demo's trial council "Probelauf: Auslosung" (cohorts, no pool): import a synthetic register
extract, draw, make the letters (a real PDF; its codes are read back from the PDF text), one
invitee accepts with the code from their letter on the public page, another declines, the manager
replaces the decline by the next place of the same list, opens the door-visit list and checks the
participant in on the day. Every person is synthetic.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from recruitment.demo import synthetic_extract

from .conftest import run_axe
from .test_councils_workflow import log_in, screenshot_on_failure

pytestmark = pytest.mark.browser

CODE = re.compile(r"\b[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5}\b")
TRIAL = "Probelauf: Auslosung"


def download(page, click):
    with page.expect_download() as info:
        click()
    return open(info.value.path(), "rb").read()


def pdf_letters(data):
    """The text of every letter: the codes in the order of the letters (one per letter)."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return text, list(dict.fromkeys(CODE.findall(text)))


def test_import_draw_letters_answers_replacement_visits_check_in(page, browser, live_site, tmp_path):
    import datetime

    extract = tmp_path / "melderegister.csv"
    extract.write_bytes(synthetic_extract(400, datetime.date.today() + datetime.timedelta(days=70),
                                          town="Demostadt", postcode="12345", seed=77))
    page.set_default_timeout(20_000)
    with screenshot_on_failure(page, "recruitment-flow"):
        log_in(page, "regionalmanagement")
        page.goto("/admin/recruitment/")
        page.get_by_role("link", name=TRIAL).first.click()
        expect(page.get_by_role("heading", name="Pool")).to_be_visible()
        dashboard = page.url

        # import
        page.get_by_role("link", name="Registerauszug importieren").click()
        page.get_by_label("Registerauszug").set_input_files(str(extract))
        page.get_by_role("button", name="Hochladen und Spalten prüfen").click()
        page.get_by_role("button", name="Importieren").click()
        expect(page.get_by_text("400 Personen importiert.")).to_be_visible()
        page.get_by_role("link", name="Zur Übersicht").click()

        # draw
        page.get_by_role("link", name="Auslosen").click()
        page.get_by_label("Startwert (Seed)").fill("3-1-4-1-5-9")
        page.get_by_label("Herkunft des Startwerts").fill("Würfelwurf öffentlich (Browsertest)")
        page.get_by_role("button", name="Pool einfrieren und auslosen").click()
        page.goto(dashboard)
        expect(page.get_by_role("heading", name="Einladungen und Antworten")).to_be_visible()
        assert run_axe(page) == []

        # letters: one PDF, one code per invitee
        page.get_by_role("link", name="Briefe", exact=True).click()
        data = download(page, lambda: page.get_by_role("button", name="Alle ausstehenden Briefe als PDF").click())
        text, codes = pdf_letters(data)
        assert len(codes) == 35 and "Sehr geehrte" in text

        # the invitees answer on the public page, without being logged in
        public = browser.new_context(base_url=live_site, locale="de-DE")
        invitee = public.new_page()
        invitee.goto("/de/antwort/")
        invitee.get_by_label("Ihr Antwortcode").fill(codes[0].lower())
        invitee.get_by_role("button", name=re.compile("Weiter")).click()
        expect(invitee.get_by_role("heading", name=re.compile("Guten Tag"))).to_be_visible()
        assert run_axe(invitee) == []
        invitee.get_by_label("Ja, ich nehme teil.").check()
        invitee.get_by_label("Telefon").fill("0000 123456")
        invitee.get_by_label("Essen (z. B. vegetarisch, Allergien)").fill("vegetarisch")
        invitee.get_by_label(re.compile("Ich willige ein")).check()
        invitee.get_by_role("button", name=re.compile("Antwort senden")).click()
        expect(invitee.get_by_role("heading", name=re.compile("Vielen Dank"))).to_be_visible()
        invitee.goto("/de/antwort/")
        invitee.get_by_label("Ihr Antwortcode").fill(codes[1])
        invitee.get_by_role("button", name=re.compile("Weiter")).click()
        invitee.get_by_label("Nein, ich nehme nicht teil.").check()
        invitee.get_by_role("button", name=re.compile("Antwort senden")).click()
        expect(invitee.get_by_role("heading", name=re.compile("Vielen Dank"))).to_be_visible()
        # a used code gets the neutral message
        invitee.goto(f"/de/antwort/{codes[0]}/")
        expect(invitee.get_by_text(re.compile("nicht \\(mehr\\) gültig"))).to_be_visible()
        public.close()

        # the manager replaces the decline by the next place of the same list
        page.goto(dashboard)
        page.get_by_role("link", name="Einladungen, Antworten und Nachlosen").first.click()
        page.get_by_role("button", name="Ersetzen (Nachlosen)").click()
        expect(page.get_by_text(re.compile(r"Ersetzt: Platz \d+ der Kohorte"))).to_be_visible()
        expect(page.get_by_text("zugesagt, Internet")).to_be_visible()

        # door visits: the 33 who have neither answered nor been replaced, as a walking route
        page.goto(dashboard)
        page.get_by_role("link", name="Hausbesuche").click()
        expect(page.get_by_role("heading", name="33 Adressen, als Laufweg sortiert")).to_be_visible()
        pdf = download(page, lambda: page.get_by_role("link", name="Besuchsliste drucken (PDF)").click())
        assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().startswith("Hausbesuche")
        assert run_axe(page) == []  # before any flash message: axe catches those mid-animation
        first_row = page.locator("tbody tr").first
        first_row.get_by_label("nicht angetroffen – erneut besuchen").check()
        first_row.get_by_role("button", name="Speichern").click()
        expect(page.get_by_text("Besuch gespeichert.")).to_be_visible()

        # the workshop day: the participant is checked in
        page.goto(dashboard)
        page.get_by_role("link", name="Teilnehmende und Check-in").click()
        expect(page.get_by_role("heading", name="1 Zusage")).to_be_visible()
        expect(page.get_by_text("vegetarisch")).to_be_visible()
        assert run_axe(page) == []
        page.get_by_role("button", name=re.compile("einchecken$")).click()
        expect(page.get_by_text(re.compile("angekommen \\d\\d:\\d\\d Uhr"))).to_be_visible()
