"""The open formats end to end, in a real browser against the demo server (issue #14's one flow): a reader
registers for the full citizens' conference and lands on the waiting list, confirms by the link in the
mail; the organisers cancel other people's places until the reader moves up and gets a mail; a local
challenge appears only after the organisers, notified by mail, approve it; a participant of the network
congress casts a priority ballot; and a reader applies for a micro-project grant. The demo server
sends its mails to the console, i.e. into its log, where the test reads them."""

import os
import re
import uuid
from pathlib import Path

import pytest

from .conftest import run_axe

pytestmark = pytest.mark.browser

CONFERENCE = "/de/veranstaltungen/buergerkonferenz-suedstadt/"
CONGRESS = "/de/veranstaltungen/netzwerkkongress-kommunalpolitik/"
APPLY = "/de/netzwerk/mikroprojekt-beantragen/"
ORGANISER_MAIL = "veranstaltungsteam@wahlkreisrat.example"
LINK = re.compile(r"https?://[^\s]+/de/anmeldung/[^/\s]+/")
MODERATION_LINK = re.compile(r"https?://[^\s]+/admin/events/\d+/challenges/")
SEPARATOR = "-" * 79


@pytest.fixture
def server_log(live_site, tmp_path_factory):
    """The demo server's output, where its console e-mail backend writes. With LIVE_SITE (a server you
    started) name its log in LIVE_SITE_LOG."""
    if os.environ.get("LIVE_SITE"):
        if not os.environ.get("LIVE_SITE_LOG"):
            pytest.skip("set LIVE_SITE_LOG to the running demo server's log to read its e-mails")
        return Path(os.environ["LIVE_SITE_LOG"])
    logs = sorted(tmp_path_factory.getbasetemp().glob("browser-site*/server.log"))
    assert logs, "the demo server's log"
    return logs[-1]


def mails_to(log, address):
    blocks = log.read_text(encoding="utf-8", errors="replace").split(SEPARATOR)
    return [b for b in blocks if re.search(rf"^To: .*{re.escape(address)}", b, re.M)]


def path_of(url):
    return "/" + url.split("/", 3)[3]


def personal_link(log, address):
    links = LINK.findall(mails_to(log, address)[-1])
    assert links, "the mail carries the personal link"
    return path_of(links[-1])


def register(page, path, name, email):
    page.goto(path)
    form = page.locator("#anmeldung form")
    form.locator('input[name="name"]').fill(name)
    form.locator('input[name="email"]').fill(email)
    form.locator('input[name="consent"]').check()
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    assert "Fast geschafft" in page.content()


def confirm(page, log, email):
    page.goto(personal_link(log, email))
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    page.wait_for_load_state()


def moved_up(log, address):
    return [m for m in mails_to(log, address) if "nachgerückt" in m]


@pytest.fixture
def organiser(browser, live_site):
    context = browser.new_context(base_url=live_site, locale="de-DE")
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.get_by_role("textbox", name=re.compile("Benutzername|Username")).fill("veranstaltungsteam")
    tab.get_by_label(re.compile("Passw")).fill("demo")
    tab.get_by_role("button", name=re.compile("Anmelden|Sign in")).click()
    tab.wait_for_url("**/admin/")
    yield tab
    context.close()


def cancel_first_confirmed_place(organiser):
    organiser.goto("/admin/events/")
    organiser.get_by_role("link", name=re.compile("Bürgerkonferenz Südstadt")).click()
    confirmed_row = organiser.locator("tr").filter(has=organiser.locator("td", has_text=re.compile(r"^bestätigt$")))
    confirmed_row.first.get_by_role("button", name=re.compile("absagen")).click()
    organiser.wait_for_load_state()


