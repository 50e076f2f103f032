"""The public site as readers and the press see it, in both languages."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from home.models import ImportantPages, StandardPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.html_lang = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(response):
    parser = LinkParser()
    parser.feed(response.content.decode())
    return parser


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [urlparse(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)], root


def test_root_redirects_to_german():
    from django.test import Client

    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_every_public_url_from_home_and_sitemap_answers_in_both_languages(client):
    paths, _ = sitemap_locations(client)
    assert "/de/" in paths and "/en/" in paths
    to_visit = set(paths)
    for home in ("/de/", "/en/"):
        for href in parse(client.get(home)).links:
            if href.startswith("/") and not href.startswith("/admin/"):
                to_visit.add(href.split("#")[0])
    assert len(to_visit) >= 14
    for path in sorted(to_visit):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        expected_lang = path.split("/")[1] if path.split("/")[1] in ("de", "en") else "de"
        assert parse(response).html_lang == expected_lang, path


def test_sitemap_lists_every_page_with_language_alternates(client):
    paths, root = sitemap_locations(client)
    assert {"/de/impressum/", "/en/imprint/", "/de/leichte-sprache/", "/en/easy-read/"} <= set(paths)
    imprint = next(u for u in root.findall("sm:url", SITEMAP_NS)
                   if u.find("sm:loc", SITEMAP_NS).text.endswith("/de/impressum/"))
    alternates = {a.get("hreflang"): urlparse(a.get("href")).path
                  for a in imprint.findall("xhtml:link", SITEMAP_NS)}
    assert alternates == {"de": "/de/impressum/", "en": "/en/imprint/"}
    assert all(loc.startswith("http://testserver/") for loc in
               (e.text for e in root.findall("sm:url/sm:loc", SITEMAP_NS)))


def test_language_switcher_links_the_translation_with_hreflang(client):
    html = client.get("/de/impressum/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/imprint/">' in html
    assert re.search(r'<a href="/en/imprint/" hreflang="en" lang="en">English</a>', html)
    assert re.search(r'<a href="/de/impressum/" hreflang="de" lang="de" aria-current="true">Deutsch</a>', html)


def test_untranslated_page_switches_to_the_other_language_home(client, de_home):
    page = StandardPage(title="Nur Deutsch", slug="nur-deutsch")
    de_home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/de/nur-deutsch/").content.decode()
    assert 'hreflang="en" href' not in html.split("</head>")[0]  # no false alternate
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html


def test_interface_strings_are_translated(client):
    de = client.get("/de/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Zum Inhalt springen" in de and "Skip to main content" in en
    assert 'aria-label="Hauptnavigation"' in de and 'aria-label="Main navigation"' in en


def test_navigation_comes_from_the_tree_and_footer_from_settings(client):
    de = client.get("/de/").content.decode()
    en = client.get("/en/").content.decode()
    nav_de = de.split('class="main-nav"')[1].split("</nav>")[0]
    nav_en = en.split('class="main-nav"')[1].split("</nav>")[0]
    assert "/de/ueber-uns/" in nav_de and "/de/leichte-sprache/" in nav_de
    assert "/en/about-us/" in nav_en and "/en/easy-read/" in nav_en
    footer_en = en.split('<footer')[1]
    for path in ("/en/imprint/", "/en/privacy/", "/en/accessibility/", "/en/easy-read/", "/en/about-us/"):
        assert path in footer_en
    assert "kontakt@wahlkreisrat.example" in footer_en


def test_footer_follows_the_important_pages_setting(client):
    setting = ImportantPages.objects.get()
    setting.imprint = None
    setting.save()
    footer = client.get("/de/").content.decode().split("<footer")[1]
    assert "/de/impressum/" not in footer and "/de/datenschutz/" in footer


def test_accessibility_statement_has_a_feedback_contact(client):
    for path in ("/de/barrierefreiheit/", "/en/accessibility/"):
        html = client.get(path).content.decode()
        assert 'href="mailto:barrierefreiheit@wahlkreisrat.example"' in html


def test_search_finds_pages_in_the_active_language_only(client):
    de = client.get("/de/suche/", {"q": "Leichte Sprache"})
    assert de.status_code == 200
    assert "/de/leichte-sprache/" in de.content.decode()
    assert "/en/" not in de.content.decode().split("<main")[1].split("</main>")[0]
    en = client.get("/en/search/", {"q": "easy"})
    assert "/en/easy-read/" in en.content.decode()


def test_empty_search_shows_the_form(client):
    html = client.get("/de/suche/").content.decode()
    assert '<label for="search-q">Suchbegriff</label>' in html


def test_unknown_page_gives_a_404_in_the_right_language(client):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert parse(response).html_lang == "en"
    assert "Page not found" in response.content.decode()
    assert client.get("/de/gibt-es-nicht/").status_code == 404


def test_server_error_page_is_self_contained():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<html lang="de">' in html and "Ein Fehler ist aufgetreten" in html


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body


def test_no_third_party_assets_on_public_pages(client):
    for path in ("/de/", "/en/imprint/", "/de/suche/?q=Rat"):
        html = client.get(path).content.decode()
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            if url.startswith(("http://", "https://", "//")) and not url.startswith("http://testserver/"):
                # links the reader may follow are fine; nothing may be loaded from elsewhere
                # (the site's own absolute URLs, e.g. canonical and hreflang, are not elsewhere)
                assert not re.search(rf'<(?:script|link|img|iframe|source)[^>]+"{re.escape(url)}"', html), url


def test_home_page_query_count_is_small(client, django_assert_max_num_queries):
    client.get("/de/")  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(20):  # every section of the home page included
        client.get("/en/")
