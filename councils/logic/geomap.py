"""Light-weight SVG map of the 299 Bundestag Wahlkreise (2025), rendered at request time.

Standard library only, no Django. :func:`load_map` reads the compact map JSON that the offline build
step (:mod:`councils.logic.geomap_build`) wrote to ``councils/data/wahlkreise_2025_map.json``;
:func:`render_svg` and :func:`render_locator_svg` turn it into accessible inline SVG. They only use CSS
classes (``.wk``, ``.wk--active``, ``.wk--current``, ``.wk-dot``, ``.wk-map__borders``,
``.wk-map__land``) and no colours, so the site stylesheet controls the look.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from . import DATA_DIR

__all__ = ["ATTRIBUTION", "DEFAULT_MAP_PATH", "load_map", "render_locator_svg", "render_overview_svg", "render_svg"]

DEFAULT_MAP_PATH = DATA_DIR / "wahlkreise_2025_map.json"

#: Copyright notice required for the Wahlkreis geometry.
ATTRIBUTION = (
    "© Die Bundeswahlleiterin, Statistisches Bundesamt, Wiesbaden 2024, "
    "Wahlkreiskarte für die Wahl zum 21. Deutschen Bundestag. "
    "Grundlage der Geoinformationen © GeoBasis-DE / BKG 2024"
)


def load_map(path: str | Path = DEFAULT_MAP_PATH) -> dict:
    """Load a map JSON produced by :func:`councils.logic.geomap_build.build_map_file`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")
_SAFE_SCHEMES = {"", "http", "https"}


def _attr(value: object) -> str:
    """Escape a value for a double-quoted XML attribute."""
    return escape(str(value), {'"': "&quot;"})


def _text(value: object) -> str:
    return escape(str(value))


def _check_id(prefix: str) -> str:
    if not _ID_RE.match(prefix):
        raise ValueError(f"invalid id prefix: {prefix!r}")
    return prefix


def _check_url(url: str) -> str:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        raise ValueError(f"refusing link with scheme {scheme!r}: {url!r}")
    return url


def render_svg(
    map_data: Mapping,
    highlighted: Mapping[int, str],
    title: str,
    desc: str,
    current: int | None = None,
    *,
    id_prefix: str = "wk-map",
    label_template: str = "Wahlkreis {number}: {name}",
    css_class: str = "wk-map",
) -> str:
    """Render the full Wahlkreis map as an accessible inline SVG string.

    * ``highlighted`` maps Wahlkreis numbers to URLs. Those Wahlkreise are
      drawn with class ``wk wk--active`` inside an ``<a href>`` that carries
      an ``aria-label`` built from ``label_template`` (e.g.
      "Wahlkreis 75: Berlin-Pankow"); links are keyboard-focusable.
    * All other Wahlkreise are decorative: they sit in a group with
      ``aria-hidden="true"`` and class ``wk``.
    * ``current`` (optional) additionally gets ``wk--current``; if it is also
      highlighted, its link gets ``aria-current="page"``.
    * The root element has ``role="group"``, ``aria-labelledby`` pointing to
      the ``<title>`` and ``aria-describedby`` to the ``<desc>``.
      ``id_prefix`` must be unique per page when several maps are shown.
    * Only URLs with http(s) or no scheme (relative) are accepted.

    All text is XML-escaped; no colours are set (style ``.wk``,
    ``.wk--active``, ``.wk--current``, ``.wk-map__borders`` in CSS).
    """
    prefix = _check_id(id_prefix)
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    paths: Mapping[str, str] = map_data["paths"]
    names: Mapping[str, str] = map_data.get("names", {})
    links = {int(k): _check_url(v) for k, v in highlighted.items()}
    unknown = [n for n in links if str(n) not in paths]
    if unknown:
        raise KeyError(f"unknown Wahlkreis numbers: {unknown}")

    def classes(number: int, active: bool) -> str:
        cls = "wk"
        if active:
            cls += " wk--active"
        if current is not None and number == current:
            cls += " wk--current"
        return cls

    numbers = sorted(int(k) for k in paths)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_attr(map_data["viewBox"])}"'
        f' class="{_attr(css_class)}" role="group"'
        f' aria-labelledby="{title_id}" aria-describedby="{desc_id}" fill-rule="evenodd">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(desc)}</desc>',
        '<g class="wk-map__base" aria-hidden="true">',
    ]
    for number in numbers:
        if number in links:
            continue
        out.append(
            f'<path class="{classes(number, False)}" data-wk="{number}"'
            f' d="{_attr(paths[str(number)])}"/>'
        )
    out.append("</g>")
    if links:
        out.append('<g class="wk-map__links">')
        # Draw the current one last so its outline is on top.
        order = sorted(links, key=lambda n: (n == current, n))
        for number in order:
            label = label_template.format(number=number, name=names.get(str(number), ""))
            aria_current = ' aria-current="page"' if number == current else ""
            out.append(
                f'<a href="{_attr(links[number])}" aria-label="{_attr(label)}"{aria_current}>'
                f'<path class="{classes(number, True)}" data-wk="{number}"'
                f' d="{_attr(paths[str(number)])}"/></a>'
            )
        out.append("</g>")
    borders = map_data.get("state_borders")
    if borders:
        out.append(
            f'<path class="wk-map__borders" aria-hidden="true" fill="none"'
            f' pointer-events="none" d="{_attr(borders)}"/>'
        )
    out.append("</svg>")
    return "\n".join(out)


