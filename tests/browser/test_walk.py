"""A reader's walk through the site at phone and desktop width, in both languages: home, council
index, a council, its follow-up, a story and the press room. No page scrolls sideways and axe-core
finds no serious or critical violation on any of them."""

import pytest

from .conftest import run_axe

pytestmark = pytest.mark.browser

WALKS = {
    "de": ["/de/", "/de/wahlkreisraete/", "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/",
           "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/erste-rueckmeldung-zum-wohnen/",
           "/de/geschichten/ein-tag-im-wahlkreisrat/", "/de/presse/"],
    "en": ["/en/", "/en/councils/", "/en/councils/constituency-75/affordable-housing/",
           "/en/councils/constituency-75/affordable-housing/first-report-on-housing/",
           "/en/stories/a-day-at-the-constituency-council/", "/en/press/"],
}


def go(page, path):
    """Follow a link to `path` on the current page when there is a visible one, else open it."""
    link = page.locator(f'main a[href="{path}"], header a[href="{path}"]')
    for i in range(link.count()):
        if link.nth(i).is_visible():
            link.nth(i).click()
            page.wait_for_url(f"**{path}")
            return "link"
    assert page.goto(path).status == 200, path
    return "opened"


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_walk_without_sideways_scrolling_and_axe_clean(page, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    walk = WALKS[lang]
    assert page.goto(walk[0]).status == 200
    followed = []
    problems = {}
    for step, path in enumerate(walk):
        if step:
            followed.append(go(page, path))
        assert page.get_attribute("html", "lang") == lang
        page.wait_for_load_state("load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
            problems[path] = f"{overflow}px too wide: {wide}"
        violations = run_axe(page)
        if violations:
            problems.setdefault(path, violations)
    assert problems == {}
    assert followed.count("link") >= 3, followed  # a real walk: most steps are links on the page before
    assert page.foreign_requests == []
