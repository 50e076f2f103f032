"""The site's own page view (home.views.serve, home.routing): the same pages, privacy and chrome as
Wagtail's, in fewer queries."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from councils.models import ConstituencyPage, CouncilPage
from home.routing import route_request
from stories.models import StoryIndexPage, StoryPage
from tests.html import main

pytestmark = pytest.mark.django_db
COUNCIL = "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/"


def test_a_password_on_an_ancestor_still_guards_the_page(client):
    story = StoryPage.objects.get(locale__language_code="de", slug="ein-tag-im-wahlkreisrat")
    assert story.title in main(client.get(story.url).content.decode())
    PageViewRestriction.objects.create(page=StoryIndexPage.objects.get(locale__language_code="de"),
                                       restriction_type="password", password="geheim")
    html = client.get(story.url).content.decode()
    assert story.title not in html and 'name="password"' in html  # Wagtail's password form instead


def test_a_login_restriction_sends_readers_to_the_login(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    PageViewRestriction.objects.create(page=council, restriction_type="login")
    response = client.get(COUNCIL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_unknown_and_unpublished_pages_are_not_found(client):
    assert client.get("/de/wahlkreisraete/wahlkreis-75/gibt-es-nicht/").status_code == 404
    assert client.get("/de/gibt-es-nicht/wahlkreis-75/").status_code == 404
    CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen").unpublish()
    assert client.get(COUNCIL).status_code == 404


def test_english_pages_have_english_chrome_and_link_their_german_twin(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    english = council.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert f'href="{COUNCIL}" hreflang="de"' in html  # the language switch names the German page
    assert "/en/" in html.split('class="main-nav"')[1].split("</nav>")[0]  # the English menu


def test_a_routed_page_knows_its_parent_without_a_query(django_assert_num_queries):
    request = RequestFactory().get(COUNCIL)
    with translation.override("de"):
        page, _args, _kwargs = route_request(Site.find_for_request(request), request,
                                             ["wahlkreisraete", "wahlkreis-75", "bezahlbares-wohnen"])
    with django_assert_num_queries(0):
        parent = page.get_parent()
        assert not list(page.get_view_restrictions())  # the route found none on the way
    assert parent.pk == ConstituencyPage.objects.get(locale__language_code="de", slug="wahlkreis-75").pk
    assert Page.objects.get(pk=page.pk).get_parent().pk == parent.pk  # the same as the tree says
