"""The home page shows the work: next councils, key figures, results, follow-ups, stories, the map."""

import datetime
import json
import re

import pytest
from wagtail.models import Locale

from councils.models import CouncilPage, FollowUpPage, PublicRecord
from home.translation import translate
from media.models import CustomImage
from stories.models import StoryPage
from tests.factories import (
    CouncilPageFactory,
    FollowUpPageFactory,
    RecommendationFactory,
    RecommendationStatusFactory,
)
from tests.html import main

pytestmark = pytest.mark.django_db

TODAY = "2030-01-15"


def section(html, heading_id):
    """The <section> labelled by the heading with this id ('' if the page has none)."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', main(html), re.S)
    return match.group(0) if match else ""


def council(parent, slug, date, recs=0, participants=None):
    page = CouncilPageFactory(parent=parent, slug=slug, title=f"Thema {slug}", date=date, venue_town=f"Ort {slug}")
    for i in range(recs):
        RecommendationFactory(page=page, code=f"{slug}{i}", title=f"Empfehlung {slug} {i + 1}")
    page.save_revision().publish()
    if participants is not None:
        PublicRecord.objects.create(council_key=page.translation_key, participant_count=participants)
    return CouncilPage.objects.get(pk=page.pk)


def follow_up(council_page, slug, date, answered, status="in_progress"):
    page = FollowUpPageFactory(parent=council_page, slug=slug, title=f"Rückmeldung {slug}", date=date)
    recs = list(council_page.recommendations.order_by("sort_order", "pk"))
    for index in answered:
        RecommendationStatusFactory(page=page, recommendation=recs[index], status=status)
    page.save_revision().publish()
    return page


@pytest.fixture
def only_our_councils():
    """Takes the demo's councils and follow-ups offline, so the figures are only what a test builds."""
    CouncilPage.objects.update(live=False)
    FollowUpPage.objects.update(live=False)


@pytest.fixture
def work(constituency, only_our_councils):
    """On 15 Jan 2030: two held councils with five recommendations and 1,235 participants, one
    upcoming council and a held trial council that must never count.

    Council a (10 Jan 2029, due 10 Mar 2029): e0 and e1 answered on time, e2 only late.
    Council b (1 Dec 2029, due 1 Feb 2030): b0 answered on time, b1 open (not yet due).
    On time: 3 of the 4 recommendations whose outcome is known, 75 %.
    """
    a = council(constituency, "a", datetime.date(2029, 1, 10), recs=3, participants=1200)
    b = council(constituency, "b", datetime.date(2029, 12, 1), recs=2, participants=35)
    trial = council(constituency, "probelauf", datetime.date(2029, 6, 1), recs=4, participants=50)
    follow_up(trial, "t", datetime.date(2029, 6, 10), answered=[0, 1, 2, 3])
    follow_up(a, "a-1", datetime.date(2029, 2, 15), answered=[0, 1])
    follow_up(a, "a-2", datetime.date(2029, 4, 1), answered=[2], status="accepted")
    follow_up(b, "b-1", datetime.date(2029, 12, 20), answered=[0], status="accepted")
    upcoming = council(constituency, "c", datetime.date(2030, 2, 20))
    return {"a": a, "b": b, "trial": trial, "upcoming": upcoming}


@pytest.fixture
def in_english(work, constituency, django_capture_on_commit_callbacks):
    """The same work translated to English, as editors do it with wagtail-localize (which
    publishes translations on commit: the callbacks run inside the test)."""
    with django_capture_on_commit_callbacks(execute=True):
        translate(constituency, "en", {})
    for key in ("a", "b", "upcoming"):
        page = work[key]
        with django_capture_on_commit_callbacks(execute=True):
            translate(page, "en", {page.title: f"Topic {key}"})
        for child in FollowUpPage.objects.child_of(page):
            with django_capture_on_commit_callbacks(execute=True):
                translate(child, "en", {child.title: f"Follow-up {child.slug}"})


@pytest.mark.today(TODAY)
def test_key_figures_count_held_councils_people_recommendations_and_on_time_share(client, work):
    figures = section(client.get("/de/").content.decode(), "figures-h")
    values = re.findall(r'<span class="key-figures__value">([^<]+)</span>', figures)
    assert values == ["2", "1.235", "5", "75 %"]
    assert "(3 von 4)" in figures


@pytest.mark.today(TODAY)
def test_key_figures_in_english_use_english_number_formats(client, in_english):
    figures = section(client.get("/en/").content.decode(), "figures-h")
    values = re.findall(r'<span class="key-figures__value">([^<]+)</span>', figures)
    assert values == ["2", "1,235", "5", "75%"]
    assert "councils held" in figures and "(3 of 4)" in figures


