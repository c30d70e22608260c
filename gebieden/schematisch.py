"""Schematic boundaries for places whose real ones are not loaded: one cell around each kern's centre.

The gemeente is drawn as the convex hull of circles around its kernen, and each kern gets the part of
it that is nearer to its own centre than to any other (a Voronoi cell clipped to that hull). Good enough
to show figures on a map, and clearly not the real borders: the map says so. Pure functions, no GIS
library: every cell is the hull cut by straight lines, so it stays one convex polygon.
"""

import math

STRAAL_KM = 1.8  # around each centre, so a kern at the edge still gets a cell of some size
KM_PER_GRAAD_BREEDTE = 111.2
HOEKEN = 16


def _omhulsel(punten: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (Andrew's monotone chain), counter-clockwise, not closed."""
    punten = sorted(set(punten))
    if len(punten) < 3:
        return punten

    def kruis(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    onder, boven = [], []
    for p in punten:
        while len(onder) >= 2 and kruis(onder[-2], onder[-1], p) <= 0:
            onder.pop()
        onder.append(p)
    for p in reversed(punten):
        while len(boven) >= 2 and kruis(boven[-2], boven[-1], p) <= 0:
            boven.pop()
        boven.append(p)
    return onder[:-1] + boven[:-1]


def _knip(veelhoek, a: float, b: float, c: float):
    """The part of a convex polygon where a*x + b*y <= c (Sutherland-Hodgman against one line)."""
    uit = []
    for i, p in enumerate(veelhoek):
        q = veelhoek[(i + 1) % len(veelhoek)]
        p_in = a * p[0] + b * p[1] <= c
        q_in = a * q[0] + b * q[1] <= c
        if p_in:
            uit.append(p)
        if p_in != q_in:
            t = (c - a * p[0] - b * p[1]) / (a * (q[0] - p[0]) + b * (q[1] - p[1]))
            uit.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return uit


def _ring(punten, schaal: float) -> list[list[float]]:
    ring = [[round(x / schaal, 6), round(y, 6)] for x, y in punten]
    return ring + [ring[0]]


def cellen(centra: dict[str, tuple[float, float]]) -> tuple[dict, dict[str, dict]]:
    """(the gemeente's outline, {kern: its cell}) as GeoJSON Polygons in WGS84, from {kern: (lon, lat)}.

    Longitude is scaled by cos(latitude) while computing, so the cells are fair in kilometres."""
    breedte = sum(lat for _, lat in centra.values()) / len(centra)
    schaal = math.cos(math.radians(breedte))
    punten = {naam: (lon * schaal, lat) for naam, (lon, lat) in centra.items()}
    straal = STRAAL_KM / KM_PER_GRAAD_BREEDTE
    cirkels = [
        (x + straal * math.cos(2 * math.pi * k / HOEKEN), y + straal * math.sin(2 * math.pi * k / HOEKEN))
        for x, y in punten.values()
        for k in range(HOEKEN)
    ]
    omtrek = _omhulsel(cirkels)
    uitkomst = {}
    for naam, (px, py) in punten.items():
        cel = omtrek
        for ander, (qx, qy) in punten.items():
            if ander != naam:  # keep the side nearer to this centre than to the other
                cel = _knip(cel, qx - px, qy - py, (qx * qx + qy * qy - px * px - py * py) / 2)
        uitkomst[naam] = {"type": "Polygon", "coordinates": [_ring(cel, schaal)]}
    return {"type": "Polygon", "coordinates": [_ring(omtrek, schaal)]}, uitkomst
