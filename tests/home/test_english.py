"""English that is English, and what search engines and sharing see.

English pages show dates, numbers, percentages, state names, topics and alt texts in English and
use English URL segments and query parameters; German pages stay as they were. Every page's head
has a description, an absolute canonical URL, absolute hreflang alternates with x-default, an
Open Graph picture (a fallback where the page has none) and a Twitter card.
"""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.utils import translation
from taggit.models import Tag
from wagtail.models import Locale

from councils.models import ConstituencyPage, CouncilPage, PublicRecord
from home.models import TagLabel
from home.params import localize_query, param_name
from home.templatetags.site_tags import moment, percent
from media.models import ImageText
from stories.models import PressReleasePage, PressRoomPage, StoryIndexPage, StoryPage
from tests.html import main

pytestmark = pytest.mark.django_db

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
             "Oktober", "November", "Dezember"]


def english(day):
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def german(day):
    return f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}"


def head(html):
    return html.split("</head>", 1)[0]


def translation_of(page, code="en"):
    return page.get_translation(Locale.objects.get(language_code=code))


@pytest.fixture
def council_de():
    return CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")


@pytest.fixture
def council_en(council_de):
    return translation_of(council_de)


@pytest.fixture
def flagship_en():
    return StoryPage.objects.get(locale__language_code="en", slug="a-day-at-the-constituency-council")


# --- formats ----------------------------------------------------------------------------------

def test_percent_and_moment_follow_the_language():
    with translation.override("de"):
        assert percent(45) == "45\u00a0%"
        assert percent(16.94, 1) == "16,9\u00a0%"
        assert moment("2026-05-04 18:30") == "4. Mai 2026, 18:30 Uhr"
    with translation.override("en"):
        assert percent(45) == "45%"
        assert percent(16.94, 1) == "16.9%"
        assert moment("2026-05-04 18:30") == "4 May 2026, 18:30"
    assert percent(None) == ""


def test_council_page_dates_and_draw_time_in_english(client):
    record = next(r for r in PublicRecord.objects.order_by("pk") if r.draw_protocol.get("drawn_at"))
    council_de = CouncilPage.objects.get(locale__language_code="de", translation_key=record.council_key)
    council_en = translation_of(council_de)
    en = main(client.get(council_en.url).content.decode())
    assert english(council_en.date) in en
    assert german(council_en.date) not in en
    de = main(client.get(council_de.url).content.decode())
    assert german(council_de.date) in de
    drawn = datetime.datetime.fromisoformat(record.draw_protocol["drawn_at"])
    assert f"{english(drawn.date())}, {drawn:%H:%M}</time>" in en
    assert f"{german(drawn.date())}, {drawn:%H:%M} Uhr</time>" in de
    assert f'datetime="{drawn:%Y-%m-%dT%H:%M}"' in en


def test_constituency_page_state_and_percentages_in_english(client):
    page_de = ConstituencyPage.objects.filter(locale__language_code="de", wahlkreis__state="Bayern").exclude(
        wahlkreis__age_bands={}).first()
    page_en = translation_of(page_de)
    en = main(client.get(page_en.url).content.decode())
    assert "<dd>Bavaria</dd>" in en and "Bayern" not in en
    english_shares = re.findall(r"<td>(\d+\.\d)%</td>", en)  # the age table: "18.2%"
    assert english_shares
    de = main(client.get(page_de.url).content.decode())
    assert "<dd>Bayern</dd>" in de
    german_shares = re.findall(r"<td>(\d+,\d)\u00a0%</td>", de)  # "18,2 %"
    assert german_shares == [share.replace(".", ",") for share in english_shares]


def test_story_pages_show_english_dates_topics_and_alt_text(client, flagship_en):
    html = client.get(flagship_en.url).content.decode()
    body = main(html)
    assert english(flagship_en.date) in body
    # topics: English labels, English query parameter
    housing = Tag.objects.get(name="Wohnen")
    assert TagLabel.objects.filter(tag=housing, locale__language_code="en", label="Housing").exists()
    assert f'?topic={housing.slug}">Housing</a>' in body
    assert ">Wohnen</a>" not in body
    # the teaser's alt text in English
    alt = ImageText.objects.get(image=flagship_en.teaser_image, locale__language_code="en").alt_text
    assert alt.startswith("Participants")
    assert f'alt="{alt}"' in body
    german_page = flagship_en.get_translation(Locale.objects.get(language_code="de"))
    de = main(client.get(german_page.url).content.decode())
    assert f'alt="{german_page.teaser_image.description}"' in de and f'alt="{alt}"' not in de
    assert f'?thema={housing.slug}">Wohnen</a>' in de


def test_image_text_follows_edits(client, flagship_en):
    image = flagship_en.teaser_image
    text = ImageText.objects.get(image=image, locale__language_code="en")
    text.alt_text = "Edited English description"
    text.save()
    try:
        assert 'alt="Edited English description"' in client.get(flagship_en.url).content.decode()
    finally:
        cache.clear()


def test_english_story_index_uses_english_parameters_and_accepts_german_ones(client):
    index = StoryIndexPage.objects.get(locale__language_code="en")
    html = main(client.get(index.url).content.decode())
    assert 'rel="next"' in html and "?page=2" in html and "seite=" not in html
    assert '<label for="id_topic">' in html and 'name="topic"' in html and 'name="constituency"' in html
    assert ">Care</option>" in html and ">Pflege</option>" not in html
    total = StoryPage.objects.live().filter(locale__language_code="en").count()
    for query in ("?page=2", "?seite=2"):  # old links keep working
        second = main(client.get(index.url + query).content.decode())
        assert second.count('class="card story-card"') == total - 9
    care = Tag.objects.get(name="Pflege").slug
    for query in (f"?topic={care}", f"?thema={care}"):
        by_tag = main(client.get(index.url + query).content.decode())
        assert "Caring and being heard" in by_tag and "Wind power for everyone?" not in by_tag
        assert f'<option value="{care}" selected>Care</option>' in by_tag


