"""What the place pages show: the map of all places, the postcode search, a place's projects."""

from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

from councils.logic import geomap

from .logic import geo
from .logic.placemap import render_places_svg


@lru_cache(maxsize=1)
def map_data():
    return geomap.load_map()


def places_in(index_page):
    from .models import PlacePage

    return list(PlacePage.objects.child_of(index_page).live().public().order_by("title"))


def places_map(places, current=None):
    points = [(p.title, p.url, *p.position) for p in places if p.position]
    return render_places_svg(map_data(), points, _("Karte der Orte des Netzwerks"),
                             current_url=current.url if current else None)


def index_context(page, request):
    places = places_in(page)
    context = {"places": places, "map_svg": places_map(places), "attribution": geomap.ATTRIBUTION,
               "postcode": "", "nearest": None, "postcode_error": ""}
    raw = request.GET.get("plz", "").strip()
    if raw:
        context["postcode"] = raw[:10]
        code = geo.normalise_postcode(raw)
        origin = geo.locate(code) if code else None
        if code is None:
            context["postcode_error"] = _("Bitte geben Sie eine fünfstellige Postleitzahl ein.")
        elif origin is None:
            context["postcode_error"] = _("Diese Postleitzahl kennen wir nicht.")
        else:
            context["nearest"] = [{"place": n.item, "km": round(n.km)} for n in
                                  geo.nearest(origin, places, lambda p: p.position, limit=3)]
    return context


def place_context(page, request):
    from .models import ProjectPage

    projects = (ProjectPage.objects.live().public().filter(locale=page.locale)
                .filter(place__translation_key=page.translation_key).order_by("-funded_on", "title"))
    index = page.get_parent().specific
    return {"projects": list(projects), "contacts": page.public_contacts(),
            "hidden_contacts": [c for c in page.contacts.all() if not c.public_consent],
            "meetings": page.upcoming_meetings(), "map_svg": places_map(places_in(index), current=page),
            "attribution": geomap.ATTRIBUTION, "network_email": settings.NETWORK_OFFICE_EMAIL}
