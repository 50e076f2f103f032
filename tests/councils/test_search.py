"""Search over councils, recommendations and follow-ups."""

import datetime

import pytest
from django.db import connection

from tests.factories import CouncilPageFactory, FollowUpPageFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def result_paths(client, lang, query):
    html = client.get(f"/{lang}/{'suche' if lang == 'de' else 'search'}/", {"q": query}).content.decode()
    main = html.split("<main", 1)[1]
    return [part.split('"')[0] for part in main.split('<h3><a href="')[1:]]


def test_recommendation_text_finds_its_council(client):
    assert result_paths(client, "de", "Leerstandsregister") == ["/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/"]
    assert result_paths(client, "en", "vacant") == ["/en/councils/constituency-75/affordable-housing/"]


def test_follow_up_text_is_found(client):
    assert "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/erste-rueckmeldung-zum-wohnen/" in result_paths(
        client, "de", "Fraktion")


def test_search_never_shows_drafts(client, constituency):
    council = CouncilPageFactory(parent=constituency, title="Geheimthema Wasserstoff", slug="wasserstoff", live=False)
    council.save_revision()
    assert result_paths(client, "de", "Wasserstoff") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="German stemming is a PostgreSQL feature")
def test_german_stemming_on_postgresql(client, constituency):
    council = CouncilPageFactory(parent=constituency, title="Verkehrswende", slug="verkehrswende",
                                 date=datetime.date(2026, 5, 1))
    RecommendationFactory(page=council, title="Busse öfter fahren lassen")
    council.save_revision().publish()
    FollowUpPageFactory(parent=council, slug="f", title="Stand der Dinge", publish=True)
    assert "/de/wahlkreisraete/wk-61/verkehrswende/" in result_paths(client, "de", "Verkehrswenden")
