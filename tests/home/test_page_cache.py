"""The page cache for anonymous readers: hits cost nothing, private things are never stored, and
every change that a reader could see purges what showed it (home.pagecache, home.purge)."""

import datetime
import gzip

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale

from councils.models import CouncilIndexPage, CouncilPage
from stories.models import StoryPage
from tests.conftest import morning
from tests.factories import CouncilPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the purges that wait for the transaction to commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def de_council(slug="bezahlbares-wohnen"):
    return CouncilPage.objects.get(locale__language_code="de", slug=slug)


def test_second_request_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    url = de_council().url
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=0" in second["Cache-Control"]


def test_unchanged_page_answers_304_to_a_conditional_get(client):
    url = de_council().url
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_html_feeds_and_api_are_compressed(client):
    for url in (de_council().url, "/de/feeds/rueckmeldungen.rss", "/api/v2/pages/?type=councils.CouncilPage"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", url
        assert gzip.decompress(response.content)
        assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["X-Page-Cache"] == "hit", url


def test_signed_in_users_private_pages_and_searches_are_never_cached(client):
    url = de_council().url
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)
    client.logout()
    client.cookies.clear()
    for private in ("/de/antwort/", "/de/bewertung/", "/de/suche/?q=Wohnen", "/admin/login/"):
        client.get(private)
        assert "X-Page-Cache" not in client.get(private), private
    assert client.get("/de/suche/")["X-Page-Cache"] == "miss"  # the empty search form is the same for all


def test_publishing_a_change_purges_the_page_its_parents_and_the_home_page(client, commit):
    council = de_council()
    urls = [council.url, council.get_parent().url, CouncilIndexPage.objects.get(locale=council.locale).url,
            council.get_parent().get_parent().get_parent().url]
    for url in urls:
        client.get(url)
    with commit():
        council.title = "Ein ganz neuer Titel"
        council.save_revision().publish()
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
    assert "Ein ganz neuer Titel" in client.get(council.url).content.decode()
    assert "/en/" not in council.url  # the English page is purged too:
    english = council.get_translation(Locale.objects.get(language_code="en"))
    assert client.get(english.url)["X-Page-Cache"] == "miss"


def test_other_pages_stay_cached_when_one_council_changes(client, commit):
    other = CouncilPage.objects.filter(locale__language_code="de", live=True).exclude(
        translation_key=de_council().translation_key).exclude(
        path__startswith=de_council().get_parent().path).first()
    client.get(other.url)
    with commit():
        de_council().save_revision().publish()
    assert client.get(other.url)["X-Page-Cache"] == "hit"


def test_unpublishing_and_deleting_take_the_page_away_at_once(client, commit, council_index):
    council = de_council()
    client.get(council.url)
    with commit():
        council.unpublish()
    assert client.get(council.url).status_code == 404
    assert "Bezahlbares" not in client.get(council.get_parent().url).content.decode()

    other = CouncilPageFactory(parent=council.get_parent(), slug="wird-geloescht", title="Wird gelöscht",
                               publish=True)
    url = other.url
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    with commit():
        other.delete()
    assert client.get(url).status_code == 404


def test_moving_a_page_purges_its_old_address_and_both_parents(client, commit, constituency):
    council = CouncilPageFactory(parent=constituency, slug="umzug", title="Umzug", publish=True)
    old_url, old_parent = council.url, constituency.url
    target = de_council().get_parent()
    for url in (old_url, old_parent, target.url):
        client.get(url)
    with commit():
        council.move(target, pos="last-child")
    council.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the cached page
    assert moved.status_code == 301 and moved["Location"] == council.url
    assert "Umzug" not in client.get(old_parent).content.decode()
    assert "Umzug" in client.get(target.url).content.decode()
    assert client.get(council.url).status_code == 200


def test_publishing_a_story_purges_the_council_page_that_lists_it(client, commit):
    council = de_council()
    story = StoryPage.objects.filter(locale=council.locale, council_links__council=council).first()
    client.get(council.url)
    assert client.get(council.url)["X-Page-Cache"] == "hit"
    with commit():
        story.title = "Neue Überschrift der Geschichte"
        story.save_revision().publish()
    response = client.get(council.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Neue Überschrift der Geschichte" in response.content.decode()


def test_withdrawn_consent_is_never_served_from_the_cache(client, commit):
    story = StoryPage.objects.get(slug="ein-tag-im-wahlkreisrat")
    image = story.teaser_image
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    pages = [story.url, story.get_parent().url, de_council().url]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert stem in client.get(story.url).content.decode()
    with commit():
        image.consents.first().withdraw()
    for url in pages:
        assert stem not in client.get(url).content.decode(), url


@pytest.mark.today("2026-12-03")
def test_an_expiring_consent_ends_the_cached_page_at_midnight(client, clock):
    url = de_council().url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    clock.move_to(morning(datetime.date(2026, 12, 4)))
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_site_settings_purge_everything(client, commit):
    from home.models import OrganisationSettings

    url = de_council().url
    client.get(url)
    with commit():
        settings_obj = OrganisationSettings.objects.first()
        settings_obj.name = "Wahlkreisrat Neu"
        settings_obj.save()
    assert "Wahlkreisrat Neu" in client.get(url).content.decode()


def test_routes_of_a_page_and_the_press_room_kits_are_purged_with_it(client, commit):
    from stories.models import PressRoomPage

    council = de_council()
    room = PressRoomPage.objects.get(locale=council.locale)
    kit = f"{room.url}pressemappe/{council.pk}/"
    documentation = f"{council.url}dokumentation/"
    for url in (kit, documentation):
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url
    with commit():
        council.title = "Neuer Titel für die Pressemappe"
        council.save_revision().publish()
    for url in (kit, documentation):
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Neuer Titel für die Pressemappe" in client.get(kit).content.decode()


def test_a_page_in_the_main_menu_purges_every_page(client, commit):
    index = CouncilIndexPage.objects.get(locale__language_code="de")
    assert index.show_in_menus
    url = de_council().url
    client.get(url)
    with commit():
        index.title = "Alle Räte"
        index.save_revision().publish()
    assert "Alle Räte" in client.get(url).content.decode()


@pytest.fixture
def test_views(settings):
    settings.ROOT_URLCONF = "tests.home.urls_page_cache"
    settings.PAGE_CACHE_VIEWS = [*settings.PAGE_CACHE_VIEWS, "test_form_page"]


def test_a_page_with_a_csrf_token_is_never_handed_to_another_reader(test_views):
    first, second = Client(), Client()
    one = first.get("/test-form/")
    assert "csrftoken" in one.cookies and "X-Page-Cache" not in one
    two = second.get("/test-form/")
    assert "X-Page-Cache" not in two, "the second reader got the first one's form from the cache"
    assert two.cookies["csrftoken"].value != one.cookies["csrftoken"].value


def test_a_reader_with_a_waiting_message_is_not_served_from_the_cache(test_views, client):
    url = de_council().url
    assert client.get(url)["X-Page-Cache"] == "miss"
    client.get(f"/test-message/?next={url}")
    assert "messages" in client.cookies
    # a cached page would swallow the message: the page is rendered for this reader
    assert client.get(url).get("X-Page-Cache") != "hit"
