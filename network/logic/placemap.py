"""An SVG map of Germany with one linked dot per place. Standard library only.

The outline and Land borders are those of the constituency map (councils/data/wahlkreise_2025_map.json,
built by councils.logic.geomap_build). Points are projected the same way: the Lambert projection of
councils.logic.geometry, then the affine fit the build step applied. The build does not store that fit,
so its constants are repeated here (measured from the source GeoJSON: the projected extent of all its
vertices, width 1000 with padding 10); tests/network/test_geo.py checks that Berlin lands in Berlin.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from councils.logic.geometry import project_lcc

MIN_X, MAX_X = -0.0507004806404286, 0.049499893560880984
MIN_Y = -0.07111256197568028
WIDTH, PADDING = 1000, 10
SCALE = (WIDTH - 2 * PADDING) / (MAX_X - MIN_X)


def to_svg(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in the map's viewBox for a WGS84 position."""
    x, y = project_lcc(lon, lat)
    return round((x - MIN_X) * SCALE + PADDING, 1), round((y - MIN_Y) * SCALE + PADDING, 1)


def _attr(value) -> str:
    return escape(str(value), {'"': "&quot;"})


def render_places_svg(map_data, points, title: str, *, id_prefix: str = "place-map", dot_radius: float = 9,
                      current_url: str | None = None) -> str:
    """`points`: (label, url, lat, lon). Links are focusable; the root is a labelled group."""
    title_id = f"{id_prefix}-title"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_attr(map_data["viewBox"])}" class="place-map"'
        f' role="group" aria-labelledby="{title_id}" fill-rule="evenodd">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]
    if map_data.get("locator_outline"):
        out.append(f'<path class="wk-map__land" aria-hidden="true" d="{_attr(map_data["locator_outline"])}"/>')
    if map_data.get("locator_borders"):
        out.append(f'<path class="wk-map__borders" aria-hidden="true" fill="none"'
                   f' d="{_attr(map_data["locator_borders"])}"/>')
    for label, url, lat, lon in points:
        x, y = to_svg(lat, lon)
        current = ' aria-current="page"' if url == current_url else ""
        css = "wk-dot place-dot--current" if current else "wk-dot"
        out.append(f'<a href="{_attr(url)}" aria-label="{_attr(label)}"{current}>'
                   f'<circle class="{css}" cx="{x}" cy="{y}" r="{dot_radius}"/></a>')
    out.append("</svg>")
    return "\n".join(out)