def test_open_formats_from_waiting_list_to_micro_project(page, organiser, server_log):
    from events.demo import DATA, _people

    run = uuid.uuid4().hex[:8]
    email = f"browser-{run}@example.org"

    # 1. the conference is full: the form offers the waiting list; the mail's link confirms
    page.goto(CONFERENCE)
    assert page.locator("#anmeldung button[type=submit]").inner_text().strip() == "Auf die Warteliste"
    assert run_axe(page) == []
    register(page, CONFERENCE, "Berta Browser", email)
    confirm(page, server_log, email)
    assert "Sie stehen auf der Warteliste" in page.locator(".registration-status").inner_text()

    # 2. the organisers cancel other people's places: the first person waiting moves up and gets a
    # mail, then the next, until it is our reader's turn
    spec = DATA["conference"]
    first_waiting = list(_people(spec["confirmed"] + 1))[spec["confirmed"]]["email"]
    assert not moved_up(server_log, first_waiting)
    cancel_first_confirmed_place(organiser)
    assert moved_up(server_log, first_waiting), "the first in the queue moves up first"
    assert not moved_up(server_log, email)
    for _ in range(10):
        if moved_up(server_log, email):
            break
        cancel_first_confirmed_place(organiser)
    mail = moved_up(server_log, email)
    assert mail and LINK.search(mail[-1]), "the reader moved up and got a mail with the personal link"
    page.goto(personal_link(server_log, email))
    assert "Sie haben einen Platz" in page.locator(".registration-status").inner_text()

    # 3. a challenge appears only after moderation; the organisers get a mail that leads to it
    title = f"Kein Radweg zum Bahnhof {run}"
    notices = len(mails_to(server_log, ORGANISER_MAIL))
    page.goto(CONFERENCE)
    form = page.locator("#herausforderungen form")
    form.locator('input[value="problem"]').check()
    form.locator('input[name="challenge-title"]').fill(title)
    form.locator('textarea[name="challenge-description"]').fill("Der Weg ist gefährlich.")
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    assert "Danke! Ihre Einreichung" in page.content() and title not in page.content()
    notice = mails_to(server_log, ORGANISER_MAIL)[notices:]
    assert notice and title in notice[-1], "the organisers are notified"
    organiser.goto(path_of(MODERATION_LINK.search(notice[-1]).group(0)))
    organiser.locator("section", has_text=title).get_by_role("button", name="Freigeben").click()
    organiser.wait_for_load_state()
    page.goto(CONFERENCE)
    assert title in page.content()

    # 4. a priority ballot at the congress
    voter = f"voter-{run}@example.org"
    register(page, CONGRESS, "Vera Wahl", voter)
    confirm(page, server_log, voter)
    page.locator('select[name="place_1"]').select_option(index=2)
    page.locator('select[name="place_2"]').select_option(index=1)
    page.get_by_role("button", name="Rangfolge speichern").click()
    page.wait_for_load_state()
    assert "Ihre Rangfolge ist gespeichert" in page.content()
    for message in mails_to(server_log, email) + mails_to(server_log, voter):
        assert LINK.search(message), "every mail carries the personal link (and with it the cancellation)"

    # 5. a micro-project application with a budget line; nothing of it shows in the project library
    applicant = f"antrag-{run}@example.org"
    page.goto(APPLY)
    page.fill('input[name="applicant_name"]', "Erika Beispiel (fiktiv)")
    page.fill('input[name="applicant_email"]', applicant)
    page.fill('input[name="place_text"]', "Musterstadt")
    page.fill('input[name="title"]', "Bänke für den Dorfplatz")
    page.fill('textarea[name="idea"]', "Drei Bänke, gebaut mit der Jugendwerkstatt.")
    page.fill('input[name="budget_item_0"]', "Holz und Schrauben")
    page.fill('input[name="budget_amount_0"]', "450")
    page.check('input[name="privacy"]')
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_url("**/mikroprojekt-beantragen/danke/")
    assert "Vielen Dank für Ihren Antrag" in page.content()
    assert mails_to(server_log, applicant), "the applicant gets a receipt"
    page.goto("/de/projekte/")
    assert applicant not in page.content() and "Bänke für den Dorfplatz" not in page.content()
    assert page.foreign_requests == []
