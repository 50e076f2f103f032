"""Rendered public pages are free of the HTML errors the Nu checker found (tools/validate_html.py runs
the full checker): empty form actions and content after a figure's caption."""

import pytest

from tests.html import PUBLIC_PAGES, structure_errors

pytestmark = pytest.mark.django_db


def test_the_checker_finds_both_errors():
    bad = '<form action=""></form><figure><img alt=""><figcaption>x</figcaption><details></details></figure>'
    assert len(structure_errors(bad)) == 2
    good = '<form action="/de/"></form><figure><figcaption>x</figcaption><img alt=""></figure>'
    assert structure_errors(good) == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_structure_errors(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert structure_errors(response.content.decode()) == []


def test_filter_forms_submit_to_their_own_page(client):
    for path in ("/de/wahlkreisraete/", "/de/geschichten/"):
        html = client.get(path).content.decode()
        assert f'class="filter-form" method="get" action="{path}"' in html


def test_every_page_has_the_search_box_and_the_easy_read_link(client):
    for path, label, easy in (("/de/presse/", "Suchbegriff", "/de/leichte-sprache/"),
                              ("/en/stories/", "Search term", "/en/easy-read/")):
        html = client.get(path).content.decode()
        header = html.split("<header", 1)[1].split("</header>", 1)[0]
        search = "/de/suche/" if path.startswith("/de/") else "/en/search/"
        assert f'<form class="header-search" action="{search}" method="get" role="search">' in header
        assert f'<label for="header-q" class="visually-hidden">{label}</label>' in header
        assert 'name="q"' in header
        assert f'class="easy-link" href="{easy}"' in header
