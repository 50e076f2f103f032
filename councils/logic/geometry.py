"""Plane geometry for the offline map build: projection, line simplification, label points and
compact SVG path encoding. Standard library only; used by :mod:`councils.logic.geomap_build`.

* Projection: spherical **Lambert conformal conic** with standard parallels 48°40' N and 53°40' N,
  central meridian 10°30' E (the usual parameters for maps of Germany); x to the east, y to the south.
* :func:`simplify_douglas_peucker` simplifies one open polyline (or a closed loop).
* :func:`label_point`: the centroid of a polygon's outer ring, or the middle of the widest horizontal
  chord through it when the centroid lies outside.
* :func:`encode_line`: ``M x y l dx dy ... z`` with relative steps computed from rounded absolute
  coordinates (:func:`quantise`), so there is no drift.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

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


def ring_area(ring: Sequence[Point]) -> float:
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


def label_point(rings: Sequence[Sequence[Point]]) -> Point:
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


def encode_line(qpoints: Sequence[tuple[int, int]], precision: int, closed: bool) -> str:
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


def quantise(points: Iterable[Point], precision: int) -> list[tuple[int, int]]:
    scale = 10**precision
    out: list[tuple[int, int]] = []
    for x, y in points:
        q = (round(x * scale), round(y * scale))
        if not out or out[-1] != q:
            out.append(q)
    return out
