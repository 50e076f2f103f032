"""Two-stage selection in the real admin, in headless Chromium (issue #15).

On the demo's "Probelauf: zweistufige Auswahl" (two-stage, household rule, 35 seats, no volunteers):
the regional manager imports a synthetic volunteers file, uploads the quotas, tries an infeasible
edit (refused, naming the relaxation), draws with the public lottery number and sees the drawn panel;
the council page then shows the commitment, the funnel, the quotas and the lottery, never an id.
"""

import random
import re

import pytest
from playwright.sync_api import expect

from .test_councils_workflow import log_in, screenshot_on_failure

pytestmark = pytest.mark.browser

TWO_STAGE = "Probelauf: zweistufige Auswahl"
QUOTAS = ("feature,value,min,max\nGeschlecht,weiblich,16,19\nGeschlecht,männlich,16,19\n"
          "Alter,16-34,9,13\nAlter,35-59,12,16\nAlter,60+,9,13\n"
          "Bildung,niedrig,8,14\nBildung,mittel,10,16\nBildung,hoch,8,14\n")


def volunteers(n=150, seed=15):
    rnd = random.Random(seed)
    lines = ["id,Geschlecht,Alter,Bildung,household"]
    for i in range(n):
        lines.append(f"z{i:03d},{rnd.choice(['weiblich', 'männlich'])},{rnd.choice(['16-34', '35-59', '60+'])},"
                     f"{rnd.choice(['niedrig', 'mittel', 'hoch'])},{'haus-' + str(i // 2) if i < 20 else ''}")
    return "\n".join(lines) + "\n"


def test_manager_imports_sets_quotas_draws_the_panel_and_the_council_page_shows_the_protocol(page, tmp_path):
    (tmp_path / "rueckmeldungen.csv").write_text(volunteers(), encoding="utf-8")
    (tmp_path / "quoten.csv").write_text(QUOTAS, encoding="utf-8")
    page.set_default_timeout(60_000)
    with screenshot_on_failure(page, "panel-flow"):
        log_in(page, "regionalmanagement")
        page.goto("/admin/recruitment/")
        page.get_by_role("link", name=TWO_STAGE).first.click()
        page.get_by_role("link", name="Rückmeldungen, Zusage und Panel-Losung").click()
        expect(page.get_by_role("heading", name="Stufe 1: Briefe an eine Stichprobe")).to_be_visible()

        page.get_by_role("link", name="Rückmeldungen importieren (CSV)").click()
        page.get_by_label("Rückmeldungen (CSV)").set_input_files(str(tmp_path / "rueckmeldungen.csv"))
        page.get_by_role("button", name="Importieren").click()
        expect(page.get_by_text("150 Rückmeldungen importiert.")).to_be_visible()

        page.get_by_role("link", name="Quoten hochladen").click()
        page.get_by_label("Quotendatei (CSV)").set_input_files(str(tmp_path / "quoten.csv"))
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_text("8 Quoten gespeichert.")).to_be_visible()
        expect(page.get_by_role("cell", name="Bildung").first).to_be_visible()

        # a broken edit is refused with a clear message and changes nothing
        page.get_by_role("link", name="Quoten bearbeiten").click()
        page.get_by_label("Oder Quoten hier bearbeiten").fill(QUOTAS.replace("Bildung,hoch,8,14", "Bildung,hoch,acht,14"))
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_text(re.compile("Zeile 9: min und max müssen ganze Zahlen sein"))).to_be_visible()
        page.get_by_role("link", name="Abbrechen").click()

        page.get_by_role("link", name="Panel auslosen").click()
        page.get_by_label("Öffentliche Losnummer (Startwert)").fill("187")
        page.get_by_label("Herkunft der Losnummer").fill("Losnummer öffentlich gezogen (Browsertest)")
        page.get_by_label("Anzahl gleich wahrscheinlicher Panels").fill("100")
        page.get_by_label("Verfahren").select_option("maximin")
        page.get_by_role("button", name="Panel auslosen").click()
        expect(page.get_by_text(re.compile(r"Panel Nr\. \d+ von 100 ausgelost"))).to_be_visible()
        expect(page.get_by_role("heading", name="Das Panel (35 Personen)")).to_be_visible()
        drawn = page.get_by_test_id("drawn-panel").locator("li").all_inner_texts()
        assert len(drawn) == 35 and all(re.fullmatch(r"z\d{3}", i) for i in drawn)
        number = re.search(r"(\d+) / 100", page.content()).group(1)

        page.get_by_role("button", name="Nachrechnen").click()
        expect(page.get_by_text("Nachgerechnet: Die Panel-Losung stimmt mit der Neuberechnung überein.")).to_be_visible()

        # the council page (private in the demo, so seen signed in): protocol and funnel, no id
        page.goto("/admin/recruitment/")
        page.get_by_role("link", name=TWO_STAGE).first.click()
        page.get_by_role("link", name="öffentliche Seite").click()
        expect(page.get_by_role("heading", name="Zweistufige Auswahl", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Zusage vor der Losung", exact=True)).to_be_visible()
        expect(page.get_by_text("Vom Brief zum Panel").first).to_be_visible()
        expect(page.get_by_text(f"Panel Nr. {number} von 100 gleich wahrscheinlichen").first).to_be_visible()
        expect(page.get_by_text("In Leichter Sprache").first).to_be_visible()
        body = page.content()
        assert "Quoten (Plätze je Merkmal)" in body and "Bildung" in body
        assert not re.search(r"\bz\d{3}\b", body)  # never a volunteer's id

