"""Events in a real browser against the demo server: register for the full citizens' conference (waiting
list), confirm by the e-mail link, an organiser cancels someone else's place (the first person waiting
moves up and gets a mail), a local challenge appears only after moderation, and a priority ballot at
the congress. The demo server sends its mails to the console, i.e. into its log, where the test reads
them."""

import os
import re
import uuid
from pathlib import Path

import pytest

from .conftest import run_axe

pytestmark = pytest.mark.browser

CONFERENCE = "/de/veranstaltungen/buergerkonferenz-suedstadt/"
CONGRESS = "/de/veranstaltungen/netzwerkkongress-kommunalpolitik/"
LINK = re.compile(r"https?://[^\s]+/de/anmeldung/[^/\s]+/")
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


def personal_link(log, address):
    links = LINK.findall(mails_to(log, address)[-1])
    assert links, "the mail carries the personal link"
    return "/" + links[-1].split("/", 3)[3]


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


def test_waiting_list_confirmation_moving_up_challenge_and_ballot(page, organiser, server_log):
    from events.demo import DATA, _people

    run = uuid.uuid4().hex[:8]
    email = f"browser-{run}@example.org"

    # the conference is full: the form offers the waiting list
    page.goto(CONFERENCE)
    assert page.locator("#anmeldung button[type=submit]").inner_text().strip() == "Auf die Warteliste"
    assert run_axe(page) == []
    register(page, CONFERENCE, "Berta Browser", email)
    confirm(page, server_log, email)
    assert "Sie stehen auf der Warteliste" in page.locator(".registration-status").inner_text()

    # an organiser cancels a confirmed place; the first person waiting moves up and gets a mail
    spec = DATA["conference"]
    first_waiting = list(_people(spec["confirmed"] + 1))[spec["confirmed"]]["email"]
    assert not [m for m in mails_to(server_log, first_waiting) if "nachgerückt" in m]
    organiser.goto("/admin/events/")
    organiser.get_by_role("link", name=re.compile("Bürgerkonferenz Südstadt")).click()
    confirmed_row = organiser.locator("tr").filter(has=organiser.locator("td", has_text=re.compile(r"^bestätigt$")))
    confirmed_row.first.get_by_role("button", name=re.compile("absagen")).click()
    organiser.wait_for_load_state()
    assert [m for m in mails_to(server_log, first_waiting) if "nachgerückt" in m]

    # a challenge appears only after moderation
    title = f"Kein Radweg zum Bahnhof {run}"
    page.goto(CONFERENCE)
    form = page.locator("#herausforderungen form")
    form.locator('input[value="problem"]').check()
    form.locator('input[name="challenge-title"]').fill(title)
    form.locator('textarea[name="challenge-description"]').fill("Der Weg ist gefährlich.")
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    assert "Danke! Ihre Einreichung" in page.content() and title not in page.content()
    organiser.goto("/admin/events/")
    organiser.get_by_role("link", name=re.compile("Bürgerkonferenz Südstadt")).click()
    organiser.get_by_role("link", name="Lokale Herausforderungen").first.click()
    organiser.locator("section", has_text=title).get_by_role("button", name="Freigeben").click()
    organiser.wait_for_load_state()
    page.goto(CONFERENCE)
    assert title in page.content()

    # a priority ballot at the congress
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
