"""Offline build step of the Wahlkreis map (run once; see ``councils/data/README.md``)::

    python -m councils.logic.geomap_build SOURCE.geojson OUT.json

Reads the official Wahlkreis geometry (GeoJSON, WGS84 lon/lat) and writes a compact JSON file with one
SVG path per Wahlkreis, which :mod:`councils.logic.geomap` renders at request time.

* Projection: spherical Lambert conformal conic (see :mod:`councils.logic.geometry`). The projected
  extent is scaled to a viewBox ``DEFAULT_WIDTH`` units wide (north up, y grows downwards).
* Topology-preserving simplification: the rings are cut into *arcs* at the vertices where three or
  more Wahlkreise (or the coast/national border) meet. Each shared arc is simplified once with
  Douglas-Peucker, so neighbouring Wahlkreise keep an identical common border (no gaps or slivers).
  Coordinates are then rounded to ``precision`` decimals, rings that degenerate (fewer than 3 points
  or an area below ``min_ring_area`` square units) are dropped, but every Wahlkreis keeps its largest
  ring.
* Paths use relative ``l`` commands (computed from the rounded absolute coordinates, so there is no
  drift). Holes (enclaves) are plain extra rings; render with ``fill-rule="evenodd"``.
* Also written: a label point per Wahlkreis (centroid of its largest ring, or the middle of the widest
  horizontal chord through it when the centroid lies outside), the Land borders as one stroke-only
  path, and a much coarser outline of Germany plus Land borders for small locator maps.

Standard library only, no Django. The output is deterministic: the same input gives byte-identical
output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .geomap import ATTRIBUTION
from .geometry import (
    Point,
    encode_line,
    label_point,
    project_lcc,
    quantise,
    ring_area,
    simplify_douglas_peucker,
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
                q = quantise(ring, precision)
                if len(q) > 1 and q[0] == q[-1]:
                    q.pop()
                area = abs(ring_area(q)) / (scale_q * scale_q) if len(q) >= 3 else 0.0
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
            q = quantise([xy[i] for i in ring_ids], precision)
            kept.append((abs(ring_area(q)) / (scale_q * scale_q), q, p_idx))
            dropped_rings -= 1
        # Path: rings in source order (outer before holes).
        paths[str(feat.number)] = "".join(encode_line(q, precision, True) for _, q, _ in kept)
        # Label: polygon of the largest kept ring, with the holes of that polygon.
        _, big_q, big_poly = max(kept, key=lambda k: k[0])
        poly_rings = [
            [(x / scale_q, y / scale_q) for x, y in q] for _, q, p in kept if p == big_poly
        ]
        big = [(x / scale_q, y / scale_q) for x, y in big_q]
        ordered = [big] + [r for r in poly_rings if r != big]
        lx, ly = label_point(ordered)
        labels[str(feat.number)] = [round(lx, 1), round(ly, 1)]
        names[str(feat.number)] = feat.name

    state_of = {f.number: f.state for f in features}

    def is_state_border(idx: int) -> bool:
        users = arc_users[idx]
        return len(users) == 1 or len({state_of[u] for u in users}) > 1

    def encode_arcs(arc_points: list[list[Point]], indices: Iterable[int], prec: int) -> str:
        parts = []
        for idx in indices:
            q = quantise(arc_points[idx], prec)
            if len(q) < 2:
                continue
            closed = arc_list[idx][0] == arc_list[idx][-1]
            if closed and q[0] == q[-1]:
                q = q[:-1]
            parts.append(encode_line(q, prec, closed))
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
        q = quantise(ring, precision)
        if len(q) > 1 and q[0] == q[-1]:
            q.pop()
        if len(q) >= 3 and abs(ring_area(q)) > 0:
            parts.append(encode_line(q, precision, True))
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


# CLI
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m councils.logic.geomap_build",
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
