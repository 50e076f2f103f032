"""Councils in public: index with filters and map, constituency, council page and the follow-up ledger."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from councils.ledger import follow_up_rate, ledger
from councils.models import (
    ConstituencyPage,
    CouncilIndexPage,
    CouncilPage,
    FollowUpPage,
    PublicRecord,
    Wahlkreis,
)
from tests.factories import (
    ConstituencyPageFactory,
    CouncilPageFactory,
    FollowUpPageFactory,
    RecommendationFactory,
    RecommendationStatusFactory,
)
from tests.html import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(constituency):
    """A council on 1 March 2026 with three recommendations (due 1 May 2026)."""
    page = CouncilPageFactory(parent=constituency, title="Wasser", slug="wasser", date=datetime.date(2026, 3, 1))
    for code in ("a", "b", "c"):
        RecommendationFactory(page=page, code=code, title=f"Empfehlung {code}")
    page.save_revision().publish()
    return page


def test_all_299_constituencies_and_276_mdbs_are_loaded():
    from councils.models import MdB

    assert Wahlkreis.objects.count() == 299
    assert Wahlkreis.objects.values("state").distinct().count() == 16
    assert MdB.objects.filter(wahlkreis__isnull=False).count() == 276  # the directly elected members
    assert not MdB.objects.filter(wahlkreis__number=1).exists()  # no Zweitstimmendeckung
    assert Wahlkreis.objects.get(number=75).age_bands_citywide


def test_page_tree_enforces_parent_and_child_types(de_home, council_index, council):
    assert not CouncilPage.can_create_at(council_index)
    assert not CouncilPage.can_create_at(de_home)
    assert CouncilPage.can_create_at(council.get_parent())
    assert FollowUpPage.can_create_at(council)
    assert not FollowUpPage.can_create_at(council.get_parent())
    assert not ConstituencyPage.can_create_at(de_home)


def test_council_takes_its_wahlkreis_from_the_constituency(council):
    assert council.wahlkreis.number == 61


def test_ledger_shows_latest_status_history_and_overdue(council):
    recs = {r.code: r for r in council.recommendations.all()}
    first = FollowUpPageFactory(parent=council, slug="r1", date=datetime.date(2026, 3, 20))
    RecommendationStatusFactory(page=first, recommendation=recs["a"], status="under_review")
    first.save_revision().publish()
    second = FollowUpPageFactory(parent=council, slug="r2", date=datetime.date(2026, 4, 10))
    RecommendationStatusFactory(page=second, recommendation=recs["a"], status="accepted")
    second.save_revision().publish()

    before_due = ledger(council, today=datetime.date(2026, 4, 30))
    rows = {r["recommendation"].code: r for r in before_due["rows"]}
    assert [s.status for s in rows["a"]["history"]] == ["under_review", "accepted"]
    assert rows["a"]["latest"].status == "accepted"
    assert rows["b"]["latest"] is None and not rows["b"]["overdue"]

    after_due = {r["recommendation"].code: r for r in ledger(council, today=datetime.date(2026, 5, 2))["rows"]}
    assert after_due["b"]["overdue"] and after_due["c"]["overdue"] and not after_due["a"]["overdue"]
    assert council.feedback_due == datetime.date(2026, 5, 1)


def test_unpublished_follow_up_does_not_count(council):
    rec = council.recommendations.first()
    draft = FollowUpPageFactory(parent=council, slug="entwurf", date=datetime.date(2026, 3, 20), live=False)
    RecommendationStatusFactory(page=draft, recommendation=rec, status="accepted")
    rows = ledger(council, today=datetime.date(2026, 6, 1))["rows"]
    assert rows[0]["latest"] is None and rows[0]["overdue"]


def test_follow_up_rate_counts_only_councils_that_are_due(council):
    rec = council.recommendations.first()
    follow_up = FollowUpPageFactory(parent=council, slug="r", date=datetime.date(2026, 3, 20))
    RecommendationStatusFactory(page=follow_up, recommendation=rec, status="accepted")
    follow_up.save_revision().publish()
    assert follow_up_rate([council], today=datetime.date(2026, 4, 1)) is None  # not due yet
    assert follow_up_rate([council], today=datetime.date(2026, 6, 1)) == {"answered": 1, "total": 3, "percent": 33}


def test_council_page_shows_recommendations_with_stable_anchors_and_status(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    html = main(client.get(council.url).content.decode())
    for code in ("e1", "e2", "e3"):
        assert f'id="empfehlung-{code}"' in html
    assert "Stand: angenommen" in html  # e1's latest status
    assert "27 dafür, 5 dagegen, 2 Enthaltungen" in html
    assert "Minderheitenposition" in html
    assert "Teilnehmerin, 60–74" in html
    en = CouncilPage.objects.get(locale__language_code="en", slug="affordable-housing")
    html_en = main(client.get(en.url).content.decode())
    assert 'id="empfehlung-e1"' in html_en  # same anchor in every language
    assert "Status: accepted" in html_en and "Extend the rent cap" in html_en


def test_council_without_follow_up_after_two_months_is_marked_overdue(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="klimaschutz-im-alltag")
    html = main(client.get(council.url).content.decode())
    assert html.count("Rückmeldung überfällig") == 2


def test_timeline_shows_planned_and_actual_dates(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="gesundheit-auf-dem-land")
    html = main(client.get(council.url).content.decode())
    timeline = html.split('class="timeline"')[1].split("</ol>")[0]
    assert timeline.count("<li") == 8
    assert "Workshop-Tag" in timeline and "geplant" in timeline
    assert "in Vorbereitung" in html


def test_composition_is_aggregated_with_small_cells_suppressed(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    html = main(client.get(council.url).content.decode())
    table = html.split('id="zusammensetzung"')[1].split("</table>")[0]
    assert "ausgeblendet" in table  # the one "divers" participant is not shown
    assert re.search(r"<td>1</td>|<td>2</td>", table) is None
    svg = html.split('id="zusammensetzung"')[1].split("</svg>")[0] + "</svg>"
    ET.fromstring(svg[svg.index("<svg"):])
    assert "dl-de/by-2-0" in html


def test_draw_protocol_shows_no_person(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    record = PublicRecord.for_council(council)
    html = main(client.get(council.url).content.decode())
    assert record.draw_protocol["pool_fingerprint"] in html
    assert "Würfelwurf" in html and "wkr-sha256-v1" in html


def test_index_filters_by_state_year_status_and_topic(client):
    index = CouncilIndexPage.objects.get(locale__language_code="de")
    cards = lambda response: re.findall(r'<li class="card council-card">.*?<h3><a href="([^"]+)"',  # noqa: E731
                                        response.content.decode(), re.S)
    live = CouncilPage.objects.live().public().filter(locale=index.locale)  # the trial council is private
    everything = cards(client.get(index.url))
    # Six constituencies with three councils each; the private side's demo may add a trial council or two.
    assert len(everything) == live.count() >= 18
    assert cards(client.get(index.url, {"land": "Sachsen"})) == [  # newest first
        "/de/wahlkreisraete/wahlkreis-153/gesundheit-auf-dem-land/",
        "/de/wahlkreisraete/wahlkreis-153/arbeit-nach-der-kohle/",
        "/de/wahlkreisraete/wahlkreis-153/bus-und-bahn-im-landkreis/",
    ]
    berlin = cards(client.get(index.url, {"land": "Berlin"}))
    assert "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/" in berlin
    assert len(berlin) == live.filter(wahlkreis__state="Berlin").count() < len(everything)
    upcoming = cards(client.get(index.url, {"status": "upcoming"}))
    assert len(upcoming) == sum(c.status() == "upcoming" for c in live) >= 5
    assert "/de/wahlkreisraete/wahlkreis-153/gesundheit-auf-dem-land/" in upcoming
    assert "/de/wahlkreisraete/wahlkreis-93/ankommen-und-zusammenleben/" not in upcoming  # held today
    assert sorted(cards(client.get(index.url, {"thema": "soziales"}))) == [
        "/de/wahlkreisraete/wahlkreis-220/pflege-in-der-familie/",
        "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/",
        "/de/wahlkreisraete/wahlkreis-93/eine-rente-die-reicht/",
    ]
    assert cards(client.get(index.url, {"wahlkreis": "93"})) == [
        "/de/wahlkreisraete/wahlkreis-93/ankommen-und-zusammenleben/",
        "/de/wahlkreisraete/wahlkreis-93/klimaschutz-im-alltag/",
        "/de/wahlkreisraete/wahlkreis-93/eine-rente-die-reicht/",
    ]
    # a bad value is ignored, not an error
    assert client.get(index.url, {"jahr": "abc"}).status_code == 200


def test_index_map_links_constituencies_with_councils_and_lists_them(client):
    index = CouncilIndexPage.objects.get(locale__language_code="de")
    html = main(client.get(index.url).content.decode())
    map_section = html[html.index('class="map"'):]
    # the map is an image of its own with a text alternative; the page keeps the links as a list
    img = re.search(r'<img class="map__image" src="([^"]+)"[^>]* alt="([^"]+)"', map_section)
    assert img and img.group(1).startswith("/de/karte/wahlkreisraete.svg?v=") and "Wahlkreisrat" in img.group(2)
    assert "<svg" not in map_section.split("map-list")[0]
    listed = re.findall(r'<li><a href="([^"]+)"', map_section.split('class="map-list"')[1].split("</ul>")[0])
    expected = sorted(["/de/wahlkreisraete/wahlkreis-%d/" % n for n in (2, 75, 93, 153, 220, 236)])
    assert sorted(listed) == expected
    assert "Rückmeldequote" in html

    response = client.get(img.group(1).replace("&amp;", "&"))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    links = [a.get("href") for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert sorted(links) == expected  # opened on its own, the highlighted regions are links
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Karte der 299 Wahlkreise"
    # its own colours inside an <img>: highlighted regions stand out without the page's stylesheet
    groups = {g.get("class"): g.get("fill") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert groups == {"wk-map__base": "#dde3ea", "wk-map__links": "#0a4a7f"}


def test_index_map_is_cacheable_and_the_index_stays_small(client):
    index = CouncilIndexPage.objects.get(locale__language_code="de")
    page = client.get(index.url)
    assert len(page.content) < 60 * 1024, f"{len(page.content)} bytes of HTML"
    src = re.search(r'class="map__image" src="([^"]+)"', page.content.decode()).group(1).replace("&amp;", "&")
    first = client.get(src)
    control = first["Cache-Control"]
    assert "public" in control and "max-age=86400" in control and first.has_header("ETag")
    assert client.get(src, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # English: the English map with English text
    en = client.get("/en/map/councils.svg")
    assert en.status_code == 200 and b"Map of the 299 constituencies" in en.content


def test_index_map_version_changes_when_a_constituency_gets_its_first_council(client, council_index):
    def src():
        html = client.get(council_index.url).content.decode()
        return re.search(r'class="map__image" src="([^"]+)"', html).group(1)

    before = src()
    wk = ConstituencyPageFactory(parent=council_index, wahlkreis=Wahlkreis.objects.get(number=61), slug="wk-61",
                                 publish=True)
    CouncilPageFactory(parent=wk, slug="neu", date=datetime.date(2026, 3, 1)).save_revision().publish()
    assert src() != before
    assert b"/de/wahlkreisraete/wk-61/" in client.get(src().replace("&amp;", "&")).content


def test_constituency_page_shows_mdb_map_councils_and_age_structure(client):
    page = ConstituencyPage.objects.get(locale__language_code="de", slug="wahlkreis-75")
    html = main(client.get(page.url).content.decode())
    assert page.wahlkreis.mdb.display_name in html
    assert 'class="wk-locator"' in html or "wk-locator" in html
    assert "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/" in html
    assert "© Die Bundeswahlleiterin, Wiesbaden 2025, dl-de/by-2-0" in html
    assert "Die Werte gelten für die ganze Stadt." in html  # Berlin: city-wide age bands


def test_constituency_without_direct_mandate_says_so(client, council_index):
    page = ConstituencyPageFactory(parent=council_index, wahlkreis=Wahlkreis.objects.get(number=1), slug="wk-1",
                                   publish=True)
    html = main(client.get(page.url).content.decode())
    assert "kein direkt gewähltes Mitglied des Bundestages" in html


def test_council_page_query_count(client, django_assert_max_num_queries):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    client.get(council.url)
    # site and route with the header's and footer's pages, the specific page with its Wahlkreis and public
    # record (home.routing), the organisation's settings (home.chrome), the page's own data one query per
    # kind (councils.ledger) and the stories section ({% council_stories %}); see tests/councils/test_speed.py
    with django_assert_max_num_queries(15):
        html = client.get(council.url).content.decode()
    assert "Geschichten und Presse" in html
