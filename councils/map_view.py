"""The council index's Wahlkreis map as a file of its own (/de/karte/wahlkreisraete.svg).

Inline, the map's 299 paths made the index page about 190 KB of HTML on every visit; as an image
it is fetched once and kept by the browser (Cache-Control public with an ETag; the index links it
with ``?v=`` and a hash of what it shows, so a new council shows up at once). The index shows it
with <img> and a text alternative (``object-src 'none'`` rules out <object>), and lists the same
constituencies as links under the map for keyboard and screen-reader users: nothing is reachable
only through the map. Opened on its own, the SVG's regions are links too.

The page cache (home.pagecache, view name ``councils:*``) keeps the rendered file; every publish
purges the listings, and with them this file.
"""

import hashlib
import json

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .ledger import map_data
from .logic import geomap
from .models import ConstituencyPage, CouncilIndexPage, CouncilPage

MAX_AGE = 24 * 3600  # the URL changes with the content (?v=…)
# The page's stylesheet does not reach into an <img>: the SVG brings its own colours (those of
# main.css) as presentation attributes, which no style-src rule of a Content Security Policy touches.
COLOURS = (
    ('<g class="wk-map__base"', '<g class="wk-map__base" fill="#dde3ea" stroke="#fff" stroke-width=".6"'),
    ('<g class="wk-map__links"', '<g class="wk-map__links" fill="#0a4a7f" stroke="#fff" stroke-width=".6"'),
    ('class="wk-map__borders"', 'class="wk-map__borders" stroke="#6b6b6b" stroke-width="1"'),
)


def highlights(index_page, councils, request):
    """(constituency pages with a council, {Wahlkreis number: constituency URL}) in number order."""
    with_councils = {c.wahlkreis.number for c in councils if c.wahlkreis}
    constituencies = {
        p.wahlkreis.number: p for p in
        ConstituencyPage.objects.live().public().child_of(index_page).select_related("wahlkreis")
        if p.wahlkreis.number in with_councils
    }
    numbers = sorted(constituencies)
    return [constituencies[n] for n in numbers], {n: constituencies[n].get_url(request) for n in numbers}


def version(highlighted):
    return hashlib.sha256(json.dumps(highlighted, sort_keys=True).encode()).hexdigest()[:12]


def map_size():
    """Width and height of the map's viewBox (the <img> reserves its space before it loads)."""
    _x, _y, width, height = (round(float(v)) for v in map_data()["viewBox"].split())
    return width, height


def render(highlighted):
    svg = geomap.render_svg(
        map_data(), highlighted,
        title=str(_("Karte der 299 Wahlkreise")),
        desc=str(_("Hervorgehoben und verlinkt sind die Wahlkreise mit einem Wahlkreisrat; "
                   "dieselben Wahlkreise stehen in der Liste unter der Karte.")),
        label_template=str(_("Wahlkreis {number}: {name}")),
    )
    for plain, coloured in COLOURS:
        svg = svg.replace(plain, coloured, 1)
    return svg


def council_map_svg(request):
    index_page = CouncilIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
    if index_page is None:
        raise Http404
    councils = (CouncilPage.objects.live().public().descendant_of(index_page).select_related("wahlkreis"))
    _pages, highlighted = highlights(index_page, councils, request)
    response = HttpResponse(render(highlighted), content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    set_response_etag(response)
    return response