def render_locator_svg(
    map_data: Mapping,
    number: int,
    *,
    title: str | None = None,
    id_prefix: str | None = None,
    dot_radius: float = 14,
    css_class: str = "wk-locator",
) -> str:
    """Small map showing where one Wahlkreis lies in Germany.

    Uses the coarse Germany outline (``.wk-map__land``) and Land borders
    (``.wk-map__borders``) plus the one Wahlkreis (``.wk .wk--current``) and a
    dot at its label point (``.wk-dot``) so that small city Wahlkreise stay
    visible. ``role="img"`` with a ``<title>``; the default title is German
    ("Lage des Wahlkreises 75 Berlin-Pankow in Deutschland"). Only a few KB.
    """
    key = str(int(number))
    if key not in map_data["paths"]:
        raise KeyError(f"unknown Wahlkreis number: {number}")
    prefix = _check_id(id_prefix or f"wk-locator-{key}")
    title_id = f"{prefix}-title"
    name = map_data.get("names", {}).get(key, "")
    if title is None:
        title = f"Lage des Wahlkreises {key} {name} in Deutschland".replace("  ", " ")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_attr(map_data["viewBox"])}"'
        f' class="{_attr(css_class)}" role="img" aria-labelledby="{title_id}" fill-rule="evenodd">',
        f'<title id="{title_id}">{_text(title)}</title>',
    ]
    if map_data.get("locator_outline"):
        out.append(f'<path class="wk-map__land" d="{_attr(map_data["locator_outline"])}"/>')
    if map_data.get("locator_borders"):
        out.append(
            f'<path class="wk-map__borders" fill="none" d="{_attr(map_data["locator_borders"])}"/>'
        )
    out.append(f'<path class="wk wk--current" d="{_attr(map_data["paths"][key])}"/>')
    label = map_data.get("labels", {}).get(key)
    if label:
        out.append(
            f'<circle class="wk-dot" cx="{_attr(label[0])}" cy="{_attr(label[1])}" r="{_attr(dot_radius)}"/>'
        )
    out.append("</svg>")
    return "\n".join(out)


def render_overview_svg(
    map_data: Mapping,
    links: Mapping[int, str],
    title: str,
    *,
    id_prefix: str = "wk-overview",
    label_template: str = "Wahlkreis {number}: {name}",
    dot_radius: float = 16,
    css_class: str = "wk-overview",
) -> str:
    """Small map of Germany with one linked dot per Wahlkreis in ``links`` (number -> URL).

    Uses the coarse outline and Land borders of the locator map (a few KB instead of the full
    map's 150 KB of constituency paths), so it suits a teaser such as the home page. The dots
    sit at the label points (``.wk-dot``) inside ``<a href>`` with an ``aria-label`` built from
    ``label_template``; the root has ``role="group"`` and a ``<title>``.
    """
    prefix = _check_id(id_prefix)
    title_id = f"{prefix}-title"
    names: Mapping[str, str] = map_data.get("names", {})
    labels: Mapping[str, list] = map_data.get("labels", {})
    checked = {int(k): _check_url(v) for k, v in links.items()}
    unknown = [n for n in checked if str(n) not in map_data["paths"]]
    if unknown:
        raise KeyError(f"unknown Wahlkreis numbers: {unknown}")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_attr(map_data["viewBox"])}"'
        f' class="{_attr(css_class)}" role="group" aria-labelledby="{title_id}" fill-rule="evenodd">',
        f'<title id="{title_id}">{_text(title)}</title>',
    ]
    if map_data.get("locator_outline"):
        out.append(f'<path class="wk-map__land" aria-hidden="true" d="{_attr(map_data["locator_outline"])}"/>')
    if map_data.get("locator_borders"):
        out.append(f'<path class="wk-map__borders" aria-hidden="true" fill="none"'
                   f' d="{_attr(map_data["locator_borders"])}"/>')
    for number in sorted(checked):
        point = labels.get(str(number))
        if not point:
            continue
        label = label_template.format(number=number, name=names.get(str(number), ""))
        out.append(
            f'<a href="{_attr(checked[number])}" aria-label="{_attr(label)}">'
            f'<circle class="wk-dot" data-wk="{number}" cx="{_attr(point[0])}" cy="{_attr(point[1])}"'
            f' r="{_attr(dot_radius)}"/></a>'
        )
    out.append("</svg>")
    return "\n".join(out)
