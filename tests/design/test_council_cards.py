"""Council cards on the index and constituency pages: a consent-cleared photo or a neutral
placeholder, a status badge, and a query count that does not grow with the number of cards."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import CouncilImage, CouncilIndexPage, Wahlkreis
from tests.factories import ConstituencyPageFactory, CouncilPageFactory, ImageFactory
from tests.html import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def constituency12():
    index = CouncilIndexPage.objects.get(locale__language_code="de")
    return ConstituencyPageFactory(parent=index, wahlkreis=Wahlkreis.objects.get(number=12), slug="wk-12")


def cards(html):
    return [c.split("</li>")[0] for c in main(html).split('<li class="card council-card">')[1:]]


def add_council(parent, slug, date, photo=None):
    council = CouncilPageFactory(parent=parent, slug=slug, title=f"Rat {slug}", date=date)
    if photo is not None:
        CouncilImage.objects.create(page=council, image=photo, sort_order=0)
    return council


@pytest.mark.today(datetime.date(2026, 5, 1))
def test_cards_show_photo_or_placeholder_and_status(client, constituency12):
    add_council(constituency12, "mit-foto", datetime.date(2026, 3, 1), ImageFactory(title="Plenum"))
    add_council(constituency12, "heute", datetime.date(2026, 5, 1))
    hidden = ImageFactory(title="Ohne Einwilligung", shows_identifiable_people=True)  # no consent record
    add_council(constituency12, "geplant", datetime.date(2026, 9, 1), hidden)
    by_slug = {c.split('href="')[1].split('"')[0].rstrip("/").rsplit("/", 1)[1]: c
               for c in cards(client.get(constituency12.url).content.decode())}
    assert "<picture>" in by_slug["mit-foto"] and 'alt=""' in by_slug["mit-foto"]
    assert 'badge--done">durchgeführt' in by_slug["mit-foto"]
    assert 'badge--today">heute' in by_slug["heute"]
    # a photo without consent never appears: the card falls back to the placeholder
    assert "<picture>" not in by_slug["geplant"] and "card__media--placeholder" in by_slug["geplant"]
    assert 'badge--upcoming">in Vorbereitung' in by_slug["geplant"]


def test_index_cards_cost_no_queries_per_card(client, constituency12):
    index_url = CouncilIndexPage.objects.get(locale__language_code="de").url

    def count():
        client.get(index_url)  # renditions are made once
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(index_url).content.decode()
        return len(ctx.captured_queries), html

    add_council(constituency12, "a", datetime.date(2026, 3, 1), ImageFactory())
    few, _ = count()
    for i in range(6):
        add_council(constituency12, f"b{i}", datetime.date(2026, 3, 2 + i), ImageFactory())
    many, html = count()
    assert many == few, f"{few} queries before, {many} with six more cards"
    assert html.count('class="card council-card"') >= 7
