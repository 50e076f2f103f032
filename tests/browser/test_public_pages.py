"""The public site in headless Chromium: languages, keyboard, accessibility, privacy."""

import pytest

from .conftest import run_axe

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    # one URL per page type and language
    "home": ["/de/", "/en/"],
    "standard": ["/de/barrierefreiheit/", "/en/accessibility/"],
    "search": ["/de/suche/?q=Wahlkreisrat", "/en/search/?q=council"],
    "not found": ["/de/gibt-es-nicht/", "/en/does-not-exist/"],
    "council index": ["/de/wahlkreisraete/", "/en/councils/"],
    "constituency": ["/de/wahlkreisraete/wahlkreis-75/", "/en/councils/constituency-75/"],
    "council": ["/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/",
                "/en/councils/constituency-75/affordable-housing/"],
    "follow-up": ["/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/erste-rueckmeldung-zum-wohnen/",
                  "/en/councils/constituency-75/affordable-housing/first-report-on-housing/"],
    "easy read": ["/de/leichte-sprache/brief-bekommen/", "/en/easy-read/results/"],
    "drawn info": ["/de/ausgelost/eltern/", "/en/drawn/"],
    "open data": ["/de/offene-daten/", "/en/open-data/"],
}


@pytest.mark.parametrize("lang,heading", [("de", "Wahlkreisrat"), ("en", "Constituency Council")])
def test_home_page_in_both_languages(page, lang, heading):
    response = page.goto(f"/{lang}/")
    assert response.status == 200
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").inner_text() == heading
    assert page.foreign_requests == []


def test_language_switch_leads_to_the_translated_page(page):
    page.goto("/de/impressum/")
    page.get_by_role("navigation", name="Sprache wählen").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/imprint/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Imprint"
    page.get_by_role("navigation", name="Choose language").get_by_role("link", name="Deutsch").click()
    page.wait_for_url("**/de/impressum/")
    assert page.locator("h1").inner_text() == "Impressum"


def test_keyboard_reaches_the_main_content_first(page):
    page.goto("/de/suche/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    assert page.locator(".skip-link").is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the next Tab stop is inside the main content, not the header navigation
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_focus_is_visible(page):
    page.goto("/de/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style == "solid"


def test_readable_at_320_pixels_without_horizontal_scrolling(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 320, "height": 640})
    tab = context.new_page()
    for path in ("/de/", "/en/accessibility/", "/de/leichte-sprache/brief-bekommen/", "/de/offene-daten/"):
        tab.goto(path)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


def test_pages_read_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/de/leichte-sprache/was-ist-ein-wahlkreisrat/")
    assert "Ein Wahlkreis·rat ist ein Treffen." in tab.locator("main").inner_text()
    context.close()


@pytest.mark.parametrize("path", [p for paths in PAGE_TYPES.values() for p in paths])
def test_axe_finds_no_serious_or_critical_violations(page, path):
    page.goto(path)
    violations = run_axe(page)
    assert violations == [], violations
    assert page.foreign_requests == []


def test_map_constituencies_are_reachable_by_keyboard(page):
    """The map is a cached image; its constituencies are the links of the list under it."""
    page.goto("/de/wahlkreisraete/")
    assert page.locator(".map img").get_attribute("alt").startswith("Karte der 299 Wahlkreise")
    link = page.locator(".map-list a").first
    link.focus()
    assert page.evaluate("document.activeElement.tagName.toLowerCase()") == "a"
    assert page.evaluate("document.activeElement.textContent").startswith("Wahlkreis ")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/wahlkreisraete/wahlkreis-*/")
    assert page.locator("h1").inner_text().startswith("Wahlkreis ")


def test_recommendation_anchor_is_a_stable_link(page):
    page.goto("/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/#empfehlung-e2")
    assert page.locator("#empfehlung-e2 h3").is_visible()
    assert page.evaluate("location.hash") == "#empfehlung-e2"


def test_council_filter_works_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/de/wahlkreisraete/")
    tab.select_option("#id_land", "Bayern")
    tab.get_by_role("button", name="Filtern").click()
    tab.wait_for_url("**land=Bayern**")
    titles = tab.locator(".card h3").all_inner_texts()
    assert len(titles) == 6 and "Pflege in der Familie" in titles and "Schnelles Internet überall" in titles
    context.close()
