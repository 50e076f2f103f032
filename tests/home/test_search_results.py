"""Search results say what they are and when; a story or council tagged with the word is found."""

import re

import pytest

from councils.models import CouncilPage
from stories.models import StoryPage
from tests.html import main

pytestmark = pytest.mark.django_db


def results(client, lang, query):
    """[(path, type, date text, ISO date)] of the results on the first page."""
    html = main(client.get(f"/{lang}/{'suche' if lang == 'de' else 'search'}/", {"q": query}).content.decode())
    return re.findall(r'<h3><a href="([^"]+)">.*?</a></h3>\s*<p class="meta"><span class="badge">([^<]+)</span>'
                      r'(?: <time datetime="([^"]+)">([^<]+)</time>)?', html, re.S)


def test_results_show_type_and_date_in_the_page_language(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    [(path, kind, iso, shown)] = results(client, "de", "Leerstandsregister")
    assert (path, kind, iso) == (council.url, "Wahlkreisrat", council.date.isoformat())
    assert shown == f"{council.date.day}. " + council.date.strftime("%Y")[:0] + shown.split(" ", 1)[1]
    assert shown.endswith(str(council.date.year)) and not shown[0].isalpha()  # "12. März 2026"
    [(path, kind, iso, shown)] = results(client, "en", "vacant")
    assert kind == "Constituency council" and iso == council.date.isoformat()
    assert shown == f"{council.date.day} {council.date.strftime('%B')} {council.date.year}"  # "12 March 2026"


def test_follow_ups_and_stories_show_their_own_type_and_date(client):
    story = StoryPage.objects.get(locale__language_code="de", slug="ein-tag-im-wahlkreisrat")
    found = {path: (kind, iso) for path, kind, iso, _shown in results(client, "de", story.title)}
    assert found[story.url] == ("Geschichte", story.date.isoformat())
    follow_ups = [r for r in results(client, "de", "Fraktion") if "rueckmeldung" in r[0]]
    assert follow_ups and all(kind == "Rückmeldung der/des Abgeordneten" for _p, kind, _i, _s in follow_ups)


def test_pages_without_a_date_of_their_own_show_when_they_were_published(client):
    [(path, kind, iso, _shown)] = [r for r in results(client, "de", "Impressum") if r[0] == "/de/impressum/"]
    assert kind == "Standardseite" and iso  # first published


def test_a_story_tagged_with_the_word_is_found(client):
    story = StoryPage.objects.get(locale__language_code="de", slug="klingeln-fuer-die-demokratie")
    assert results(client, "de", "Nachbarschaftsbus") == []
    story.tags.add("Nachbarschaftsbus")
    story.save_revision().publish()
    assert [r[0] for r in results(client, "de", "Nachbarschaftsbus")] == [story.url]


def test_a_council_tagged_with_the_word_is_found(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    council.tags.add("Quartiersrente")
    council.save_revision().publish()
    assert [r[0] for r in results(client, "de", "Quartiersrente")] == [council.url]
