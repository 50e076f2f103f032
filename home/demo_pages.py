"""Demo pages for Leichte Sprache, the information for drawn residents and the open data page.

The texts live in ``home/demo_data/*.json`` as [German, English] pairs; the English side goes through
wagtail-localize like every other demo page. Called by ``home.demo.seed``; idempotent.
"""

import json
from pathlib import Path

from wagtail.models import Page

from .models import DrawnInfoPage, EasyReadPage, OpenDataPage, StandardPage
from .translation import child_page, translate

DATA_DIR = Path(__file__).resolve().parent / "demo_data"


def _read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _pairs(spec, fields=("title", "slug", "intro")):
    return {spec[name][0]: spec[name][1] for name in fields if name in spec}


def _publish_and_translate(page, strings):
    page.save_revision().publish()
    translate(page, "en", strings)
    return page


# --- information for drawn residents ------------------------------------------------------------

def _standard_body(items):
    """Heading and text blocks (the shared BaseStreamBlock) from [kind, German, English] items."""
    blocks, strings = [], {}
    for kind, de, en in items:
        strings[de] = en
        if kind == "heading":
            blocks.append(("heading_block", {"heading_text": de, "size": "h2"}))
        else:
            blocks.append(("paragraph_block", f"<p>{de}</p>"))
    return blocks, strings


def _drawn_page(parent, spec, audience):
    body, strings = _standard_body(spec["body"])
    page = child_page(DrawnInfoPage, parent, spec["slug"][0], title=spec["title"][0], intro=spec["intro"][0],
                      body=body, audience=audience)
    return _publish_and_translate(page, {**_pairs(spec), **strings})


def seed_drawn_info(home):
    """The overview "Informationen für Ausgeloste" and a page for each audience below it."""
    data = _read("drawn_info.json")
    overview = _drawn_page(home, data["overview"], "")
    for spec in data["audiences"]:
        _drawn_page(overview, spec, spec["audience"])
    return overview


# --- Leichte Sprache ----------------------------------------------------------------------------

def _easy_body(items, links):
    """Easy-read blocks and the German→English segment map from the JSON items."""
    blocks, strings = [], {}
    for item in items:
        kind = item["type"]
        if kind == "section":
            sentences = [de for de, _en in item["sentences"]]
            strings.update(dict(item["sentences"]))
            strings[item["heading"][0]] = item["heading"][1]
            strings[item["alt"][0]] = item["alt"][1]
            blocks.append(("section", {"heading": item["heading"][0], "pictogram": item["pictogram"],
                                       "pictogram_alt": item["alt"][0], "decorative": False,
                                       "sentences": sentences}))
        elif kind == "word":
            strings[item["word"][0]] = item["word"][1]
            # wagtail-localize segments a multi-line text with <br/> for its line breaks
            strings[item["explanation"][0].replace("\n", "<br/>")] = item["explanation"][1].replace("\n", "<br/>")
            blocks.append(("word", {"word": item["word"][0], "explanation": item["explanation"][0]}))
        elif kind == "link":
            strings[item["text"][0]] = item["text"][1]
            blocks.append(("link", {"page": links[item["page"]], "text": item["text"][0]}))
        elif kind == "council_results":
            blocks.append(("council_results", None))
    return blocks, strings


def _easy_page(parent, spec, links):
    body, strings = _easy_body(spec.get("body", []), links)
    page = child_page(EasyReadPage, parent, spec["slug"][0], title=spec["title"][0], intro=spec["intro"][0],
                      body=body, show_in_menus=parent.depth == 2)
    return _publish_and_translate(page, {**_pairs(spec), **strings})


def _remove_old_easy_read_page(home):
    """Earlier demos had "Leichte Sprache" as a standard page with the slug the index now uses."""
    old = StandardPage.objects.child_of(home).filter(slug="leichte-sprache").first()
    if old is not None:
        for page in Page.objects.filter(translation_key=old.translation_key):
            page.delete()


def seed_easy_read(home, links):
    """The index "Leichte Sprache" with the easy-read twins of the key pages below it."""
    data = _read("easy_read.json")
    _remove_old_easy_read_page(home)
    index = _easy_page(home, data["index"], links)
    for spec in data["pages"]:
        _easy_page(index, spec, links)
    return index


# --- open data --------------------------------------------------------------------------------

def seed_open_data(home):
    spec = _read("open_data.json")
    page = child_page(OpenDataPage, home, spec["slug"][0], title=spec["title"][0], intro=spec["intro"][0])
    return _publish_and_translate(page, _pairs(spec))


def seed(home):
    """All three; returns the pages for the ImportantPages setting."""
    drawn_info = seed_drawn_info(home)
    return {
        "drawn_info": drawn_info,
        "easy_language": seed_easy_read(home, {"drawn_info": drawn_info}),
        "open_data": seed_open_data(home),
    }