def test_german_story_index_keeps_german_parameters(client):
    index = StoryIndexPage.objects.get(locale__language_code="de")
    html = main(client.get(index.url).content.decode())
    assert "?seite=2" in html and '<label for="id_thema">' in html and ">Pflege</option>" in html


def test_english_council_index_filters_with_english_names(client):
    from councils.models import CouncilIndexPage

    index = CouncilIndexPage.objects.get(locale__language_code="en")
    html = main(client.get(index.url).content.decode())
    assert 'name="state"' in html and 'name="year"' in html and 'name="topic"' in html
    assert ">Bavaria</option>" in html and ">Housing</option>" in html
    both = [main(client.get(index.url, {name: "Bayern"}).content.decode()) for name in ("state", "land")]
    assert both[0].count('class="card council-card"') == both[1].count('class="card council-card"') > 0
    assert '<option value="Bayern" selected>Bavaria</option>' in both[0]


def test_query_parameter_names():
    assert param_name("seite", "en") == "page" and param_name("seite", "de") == "seite"
    from django.http import QueryDict

    assert localize_query(QueryDict("thema=a&seite=2"), "en").urlencode() == "topic=a&page=2"
    # the page language's own spelling wins over the other one
    assert localize_query(QueryDict("topic=a&thema=b"), "en").getlist("topic") == ["a"]


# --- URLs -------------------------------------------------------------------------------------

def test_calendar_has_an_english_address(client):
    response = client.get("/en/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert 'filename="calendar.ics"' in response["Content-Disposition"]
    assert client.get("/de/kalender.ics").status_code == 200
    assert client.get("/de/calendar.ics").status_code == 404  # German stays German


def test_press_kit_has_english_segments_canonical_hreflang_and_switch(client, council_de, council_en):
    room_de = PressRoomPage.objects.get(locale__language_code="de")
    room_en = translation_of(room_de)
    kit_en = f"{room_en.url}press-kit/{council_en.pk}/"
    kit_de = f"{room_de.url}pressemappe/{council_de.pk}/"
    assert kit_en.startswith("/en/press/")
    response = client.get(kit_en)
    assert response.status_code == 200
    html = response.content.decode()
    top = head(html)
    assert f'<link rel="canonical" href="http://testserver{kit_en}">' in top
    assert f'<meta property="og:url" content="http://testserver{kit_en}">' in top
    assert f'<link rel="alternate" hreflang="de" href="http://testserver{kit_de}">' in top
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{kit_en}">' in top
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{kit_de}">' in top
    assert "Press kit" in top  # og:title of the kit, not the press room
    # the language switch leads to the German press kit
    assert re.search(rf'<a href="{re.escape(kit_de)}" hreflang="de"', html)
    # downloads use English segments too
    assert f"{room_en.url}press-kit/{council_en.pk}/zip/" in html
    # German unchanged, old English links redirect
    assert client.get(kit_de).status_code == 200
    old = client.get(f"{room_en.url}pressemappe/{council_en.pk}/")
    assert old.status_code == 301 and old["Location"] == kit_en


# --- search and sharing -----------------------------------------------------------------------

def _head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return head(response.content.decode())


@pytest.mark.parametrize("which", ["home", "council", "story", "search", "release"])
def test_every_page_has_description_canonical_hreflang_image_and_card(client, which, council_en, flagship_en):
    urls = {
        "home": "/en/",
        "council": council_en.url,
        "story": flagship_en.url,
        "search": "/en/search/",
        "release": PressReleasePage.objects.live().filter(locale__language_code="en").first().url,
    }
    url = urls[which]
    top = _head_of(client, url)
    description = re.search(r'<meta name="description" content="([^"]+)">', top)
    assert description and len(description.group(1)) > 20
    assert f'<link rel="canonical" href="http://testserver{url}">' in top
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', top))
    assert set(alternates) == {"de", "en", "x-default"}
    assert all(href.startswith("http://testserver/") for href in alternates.values())
    assert alternates["x-default"] == alternates["de"] and alternates["de"].startswith("http://testserver/de/")
    assert alternates["en"] == f"http://testserver{url}"
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+">', top)
    assert f'<meta property="og:url" content="http://testserver{url}">' in top
    assert '<meta name="twitter:card" content="summary_large_image">' in top


def test_search_page_falls_back_to_the_default_picture_and_description(client):
    top = _head_of(client, "/en/search/")
    assert '<meta property="og:image" content="http://testserver/static/img/og-default.png">' in top
    assert "residents drawn by lot" in top


def _jsonld(html, kind):
    for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


def test_story_article_jsonld(client, flagship_en):
    data = _jsonld(client.get(flagship_en.url).content.decode(), "Article")
    assert data["headline"] == flagship_en.title
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == flagship_en.date.isoformat() and data["dateModified"]
    assert data["image"]["url"].startswith("http://testserver/")
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.svg"
    assert data["author"]["name"] == flagship_en.author
    assert data["url"] == f"http://testserver{flagship_en.url}"


def test_press_release_article_jsonld(client):
    release = PressReleasePage.objects.live().filter(locale__language_code="de").first()
    data = _jsonld(client.get(release.url).content.decode(), "NewsArticle")
    assert data["inLanguage"] == "de" and data["headline"] == release.title
    assert data["image"]["url"].startswith("http://testserver/")
    assert data["publisher"]["logo"]["@type"] == "ImageObject"
