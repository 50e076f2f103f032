"""Light-weight SVG map of the 299 Bundestag Wahlkreise (2025).

Standard library only, no Django. Two parts:

1. **Build step** (offline, run once; see ``councils/data/README.md``)::

       python -m councils.logic.geomap SOURCE.geojson OUT.json

   reads the official Wahlkreis geometry (GeoJSON, WGS84 lon/lat) and writes
   a compact JSON file with one SVG path per Wahlkreis.

   * Projection: spherical **Lambert conformal conic** with standard parallels
     48°40' N and 53°40' N, central meridian 10°30' E (the usual parameters
     for maps of Germany). The projected extent is scaled to a viewBox
     ``DEFAULT_WIDTH`` units wide (north up, y grows downwards).
   * Topology-preserving simplification: the rings are cut into *arcs* at the
     vertices where three or more Wahlkreise (or the coast/national border)
     meet. Each shared arc is simplified once with Douglas-Peucker, so
     neighbouring Wahlkreise keep an identical common border (no gaps or
     slivers). Coordinates are then rounded to ``precision`` decimals, rings
     that degenerate (fewer than 3 points or an area below ``min_ring_area``
     square units) are dropped, but every Wahlkreis keeps its largest ring.
   * Paths use relative ``l`` commands (computed from the rounded absolute
     coordinates, so there is no drift). Holes (enclaves) are plain extra
     rings; render with ``fill-rule="evenodd"``.
   * Also written: a label point per Wahlkreis (centroid of its largest
     ring, or the middle of the widest horizontal chord through it when the
     centroid lies outside), the Land borders as one stroke-only path, and a
     much coarser outline of Germany plus Land borders for small locator maps.

2. **Rendering** (at request or build time): :func:`render_svg` and
   :func:`render_locator_svg` turn the JSON into accessible inline SVG.
   They only use CSS classes (``.wk``, ``.wk--active``, ``.wk--current``,
   ``.wk-dot``, ``.wk-map__borders``, ``.wk-map__land``) and no colours, so the
   site stylesheet controls the look.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from . import DATA_DIR

__all__ = [
    "ATTRIBUTION",
    "DEFAULT_MAP_PATH",
    "build_map",
    "load_map",
    "main",
    "project_lcc",
    "render_locator_svg",
    "render_svg",
    "simplify_douglas_peucker",
]

DEFAULT_MAP_PATH = DATA_DIR / "wahlkreise_2025_map.json"

#: Copyright notice required for the Wahlkreis geometry.
ATTRIBUTION = (
    "© Die Bundeswahlleiterin, Statistisches Bundesamt, Wiesbaden 2024, "
    "Wahlkreiskarte für die Wahl zum 21. Deutschen Bundestag. "
    "Grundlage der Geoinformationen © GeoBasis-DE / BKG 2024"
)

DEFAULT_WIDTH = 1000
DEFAULT_PADDING = 10
#: Douglas-Peucker tolerance in viewBox units (1 unit ≈ 0.64 km).
DEFAULT_TOLERANCE = 0.8
DEFAULT_PRECISION = 1
DEFAULT_MIN_RING_AREA = 1.5
#: Coarser settings for the locator outline (drawn at ~150-250 px wide).
LOCATOR_TOLERANCE = 3.0
LOCATOR_PRECISION = 0

# Lambert conformal conic parameters (degrees).
LCC_LAT1 = 48 + 40 / 60
LCC_LAT2 = 53 + 40 / 60
LCC_LAT0 = 51.0
LCC_LON0 = 10.5

Point = tuple[float, float]


# --------------------------------------------------------------------------
# Projection and simplification
# --------------------------------------------------------------------------


def _lcc_constants(lat1=LCC_LAT1, lat2=LCC_LAT2, lat0=LCC_LAT0):
    p1, p2, p0 = (math.radians(v) for v in (lat1, lat2, lat0))

    def t(phi: float) -> float:
        return math.tan(math.pi / 4 + phi / 2)

    n = math.log(math.cos(p1) / math.cos(p2)) / math.log(t(p2) / t(p1))
    f = math.cos(p1) * t(p1) ** n / n
    rho0 = f / t(p0) ** n
    return n, f, rho0, t


_LCC = _lcc_constants()


def project_lcc(lon: float, lat: float, lon0: float = LCC_LON0) -> Point:
    """Project WGS84 lon/lat (degrees) to a unit-sphere LCC plane.

    Returns ``(x, y)`` with x to the east and **y to the south** (SVG
    orientation), in radians of the unit sphere (scale later).
    """
    n, f, rho0, t = _LCC
    rho = f / t(math.radians(lat)) ** n
    theta = n * math.radians(lon - lon0)
    x = rho * math.sin(theta)
    y = rho0 - rho * math.cos(theta)
    return x, -y


def simplify_douglas_peucker(points: Sequence[Point], tolerance: float) -> list[int]:
    """Douglas-Peucker on an open polyline; returns indices of kept points.

    The first and last point are always kept. If they coincide (a closed
    loop), the loop is split at the point farthest from the start first.
    Iterative, so long lines cannot hit the recursion limit.
    """
    count = len(points)
    if count <= 2:
        return list(range(count))
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(
            range(1, count - 1),
            key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2,
        )
        first = simplify_douglas_peucker(points[: far + 1], tolerance)
        second = simplify_douglas_peucker(points[far:], tolerance)
        return first + [far + i for i in second[1:]]

    keep = [False] * count
    keep[0] = keep[-1] = True
    tol2 = tolerance * tolerance
    stack = [(0, count - 1)]
    while stack:
        start, end = stack.pop()
        if end - start < 2:
            continue
        ax, ay = points[start]
        bx, by = points[end]
        dx, dy = bx - ax, by - ay
        seg2 = dx * dx + dy * dy
        best, best_d2 = -1, -1.0
        for i in range(start + 1, end):
            px, py = points[i]
            if seg2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = dx * (py - ay) - dy * (px - ax)
                d2 = cross * cross / seg2
            if d2 > best_d2:
                best, best_d2 = i, d2
        if best_d2 > tol2:
            keep[best] = True
            stack.append((start, best))
            stack.append((best, end))
    return [i for i, k in enumerate(keep) if k]


def _ring_area(ring: Sequence[Point]) -> float:
    """Signed shoelace area of an (implicitly closed) ring."""
    area = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i - 1]
        x2, y2 = ring[i]
        area += x1 * y2 - x2 * y1
    return area / 2


def _ring_centroid(ring: Sequence[Point]) -> Point:
    area = 0.0
    cx = cy = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i - 1]
        x2, y2 = ring[i]
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return cx / (3 * area), cy / (3 * area)


def _point_in_rings(x: float, y: float, rings: Iterable[Sequence[Point]]) -> bool:
    """Even-odd point-in-polygon test over several rings (outer + holes)."""
    inside = False
    for ring in rings:
        for i in range(len(ring)):
            x1, y1 = ring[i - 1]
            x2, y2 = ring[i]
            if (y1 > y) != (y2 > y):
                xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                if xi > x:
                    inside = not inside
    return inside


def _widest_chord_midpoint(y: float, rings: Sequence[Sequence[Point]]) -> Point | None:
    xs: list[float] = []
    for ring in rings:
        for i in range(len(ring)):
            x1, y1 = ring[i - 1]
            x2, y2 = ring[i]
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    best = None
    for a, b in zip(xs[0::2], xs[1::2]):
        if best is None or b - a > best[1] - best[0]:
            best = (a, b)
    if best is None:
        return None
    return (best[0] + best[1]) / 2, y


def _label_point(rings: Sequence[Sequence[Point]]) -> Point:
    """Label point for a polygon given as ``[outer, *holes]``."""
    outer = rings[0]
    cx, cy = _ring_centroid(outer)
    if _point_in_rings(cx, cy, rings):
        return cx, cy
    ys = [p[1] for p in outer]
    lo, hi = min(ys), max(ys)
    # Try the centroid's scanline first, then lines across the bounding box.
    candidates = [cy] + [lo + (hi - lo) * k / 8 for k in range(1, 8)]
    best: tuple[float, Point] | None = None
    for y in candidates:
        # Nudge off vertex heights to avoid degenerate intersections.
        mid = _widest_chord_midpoint(y + 1e-9, rings)
        if mid is None:
            continue
        penalty = abs(y - cy)
        if best is None or penalty < best[0]:
            best = (penalty, mid)
    return best[1] if best else (cx, cy)


# --------------------------------------------------------------------------
# Path encoding
# --------------------------------------------------------------------------


def _fmt(q: int, precision: int) -> str:
    """Format an integer in units of 10**-precision compactly ("-.5", "12")."""
    if precision == 0:
        return str(q)
    sign = "-" if q < 0 else ""
    q = abs(q)
    scale = 10**precision
    whole, frac = divmod(q, scale)
    text = str(whole) if whole else ""
    if frac:
        text += "." + str(frac).rjust(precision, "0").rstrip("0")
    return sign + (text or "0")


def _join_numbers(numbers: Iterable[str]) -> str:
    out: list[str] = []
    for num in numbers:
        if out and not num.startswith("-"):
            out.append(" ")
        out.append(num)
    return "".join(out)


def _encode_line(qpoints: Sequence[tuple[int, int]], precision: int, closed: bool) -> str:
    """Encode quantised points as ``M x y l dx dy ... [z]``."""
    x0, y0 = qpoints[0]
    parts = ["M", _join_numbers((_fmt(x0, precision), _fmt(y0, precision)))]
    if len(qpoints) > 1:
        deltas: list[str] = []
        px, py = x0, y0
        for x, y in qpoints[1:]:
            deltas.append(_fmt(x - px, precision))
            deltas.append(_fmt(y - py, precision))
            px, py = x, y
        parts.append("l")
        parts.append(_join_numbers(deltas))
    if closed:
        parts.append("z")
    return "".join(parts)


def _quantise(points: Iterable[Point], precision: int) -> list[tuple[int, int]]:
    scale = 10**precision
    out: list[tuple[int, int]] = []
    for x, y in points:
        q = (round(x * scale), round(y * scale))
        if not out or out[-1] != q:
            out.append(q)
    return out


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


@dataclass
class _Feature:
    number: int
    name: str
    state: str
    # polygons -> rings -> list of point ids (open, no repeated closing point)
    polygons: list[list[list[int]]]


def _read_features(geojson: dict, point_ids: dict[Point, int], points: list[Point]) -> list[_Feature]:
    features: list[_Feature] = []
    for feat in geojson["features"]:
        props = feat["properties"]
        geom = feat["geometry"]
        if geom["type"] == "Polygon":
            polys = [geom["coordinates"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["coordinates"]
        else:  # pragma: no cover - not in the source data
            raise ValueError(f"unsupported geometry type {geom['type']}")
        polygons: list[list[list[int]]] = []
        for poly in polys:
            rings: list[list[int]] = []
            for ring in poly:
                ids: list[int] = []
                for coord in ring:
                    key = (float(coord[0]), float(coord[1]))
                    pid = point_ids.get(key)
                    if pid is None:
                        pid = point_ids[key] = len(points)
                        points.append(key)
                    if not ids or ids[-1] != pid:
                        ids.append(pid)
                if len(ids) > 1 and ids[0] == ids[-1]:
                    ids.pop()
                if len(ids) >= 3:
                    rings.append(ids)
            if rings:
                polygons.append(rings)
        features.append(
            _Feature(
                number=int(props["WKR_NR"]),
                name=str(props["WKR_NAME"]).strip(),
                state=str(props["LAND_NAME"]).strip(),
                polygons=polygons,
            )
        )
    features.sort(key=lambda f: f.number)
    return features


def _find_junctions(features: Sequence[_Feature]) -> set[int]:
    """Vertices where the set of neighbouring vertices differs between rings."""
    neighbours: dict[int, set[int]] = {}
    for feat in features:
        for poly in feat.polygons:
            for ring in poly:
                n = len(ring)
                for i, pid in enumerate(ring):
                    s = neighbours.setdefault(pid, set())
                    s.add(ring[i - 1])
                    s.add(ring[(i + 1) % n])
    return {pid for pid, s in neighbours.items() if len(s) > 2}


def _split_ring(ring: list[int], junctions: set[int]) -> list[tuple[int, ...]]:
    """Cut a ring into arcs at junctions; each arc includes both endpoints."""
    cuts = [i for i, pid in enumerate(ring) if pid in junctions]
    if not cuts:
        # A loop without junctions: rotate to its smallest id so that every
        # ring using this loop produces the same arc.
        start = ring.index(min(ring))
        rotated = ring[start:] + ring[:start]
        return [tuple(rotated + [rotated[0]])]
    rotated = ring[cuts[0]:] + ring[: cuts[0]]
    positions = [i - cuts[0] for i in cuts] + [len(ring)]
    rotated.append(rotated[0])
    return [tuple(rotated[a : b + 1]) for a, b in zip(positions, positions[1:])]


def _canonical(arc: tuple[int, ...]) -> tuple[tuple[int, ...], bool]:
    if arc[0] == arc[-1]:
        # Loop: canonical start is the smallest id; direction by comparison.
        body = list(arc[:-1])
        start = body.index(min(body))
        fwd = body[start:] + body[:start]
        rev = [fwd[0]] + fwd[:0:-1]
        fwd_t = tuple(fwd + [fwd[0]])
        rev_t = tuple(rev + [rev[0]])
        return (fwd_t, False) if fwd_t <= rev_t else (rev_t, True)
    rev = arc[::-1]
    return (arc, False) if arc <= rev else (rev, True)


def build_map(
    geojson: dict,
    *,
    width: int = DEFAULT_WIDTH,
    padding: float = DEFAULT_PADDING,
    tolerance: float = DEFAULT_TOLERANCE,
    precision: int = DEFAULT_PRECISION,
    min_ring_area: float = DEFAULT_MIN_RING_AREA,
    locator_tolerance: float = LOCATOR_TOLERANCE,
    locator_precision: int = LOCATOR_PRECISION,
) -> dict:
    """Build the map dictionary (see module docstring) from parsed GeoJSON."""
    point_ids: dict[Point, int] = {}
    lonlat: list[Point] = []
    features = _read_features(geojson, point_ids, lonlat)

    # Project and fit to the viewBox.
    raw = [project_lcc(lon, lat) for lon, lat in lonlat]
    min_x = min(p[0] for p in raw)
    max_x = max(p[0] for p in raw)
    min_y = min(p[1] for p in raw)
    max_y = max(p[1] for p in raw)
    scale = (width - 2 * padding) / (max_x - min_x)
    height = math.ceil((max_y - min_y) * scale + 2 * padding)
    xy = [((x - min_x) * scale + padding, (y - min_y) * scale + padding) for x, y in raw]

    # Topology: arcs shared between rings.
    junctions = _find_junctions(features)
    arcs: dict[tuple[int, ...], int] = {}
    arc_list: list[tuple[int, ...]] = []
    arc_users: list[list[int]] = []  # feature numbers using each arc
    # feature number -> polygons -> rings -> [(arc index, reversed)]
    ring_refs: dict[int, list[list[list[tuple[int, bool]]]]] = {}
    for feat in features:
        feat_refs = []
        for poly in feat.polygons:
            poly_refs = []
            for ring in poly:
                refs = []
                for arc in _split_ring(ring, junctions):
                    key, reverse = _canonical(arc)
                    idx = arcs.get(key)
                    if idx is None:
                        idx = arcs[key] = len(arc_list)
                        arc_list.append(key)
                        arc_users.append([])
                    arc_users[idx].append(feat.number)
                    refs.append((idx, reverse))
                poly_refs.append(refs)
            feat_refs.append(poly_refs)
        ring_refs[feat.number] = feat_refs

    def simplified_arcs(tol: float) -> list[list[Point]]:
        out = []
        for arc in arc_list:
            pts = [xy[i] for i in arc]
            out.append([pts[i] for i in simplify_douglas_peucker(pts, tol)])
        return out

    fine = simplified_arcs(tolerance)

    def assemble(refs: list[tuple[int, bool]], arc_points: list[list[Point]]) -> list[Point]:
        ring: list[Point] = []
        for idx, reverse in refs:
            pts = arc_points[idx][::-1] if reverse else arc_points[idx]
            ring.extend(pts[1:] if ring else pts)
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring.pop()
        return ring

    scale_q = 10**precision
    paths: dict[str, str] = {}
    labels: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    dropped_rings = 0
    for feat in features:
        kept: list[tuple[float, list[tuple[int, int]], int]] = []  # (area, ring, poly idx)
        largest: tuple[float, int, int] | None = None  # (area, poly, ring)
        for p_idx, poly_refs in enumerate(ring_refs[feat.number]):
            for r_idx, refs in enumerate(poly_refs):
                ring = assemble(refs, fine)
                q = _quantise(ring, precision)
                if len(q) > 1 and q[0] == q[-1]:
                    q.pop()
                area = abs(_ring_area(q)) / (scale_q * scale_q) if len(q) >= 3 else 0.0
                if largest is None or area > largest[0]:
                    largest = (area, p_idx, r_idx)
                if len(q) >= 3 and area >= min_ring_area:
                    kept.append((area, q, p_idx))
                else:
                    dropped_rings += 1
        if not kept:
            # Keep the largest ring even if tiny; fall back to the unsimplified
            # geometry when simplification collapsed it.
            assert largest is not None
            _, p_idx, r_idx = largest
            ring_ids = feat.polygons[p_idx][r_idx]
            q = _quantise([xy[i] for i in ring_ids], precision)
            kept.append((abs(_ring_area(q)) / (scale_q * scale_q), q, p_idx))
            dropped_rings -= 1
        # Path: rings in source order (outer before holes).
        paths[str(feat.number)] = "".join(_encode_line(q, precision, True) for _, q, _ in kept)
        # Label: polygon of the largest kept ring, with the holes of that polygon.
        _, big_q, big_poly = max(kept, key=lambda k: k[0])
        poly_rings = [
            [(x / scale_q, y / scale_q) for x, y in q] for _, q, p in kept if p == big_poly
        ]
        big = [(x / scale_q, y / scale_q) for x, y in big_q]
        ordered = [big] + [r for r in poly_rings if r != big]
        lx, ly = _label_point(ordered)
        labels[str(feat.number)] = [round(lx, 1), round(ly, 1)]
        names[str(feat.number)] = feat.name

    state_of = {f.number: f.state for f in features}

    def is_state_border(idx: int) -> bool:
        users = arc_users[idx]
        return len(users) == 1 or len({state_of[u] for u in users}) > 1

    def encode_arcs(arc_points: list[list[Point]], indices: Iterable[int], prec: int) -> str:
        parts = []
        for idx in indices:
            q = _quantise(arc_points[idx], prec)
            if len(q) < 2:
                continue
            closed = arc_list[idx][0] == arc_list[idx][-1]
            if closed and q[0] == q[-1]:
                q = q[:-1]
            parts.append(_encode_line(q, prec, closed))
        return "".join(parts)

    border_idx = [i for i in range(len(arc_list)) if is_state_border(i)]
    state_borders = encode_arcs(fine, border_idx, precision)

    coarse = simplified_arcs(locator_tolerance)
    locator_borders = encode_arcs(coarse, border_idx, locator_precision)
    outline_idx = [i for i in range(len(arc_list)) if len(arc_users[i]) == 1]
    locator_outline = _outline_path(arc_list, coarse, outline_idx, locator_precision)

    return {
        "viewBox": f"0 0 {width} {height}",
        "width": width,
        "height": height,
        "attribution": ATTRIBUTION,
        "projection": (
            "Lambert conformal conic (sphere), standard parallels 48.6667/53.6667 N, "
            "central meridian 10.5 E, latitude of origin 51 N; y axis points south"
        ),
        "simplification": {
            "method": "topology-preserving Douglas-Peucker on shared arcs",
            "tolerance": tolerance,
            "precision": precision,
            "min_ring_area": min_ring_area,
            "dropped_rings": dropped_rings,
            "locator_tolerance": locator_tolerance,
            "locator_precision": locator_precision,
        },
        "names": names,
        "labels": labels,
        "paths": paths,
        "state_borders": state_borders,
        "locator_outline": locator_outline,
        "locator_borders": locator_borders,
    }


def _outline_path(
    arc_list: list[tuple[int, ...]],
    arc_points: list[list[Point]],
    indices: list[int],
    precision: int,
) -> str:
    """Stitch arcs used by a single ring (coast, national border) into closed rings.

    The arcs form the boundary of the union of all Wahlkreise, so every
    junction has an even number of them; any walk that closes up gives the
    correct even-odd fill.
    """
    by_end: dict[int, list[int]] = {}
    for idx in indices:
        arc = arc_list[idx]
        by_end.setdefault(arc[0], []).append(idx)
        by_end.setdefault(arc[-1], []).append(idx)
    used: set[int] = set()
    parts: list[str] = []
    for start_idx in indices:
        if start_idx in used:
            continue
        ring: list[Point] = []
        idx = start_idx
        node = arc_list[idx][0]
        while idx is not None and idx not in used:
            used.add(idx)
            arc = arc_list[idx]
            pts = arc_points[idx]
            if arc[0] != node:
                pts = pts[::-1]
                node = arc[0]
            else:
                node = arc[-1]
            ring.extend(pts[1:] if ring else pts)
            idx = next((i for i in by_end.get(node, []) if i not in used), None)
        q = _quantise(ring, precision)
        if len(q) > 1 and q[0] == q[-1]:
            q.pop()
        if len(q) >= 3 and abs(_ring_area(q)) > 0:
            parts.append(_encode_line(q, precision, True))
    return "".join(parts)


def build_map_file(source: str | Path, output: str | Path, **options) -> dict:
    """Read ``source`` GeoJSON, build the map and write compact JSON to ``output``."""
    source = Path(source)
    raw = source.read_bytes()
    data = build_map(json.loads(raw.decode("utf-8")), **options)
    data["source"] = {
        "file": source.name,
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    Path(output).write_text(text + "\n", encoding="utf-8")
    return data


def load_map(path: str | Path = DEFAULT_MAP_PATH) -> dict:
    """Load a map JSON produced by :func:`build_map_file`."""
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


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m councils.logic.geomap",
        description="Build the simplified Wahlkreis map JSON from the official GeoJSON.",
    )
    parser.add_argument("source", help="GeoJSON FeatureCollection (WGS84 lon/lat)")
    parser.add_argument("output", help="output JSON path")
    parser.add_argument("--width", type=int, default=DEFAULT_WIDTH)
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                        help="Douglas-Peucker tolerance in viewBox units")
    parser.add_argument("--precision", type=int, default=DEFAULT_PRECISION,
                        help="decimals of the output coordinates")
    parser.add_argument("--min-ring-area", type=float, default=DEFAULT_MIN_RING_AREA,
                        help="drop rings smaller than this (square viewBox units)")
    args = parser.parse_args(argv)
    data = build_map_file(
        args.source,
        args.output,
        width=args.width,
        tolerance=args.tolerance,
        precision=args.precision,
        min_ring_area=args.min_ring_area,
    )
    size = Path(args.output).stat().st_size
    print(
        f"wrote {args.output}: {len(data['paths'])} Wahlkreise, viewBox {data['viewBox']}, "
        f"{size} bytes, {data['simplification']['dropped_rings']} rings dropped",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