@pytest.mark.today(TODAY)
def test_next_councils_show_date_place_and_topic_but_never_the_trial(client, work):
    html = client.get("/de/").content.decode()
    upcoming = section(html, "upcoming-h")
    assert work["upcoming"].url in upcoming
    assert "Thema c" in upcoming and "Ort c" in upcoming
    assert '<time datetime="2030-02-20">20. Februar 2030</time>' in upcoming
    assert work["a"].url not in upcoming  # held councils are results, not next councils
    assert "probelauf" not in main(html)


@pytest.mark.today(TODAY)
def test_next_councils_in_english(client, in_english):
    upcoming = section(client.get("/en/").content.decode(), "upcoming-h")
    assert "Topic upcoming" in upcoming and "/en/" in upcoming
    assert '<time datetime="2030-02-20">20 February 2030</time>' in upcoming


@pytest.mark.today(TODAY)
def test_latest_results_link_to_the_recommendations(client, work):
    results = section(client.get("/de/").content.decode(), "results-h")
    assert results.index(work["b"].url) < results.index(work["a"].url)  # newest first
    assert f'{work["a"].url}#empfehlungen' in results
    assert "Alle 3 Empfehlungen ansehen" in results


@pytest.mark.today(TODAY)
def test_latest_follow_ups_say_what_became_of_the_recommendations(client, work):
    follow_ups = section(client.get("/de/").content.decode(), "followups-h")
    assert "Was ist daraus geworden?" in follow_ups
    titles = re.findall(r"<h3><a [^>]+>([^<]+)</a></h3>", follow_ups)
    assert titles == ["Rückmeldung b-1", "Rückmeldung a-2", "Rückmeldung a-1"]  # newest first, no trial
    assert '<span class="badge badge--in_progress">2 in Arbeit</span>' in follow_ups
    assert '<span class="badge badge--accepted">1 angenommen</span>' in follow_ups
    assert work["b"].url in follow_ups  # each links its council


@pytest.mark.today(TODAY)
def test_latest_follow_ups_in_english(client, in_english):
    follow_ups = section(client.get("/en/").content.decode(), "followups-h")
    assert "What became of it?" in follow_ups
    assert "Follow-up b-1" in follow_ups and "1 accepted" in follow_ups


def test_featured_stories_are_the_latest_with_a_photo_that_may_be_shown(client):
    de = Locale.objects.get(language_code="de")
    latest = list(StoryPage.objects.live().filter(locale=de).order_by("-date", "-pk"))
    newest = latest[0]
    # the newest story loses the consent for its photo: it is no longer featured
    newest.teaser_image = CustomImage.objects.get(title__contains="Einwilligung widerrufen")
    newest.save_revision().publish()
    html = client.get("/de/").content.decode()
    stories = section(html, "featured-h")
    shown = re.findall(r'<h3><a href="([^"]+)"', stories)
    assert shown == [story.url for story in latest[1:4]]
    assert newest.url not in stories
    assert stories.count("<picture>") == 3
    assert 'type="image/avif"' in stories and 'type="image/webp"' in stories
    for img in re.findall(r"<img [^>]+>", stories):
        assert 'loading="lazy"' in img and 'width="' in img and 'height="' in img and 'alt="' in img


def test_english_home_features_english_stories(client):
    stories = section(client.get("/en/").content.decode(), "featured-h")
    assert "Stories from the constituency councils" in stories and "All stories" in stories
    assert "/en/" in stories and "/de/" not in stories


def test_map_is_a_small_way_into_the_constituencies(client):
    html = client.get("/de/").content.decode()
    preview = section(html, "home-map-h")
    assert '<a href="/de/wahlkreisraete/wahlkreis-75/" aria-label="Wahlkreis 75: ' in preview
    assert 'href="/de/wahlkreisraete/"' in preview  # the full map on the index
    svg = preview.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert len(svg) < 20_000  # not the index's 150 KB map
    assert 'role="group"' in preview and "<title " in preview


def test_organisation_json_ld(client):
    html = client.get("/de/").content.decode()
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    data = json.loads(script)
    assert data["@type"] == "Organization" and data["@context"] == "https://schema.org"
    assert data["name"] == "Wahlkreisrat-Demo e. V."
    assert data["url"] == "http://testserver/de/"
    assert data["logo"] == "http://testserver/static/img/logo.svg"
    assert data["email"] == "kontakt@wahlkreisrat.example" and data["telephone"] == "+49 30 0000000"
    assert data["address"] == "Musterstraße 1, 10115 Berlin"
    assert data["sameAs"] == ["https://social.example/@wahlkreisrat"]
    en = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>',
                              client.get("/en/").content.decode(), re.S).group(1))
    assert en["url"] == "http://testserver/en/"


def test_demo_home_page_shows_every_section_in_both_languages(client):
    for path in ("/de/", "/en/"):
        html = client.get(path).content.decode()
        for heading in ("upcoming-h", "figures-h", "results-h", "followups-h", "featured-h", "home-map-h"):
            assert section(html, heading), (path, heading)
