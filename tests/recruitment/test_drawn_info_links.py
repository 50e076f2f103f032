"""The information pages for drawn residents are one step away from the letter: the response page
(the page the QR code opens) links the pages for the invitee's audience, and the letter prints the
short address of the same page."""

import pytest
from django.conf import settings
from django.core.cache import caches

from recruitment.logic import codes
from recruitment.models import Person
from recruitment.services import invitations, letters

from ..html import main
from ..pdfs import pdf_text
from .conftest import demo_case
from .test_letters import few_pending, page_text, render  # noqa: F401  (few_pending is a fixture)

pytestmark = pytest.mark.django_db

HOST = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[1].rstrip("/")


@pytest.fixture(autouse=True)
def clear_cache():
    for cache in caches.all():  # the attempt counters ("ratelimit")
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def invited(age):
    invitation = invitations.active_invitations(demo_case()).first()
    Person.objects.filter(pk=invitation.placement.person_id).update(age=age)
    return invitation, invitations.issue_code(invitation)


def info_box(client, url):
    html = main(client.get(url).content.decode())
    return html.split('class="info-box"')[1].split("</aside>")[0]


def test_the_response_page_links_the_information_for_adults(client):
    _invitation, code = invited(age=42)
    box = info_box(client, f"/de/antwort/{codes.formatted(code)}/")
    assert '<a href="/de/ausgelost/erwachsene/" rel="noreferrer">Für Erwachsene</a>' in box
    assert "/de/ausgelost/eltern/" not in box
    assert 'href="/de/leichte-sprache/"' in box
    assert client.get("/de/ausgelost/erwachsene/").status_code == 200


def test_the_response_page_for_a_minor_links_parents_and_young_people(client):
    _invitation, code = invited(age=16)
    box = info_box(client, f"/de/antwort/{codes.formatted(code)}/")
    assert 'href="/de/ausgelost/eltern/"' in box and 'href="/de/ausgelost/junge-menschen/"' in box
    assert "/de/ausgelost/erwachsene/" not in box
    english = info_box(client, f"/en/response/{codes.formatted(code)}/")
    assert 'href="/en/drawn/parents/"' in english and 'href="/en/drawn/young-people/"' in english


def test_the_code_entry_page_links_the_overview_and_easy_read(client):
    box = info_box(client, "/de/antwort/")
    assert 'href="/de/ausgelost/"' in box and 'href="/de/leichte-sprache/"' in box


def test_the_information_pages_show_nothing_personal(client):
    invitation, _code = invited(age=16)
    person = invitation.placement.person
    for path in ("/de/ausgelost/", "/de/ausgelost/eltern/", "/de/ausgelost/junge-menschen/"):
        html = client.get(path).content.decode()
        assert person.family_name not in html and person.street not in html


def test_the_letter_prints_the_address_of_the_information_for_its_reader(drawn, few_pending):  # noqa: F811
    invitation = few_pending[0]
    Person.objects.filter(pk=invitation.placement.person_id).update(age=40)
    invitation.placement.person.refresh_from_db()
    context, document = render(drawn, invitation)
    assert context["pages"][0]["info_url"] == f"{HOST}/de/ausgelost/erwachsene/"
    assert f"{HOST}/de/ausgelost/erwachsene/" in page_text(document)
    assert len(document.pages) == 1

    Person.objects.filter(pk=invitation.placement.person_id).update(age=16)
    invitation.placement.person.refresh_from_db()
    drawn.second_language = "en"
    drawn.save()
    context, document = render(drawn, invitation)
    assert [page["info_url"] for page in context["pages"]] == [f"{HOST}/de/ausgelost/eltern/",
                                                                f"{HOST}/en/drawn/parents/"]
    assert f"{HOST}/en/drawn/parents/" in page_text(document, 1)


def test_the_printed_address_reads_back_from_the_pdf(drawn, few_pending):  # noqa: F811
    result = letters.make_letters(drawn, invitations=few_pending[:1])
    assert "/de/ausgelost/" in pdf_text(result.pdf)
