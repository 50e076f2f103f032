"""Leichte Sprache, information for drawn residents and the open data page, as readers see them."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from wagtail.blocks.struct_block import StructBlockValidationError

from councils.models import CouncilPage
from home.easy_read import SectionBlock
from home.models import OpenDataPage

from ..html import main

pytestmark = pytest.mark.django_db

EASY_READ = {
    "de": ["/de/leichte-sprache/", "/de/leichte-sprache/was-ist-ein-wahlkreisrat/",
           "/de/leichte-sprache/wie-funktioniert-die-auslosung/", "/de/leichte-sprache/brief-bekommen/",
           "/de/leichte-sprache/ergebnisse/"],
    "en": ["/en/easy-read/", "/en/easy-read/what-is-a-constituency-council/", "/en/easy-read/how-does-the-draw-work/",
           "/en/easy-read/i-got-a-letter/", "/en/easy-read/results/"],
}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def tags(html):
    parser = Tags()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_twins_exist_with_large_type_and_described_pictograms(client, language):
    for path in EASY_READ[language]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert '<body class="easy-read">' in html and "/static/css/easy-read.css" in html, path
        images = tags(main(html)).all("img")
        if path.rstrip("/").count("/") > 2:  # the twins carry pictograms (the index at least one)
            assert len(images) >= 1, path
        for image in images:
            assert image["src"].startswith("/static/img/pictograms/"), path
            assert image["alt"].strip(), f"{path}: pictogram without alt text"
            assert finders.find(image["src"].removeprefix("/static/")), image["src"]


def test_pictograms_are_described_in_the_page_language(client):
    de = tags(main(client.get("/de/leichte-sprache/brief-bekommen/").content.decode())).all("img")
    en = tags(main(client.get("/en/easy-read/i-got-a-letter/").content.decode())).all("img")
    assert [i["alt"] for i in de][:2] == ["Ein Brief", "Ein Handy"]
    assert [i["alt"] for i in en][:2] == ["A letter", "A mobile phone"]


def test_the_index_links_every_twin_and_the_letter_twin_links_the_information_for_drawn_people(client):
    index = main(client.get("/de/leichte-sprache/").content.decode())
    for path in EASY_READ["de"][1:]:
        assert f'href="{path}"' in index
    letter = main(client.get("/en/easy-read/i-got-a-letter/").content.decode())
    assert 'href="/en/drawn/"' in letter
    assert "Scan the QR code with your phone." in letter


def test_a_pictogram_needs_an_alt_text_unless_it_is_decorative():
    block = SectionBlock()
    value = {"heading": "Brief", "pictogram": "brief", "pictogram_alt": "", "decorative": False,
             "sentences": ["Sie haben einen Brief bekommen."]}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "pictogram_alt" in error.value.block_errors
    block.clean(block.to_python({**value, "decorative": True}))  # decorative: fine without a text
    html = block.render(block.to_python({**value, "decorative": True}))
    assert 'alt=""' in html and "<p>Sie haben einen Brief bekommen.</p>" in html


def test_the_footer_links_easy_read_drawn_info_and_open_data(client):
    for language, paths in {"de": ("/de/leichte-sprache/", "/de/ausgelost/", "/de/offene-daten/"),
                            "en": ("/en/easy-read/", "/en/drawn/", "/en/open-data/")}.items():
        footer = client.get(f"/{language}/").content.decode().split("<footer")[1]
        for path in paths:
            assert f'href="{path}"' in footer, (language, path)


def test_easy_read_results_list_councils_with_a_summary_in_their_language(client):
    with_summary = CouncilPage.objects.live().public().filter(locale__language_code="de").exclude(easy_summary="")
    without = CouncilPage.objects.live().public().filter(locale__language_code="de", easy_summary="").first()
    assert with_summary.count() >= 3 and without is not None
    de = main(client.get("/de/leichte-sprache/ergebnisse/").content.decode())
    for council in with_summary:
        assert f'href="{council.url}"' in de
        assert f"<p>{council.easy_sentences[0]}</p>" in de
    assert f'href="{without.url}"' not in de
    en = main(client.get("/en/easy-read/results/").content.decode())
    assert "<p>The topic was: buses and trains in the countryside.</p>" in en
    assert "Das Thema war" not in en


def test_information_for_drawn_people_for_three_audiences_in_both_languages(client):
    for overview, children in {"/de/ausgelost/": ["erwachsene", "junge-menschen", "eltern"],
                               "/en/drawn/": ["adults", "young-people", "parents"]}.items():
        html = main(client.get(overview).content.decode())
        for child in children:
            response = client.get(f"{overview}{child}/")
            assert response.status_code == 200
            assert f'href="{overview}{child}/"' in html
        page = main(client.get(f"{overview}{children[2]}/").content.decode())
        assert 'aria-current="page"' in page and 'href="/' + overview.split("/")[1] in page
    parents = main(client.get("/de/ausgelost/eltern/").content.decode())
    assert "Einverständnis" in parents and "Fahrtkosten werden erstattet" in parents
    assert 'href="/de/antwort/"' in parents  # how to answer


def api_examples():
    return [path for _label, path in OpenDataPage.API_EXAMPLES]


def test_every_link_on_the_open_data_page_works(client):
    for path in ("/de/offene-daten/", "/en/open-data/"):
        html = main(client.get(path).content.decode())
        links = {a["href"] for a in tags(html).all("a") if a["href"].startswith("/")}
        assert len(links) > 20  # site-wide feeds, calendar, API and every council's own feeds
        for link in sorted(links):
            response = client.get(link)
            assert response.status_code == 200, link
        assert "https://creativecommons.org/licenses/by/4.0/" in html
        assert "dl-de/by-2-0" in html


@pytest.mark.parametrize("path", api_examples())
def test_the_api_examples_answer_with_json(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["meta"]["total_count"] > 0 and data["items"]


def test_the_api_examples_return_what_they_promise(client):
    councils = client.get(api_examples()[0]).json()["items"]
    assert all(item["meta"]["type"] == "councils.CouncilPage" for item in councils)
    assert all({"guiding_question", "date", "venue_town"} <= set(item) for item in councils)
    english = client.get(api_examples()[3]).json()["items"]
    assert all(item["meta"]["locale"] == "en" for item in english)
    follow_ups = [item["date"] for item in client.get(api_examples()[2]).json()["items"]]
    assert follow_ups == sorted(follow_ups, reverse=True)


def test_the_open_data_page_lists_each_councils_feeds_and_calendar(client):
    html = main(client.get("/de/offene-daten/").content.decode())
    for council in CouncilPage.objects.live().public().filter(locale__language_code="de"):
        for url in (f"/de/feeds/wahlkreisrat/{council.pk}.rss", f"/de/feeds/wahlkreisrat/{council.pk}.atom",
                    f"/de/kalender/wahlkreisrat/{council.pk}.ics"):
            assert f'href="{url}"' in html
    assert re.search(r'href="/de/feeds/rueckmeldungen\.rss"', html) and 'href="/de/kalender.ics"' in html
