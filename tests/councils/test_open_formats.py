"""Open formats: RSS/Atom feeds of follow-ups, the iCal calendar, JSON-LD, Open Graph and the API."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from wagtail.models import Locale

from councils.feeds import upcoming_councils
from councils.logic.ical import CRLF
from councils.models import CouncilPage, MdB
from tests.factories import (
    ConstituencyPageFactory,
    CouncilIndexPageFactory,
    CouncilPageFactory,
    FollowUpPageFactory,
    RecommendationFactory,
    StandardPageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = datetime.date(2026, 7, 1)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def build_tree(home, slug, titles):
    """A council index, one constituency, an upcoming and a past council with follow-ups."""
    index = CouncilIndexPageFactory(parent=home, slug=slug, publish=True)
    wk = ConstituencyPageFactory(parent=index, slug=f"{slug}-wk", publish=True)
    upcoming = CouncilPageFactory(parent=wk, title=titles["upcoming"], slug=f"{slug}-bald",
                                          date=TODAY + datetime.timedelta(days=30),
                                          venue_town="Neustadt, Pfalz", publish=True)
    past = CouncilPageFactory(parent=wk, title=titles["past"], slug=f"{slug}-vorbei",
                                      date=TODAY - datetime.timedelta(days=90), publish=True)
    follow_ups = {
        "upcoming": FollowUpPageFactory(parent=upcoming, title=titles["fu_upcoming"],
                                                slug=f"{slug}-fu1", date=datetime.date(2026, 5, 2), publish=True),
        "past_old": FollowUpPageFactory(parent=past, title=titles["fu_past_old"], slug=f"{slug}-fu2",
                                                date=datetime.date(2026, 3, 1),
                                                body="<p>Erste <b>Rückmeldung</b> &amp; mehr.</p>", publish=True),
        "past_new": FollowUpPageFactory(parent=past, title=titles["fu_past_new"], slug=f"{slug}-fu3",
                                                date=datetime.date(2026, 6, 1), publish=True),
    }
    draft = FollowUpPageFactory(parent=past, title=titles["fu_draft"], slug=f"{slug}-fu4", live=False)
    return {"index": index, "wk": wk, "upcoming": upcoming, "past": past, "follow_ups": follow_ups,
            "draft": draft}


GERMAN = {"upcoming": "Mobilität, Bus; Bahn \\ Rad", "past": "Wohnen im Dorf",
          "fu_upcoming": "Rückmeldung Mobilität", "fu_past_old": "Erste Rückmeldung Wohnen",
          "fu_past_new": "Zweite Rückmeldung Wohnen", "fu_draft": "Entwurf Rückmeldung"}
ENGLISH = {"upcoming": "Getting around", "past": "Village housing", "fu_upcoming": "Follow-up on transport",
           "fu_past_old": "First housing follow-up", "fu_past_new": "Second housing follow-up",
           "fu_draft": "Draft follow-up"}


@pytest.fixture
def de_tree(de_home):
    return build_tree(de_home, "wkr-offene-formate", GERMAN)


@pytest.fixture
def en_tree(en_home):
    return build_tree(en_home, "wkr-open-formats", ENGLISH)


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


# --- RSS / Atom --------------------------------------------------------------------------------

def test_site_wide_rss_lists_live_follow_ups_newest_first(client, de_tree):
    channel, items = rss_items(client.get("/de/feeds/rueckmeldungen.rss"))
    assert "Rückmeldungen der Abgeordneten" in channel.findtext("title")
    assert channel.findtext("language") == "de"
    titles = [item.findtext("title") for item in items]
    ours = [t for t in titles if t in GERMAN.values()]
    assert ours == ["Zweite Rückmeldung Wohnen", "Rückmeldung Mobilität", "Erste Rückmeldung Wohnen"]
    assert "Entwurf Rückmeldung" not in titles
    assert len(items) <= 50
    first = next(i for i in items if i.findtext("title") == "Erste Rückmeldung Wohnen")
    fu = de_tree["follow_ups"]["past_old"]
    assert first.findtext("link") == f"http://testserver{fu.url}"
    assert first.findtext("link").startswith("http://testserver/de/")
    assert first.findtext("description") == "Erste Rückmeldung & mehr."  # plain text summary
    assert first.findtext("pubDate").startswith("Sun, 01 Mar 2026 00:00:00")


def test_site_wide_atom_feed(client, de_tree):
    feed, entries = atom_entries(client.get("/de/feeds/rueckmeldungen.atom"))
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert {"Zweite Rückmeldung Wohnen", "Rückmeldung Mobilität", "Erste Rückmeldung Wohnen"} <= set(titles)
    assert "Entwurf Rückmeldung" not in titles
    entry = next(e for e in entries if e.findtext(f"{ATOM}title") == "Rückmeldung Mobilität")
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/de/")
    assert entry.findtext(f"{ATOM}published").startswith("2026-05-02T00:00:00")
    assert entry.findtext(f"{ATOM}updated")


def test_per_council_feeds_list_only_that_councils_follow_ups(client, de_tree):
    past = de_tree["past"]
    channel, items = rss_items(client.get(f"/de/feeds/wahlkreisrat/{past.pk}.rss"))
    assert [i.findtext("title") for i in items] == ["Zweite Rückmeldung Wohnen", "Erste Rückmeldung Wohnen"]
    assert "Wohnen im Dorf" in channel.findtext("title")
    assert channel.findtext("link") == f"http://testserver{past.url}"
    _feed, entries = atom_entries(client.get(f"/de/feeds/wahlkreisrat/{de_tree['upcoming'].pk}.atom"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Rückmeldung Mobilität"]


def test_per_council_feed_is_404_for_other_pages_and_unpublished_councils(client, de_home, de_tree):
    hidden = CouncilPageFactory(parent=de_tree["wk"], slug="unveroeffentlicht", publish=True)
    hidden.unpublish()
    for page_id in (de_home.pk, de_tree["wk"].pk, de_tree["follow_ups"]["past_new"].pk, hidden.pk, 999999):
        assert client.get(f"/de/feeds/wahlkreisrat/{page_id}.rss").status_code == 404
        assert client.get(f"/de/feeds/wahlkreisrat/{page_id}.atom").status_code == 404


def test_feeds_are_per_language(client, de_tree, en_tree):
    _channel, en_items = rss_items(client.get("/en/feeds/rueckmeldungen.rss"))
    en_titles = {i.findtext("title") for i in en_items}
    assert {"Follow-up on transport", "First housing follow-up", "Second housing follow-up"} <= en_titles
    assert not en_titles & set(GERMAN.values())
    assert all(i.findtext("link").startswith("http://testserver/en/") for i in en_items)
    _channel, de_items = rss_items(client.get("/de/feeds/rueckmeldungen.rss"))
    assert not {i.findtext("title") for i in de_items} & set(ENGLISH.values())


def test_base_template_announces_the_feed(client, de_tree):
    html = client.get("/de/").content.decode()
    assert re.search(r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" '
                     r'href="/de/feeds/rueckmeldungen.rss">', html)


# --- iCal --------------------------------------------------------------------------------------

def test_upcoming_councils_with_a_frozen_today(de_tree):
    de = Locale.objects.get(language_code="de")
    frozen = de_tree["past"].date
    found = list(upcoming_councils(de, frozen))
    assert de_tree["past"] in found and de_tree["upcoming"] in found
    found = list(upcoming_councils(de, frozen + datetime.timedelta(days=1)))
    assert de_tree["past"] not in found and de_tree["upcoming"] in found
    assert all(c.date >= frozen for c in found)


def test_ical_feed_of_upcoming_councils(client, de_tree, en_tree):
    hidden = CouncilPageFactory(parent=de_tree["wk"], slug="geheim",
                                        date=TODAY + datetime.timedelta(days=3), publish=True)
    hidden.unpublish()
    response = client.get("/de/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.endswith(CRLF) and "\n" not in text.replace(CRLF, "")
    lines = text[:-2].split(CRLF)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    logical = text.replace(CRLF + " ", "")[:-2].split(CRLF)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    expected = upcoming_councils(Locale.objects.get(language_code="de"), TODAY)
    # the council day and, where its time is known, the public presentation as an event of its own
    presentations = expected.filter(presentation_start__isnull=False).count()
    assert logical.count("BEGIN:VEVENT") == expected.count() + presentations >= 1
    upcoming, past = de_tree["upcoming"], de_tree["past"]
    assert f"UID:{upcoming.translation_key}@wahlkreisrat" in logical
    assert f"UID:{past.translation_key}@wahlkreisrat" not in logical
    assert f"UID:{hidden.translation_key}@wahlkreisrat" not in logical
    assert f"UID:{en_tree['upcoming'].translation_key}@wahlkreisrat" not in logical  # English calendar only
    start = logical.index(f"UID:{upcoming.translation_key}@wahlkreisrat")
    event = logical[start:logical.index("END:VEVENT", start)]
    assert f"DTSTART;VALUE=DATE:{upcoming.date:%Y%m%d}" in event
    assert "SUMMARY:Wahlkreisrat: Mobilität\\, Bus\\; Bahn \\\\ Rad" in event
    assert "LOCATION:Neustadt\\, Pfalz" in event
    assert f"URL:http://testserver{upcoming.url}" in event
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in event)
    assert client.post("/de/kalender.ics").status_code == 405

    en = client.get("/en/calendar.ics").content.decode()
    assert f"UID:{en_tree['upcoming'].translation_key}@wahlkreisrat" in en.replace(CRLF + " ", "")
    assert f"UID:{upcoming.translation_key}@wahlkreisrat" not in en.replace(CRLF + " ", "")


# --- JSON-LD -----------------------------------------------------------------------------------

def jsonld(html):
    match = re.fullmatch(r'\s*<script type="application/ld\+json">(.*)</script>\s*', html, re.S)
    assert match, html
    return json.loads(match.group(1))


def test_council_jsonld_is_an_event(rf, de_tree):
    council = CouncilPage.objects.get(pk=de_tree["upcoming"].pk)
    html = render_to_string("councils/includes/jsonld_council.html",
                            {"page": council, "request": rf.get("/de/")})
    data = jsonld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == council.title
    assert data["description"] == council.guiding_question
    assert data["startDate"] == council.date.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressLocality"] == "Neustadt, Pfalz"
    assert data["organizer"] == {"@type": "Organization", "name": "Wahlkreisrat-Demo e. V.",
                                 "url": "http://testserver/de/"}
    assert data["url"] == f"http://testserver{council.url}"
    assert data["inLanguage"] == "de"


def test_jsonld_cannot_close_the_script_element(rf, de_tree):
    council = de_tree["upcoming"]
    council.guiding_question = 'Was tun? </script><script>alert("x")</script>'
    html = render_to_string("councils/includes/jsonld_council.html",
                            {"page": council, "request": rf.get("/de/")})
    assert html.count("</script>") == 1
    assert jsonld(html)["description"] == council.guiding_question


def test_follow_up_jsonld_is_an_article_by_the_mdb(rf, de_tree):
    follow_up = de_tree["follow_ups"]["past_old"]
    council = de_tree["past"]
    html = render_to_string("councils/includes/jsonld_followup.html",
                            {"page": follow_up, "request": rf.get("/de/")})
    data = jsonld(html)
    assert data["@type"] == "Article"
    assert data["headline"] == "Erste Rückmeldung Wohnen"
    assert data["datePublished"] == "2026-03-01"
    assert data["inLanguage"] == "de"
    assert data["url"] == f"http://testserver{follow_up.url}"
    assert data["about"]["@type"] == "Event" and data["about"]["url"] == f"http://testserver{council.url}"
    mdb = MdB.objects.filter(wahlkreis=de_tree["wk"].wahlkreis).first()
    if mdb:
        assert data["author"] == {"@type": "Person", "name": mdb.display_name}
    else:
        assert "author" not in data


def test_follow_up_jsonld_without_a_known_mdb_has_no_author(rf, de_tree):
    MdB.objects.filter(wahlkreis=de_tree["wk"].wahlkreis).delete()
    follow_up = type(de_tree["follow_ups"]["past_new"]).objects.get(pk=de_tree["follow_ups"]["past_new"].pk)
    data = jsonld(render_to_string("councils/includes/jsonld_followup.html",
                                   {"page": follow_up, "request": rf.get("/de/")}))
    assert "author" not in data and data["@type"] == "Article"


# --- Open Graph --------------------------------------------------------------------------------

def og_tags(html):
    return dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', html))


def test_open_graph_on_a_page_with_a_translation(client):
    html = client.get("/de/impressum/").content.decode()
    og = og_tags(html)
    assert og["og:url"] == "http://testserver/de/impressum/"
    assert og["og:type"] == "website"
    assert og["og:locale"] == "de_DE"
    assert og["og:locale:alternate"] == "en_GB"
    assert og["og:site_name"] == "Wahlkreisrat-Demo e. V."
    assert og["og:title"]
    assert og["og:image"] == "http://testserver/static/img/og-default.png"  # no picture: the fallback
    en = og_tags(client.get("/en/imprint/").content.decode())
    assert en["og:locale"] == "en_GB" and en["og:locale:alternate"] == "de_DE"
    assert en["og:url"] == "http://testserver/en/imprint/"


def test_open_graph_description_and_image(rf, de_home, image):
    page = StandardPageFactory(parent=de_home, slug="og-test", title="OG-Test",
                                       intro="Worum es <b>hier</b> geht", publish=True)
    page.og_image = image
    request = rf.get("/de/og-test/")
    html = render_to_string("includes/opengraph.html", {"page": page}, request=request)
    og = og_tags(html)
    assert og["og:description"] == "Worum es hier geht"
    assert og["og:title"] == "OG-Test"
    assert re.fullmatch(r"http://testserver/.+\.(png|jpe?g|gif|webp)", og["og:image"]), og["og:image"]
    assert "og:locale:alternate" not in og  # no translation yet


# --- API ---------------------------------------------------------------------------------------

def assert_no_private_data(response):
    text = response.content.decode().lower()
    assert "password" not in text
    for email in get_user_model().objects.exclude(email="").values_list("email", flat=True):
        assert email.lower() not in text


def test_api_lists_councils_with_recommendations(client, de_tree):
    RecommendationFactory(page=de_tree["past"], code="e1", title="Mehr Busse")
    CouncilPage.objects.get(pk=de_tree["past"].pk).save_revision().publish()
    hidden = CouncilPageFactory(parent=de_tree["wk"], slug="api-entwurf", publish=True)
    hidden.unpublish()
    response = client.get("/api/v2/pages/?type=councils.CouncilPage&fields=*"
                          f"&descendant_of={de_tree['index'].pk}")
    assert response.status_code == 200, response.content
    data = response.json()
    by_id = {item["id"]: item for item in data["items"]}
    assert de_tree["past"].pk in by_id and de_tree["upcoming"].pk in by_id
    assert hidden.pk not in by_id
    past = by_id[de_tree["past"].pk]
    assert past["meta"]["type"] == "councils.CouncilPage"
    assert past["guiding_question"] and past["venue_town"]
    assert [(r["code"], r["title"]) for r in past["recommendations"]] == [("e1", "Mehr Busse")]
    assert_no_private_data(response)
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404  # a 404, not a redirect
    detail = client.get(f"/api/v2/pages/{de_tree['past'].pk}/")
    assert detail.status_code == 200 and detail.json()["recommendations"][0]["code"] == "e1"
    assert_no_private_data(detail)


def test_api_locale_filter(client, de_tree, en_tree):
    response = client.get(f"/api/v2/pages/?type=councils.CouncilPage&locale=en&child_of={en_tree['wk'].pk}")
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert {en_tree["upcoming"].pk, en_tree["past"].pk} <= {i["id"] for i in items}
    assert all(i["meta"]["locale"] == "en" for i in items)


def test_api_is_read_only_and_has_no_user_data(client, de_tree, image):
    for url in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_private_data(response)
        assert client.post(url, {"title": "x"}).status_code == 405
    assert client.post(f"/api/v2/pages/{de_tree['past'].pk}/", {}).status_code == 405
    assert client.delete(f"/api/v2/pages/{de_tree['past'].pk}/").status_code == 405
    assert client.get("/api/v2/users/", follow=True).status_code == 404
