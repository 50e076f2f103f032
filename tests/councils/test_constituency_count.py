"""The constituency page says how many councils it has: live, public ones in the page's language,
singular and plural, in German and English."""

import pytest
from django.utils import translation

from tests.factories import CouncilPageFactory

pytestmark = pytest.mark.django_db


def intro(client, page):
    html = client.get(page.url).content.decode()
    main = html.split("<main", 1)[1]
    return main


def test_no_council_no_count(client, constituency):
    assert "In diesem Wahlkreis gibt es" not in intro(client, constituency)


def test_one_council_in_the_singular_and_drafts_do_not_count(client, constituency):
    CouncilPageFactory(parent=constituency, title="Wasser", slug="wasser", publish=True)
    CouncilPageFactory(parent=constituency, title="Entwurf", slug="entwurf", live=False)
    assert "In diesem Wahlkreis gibt es einen Wahlkreisrat." in intro(client, constituency)


def test_several_councils_in_the_plural_without_private_ones(client, constituency):
    from wagtail.models import PageViewRestriction

    for slug in ("wasser", "wald", "schule"):
        CouncilPageFactory(parent=constituency, title=slug.title(), slug=slug, publish=True)
    private = CouncilPageFactory(parent=constituency, title="Probe", slug="probe", publish=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "In diesem Wahlkreis gibt es 3 Wahlkreisräte." in intro(client, constituency)


def test_the_english_sentence(client):
    from councils.models import ConstituencyPage, CouncilPage

    page = ConstituencyPage.objects.filter(locale__language_code="en").order_by("path").first()
    count = CouncilPage.objects.child_of(page).live().public().count()
    with translation.override("en"):
        html = intro(client, page)
    expected = "There is one council in this constituency." if count == 1 else (
        f"There are {count} councils in this constituency.")
    assert expected in html
