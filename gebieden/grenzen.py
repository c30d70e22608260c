"""Area boundaries as GeoJSON geometries in WGS84 (longitude, latitude), as Leaflet draws them.

Pure functions: checking a geometry, rounding it, and putting a kern's boundary together from its
wijken (a MultiPolygon of their polygons: no GIS library needed, and the map colours it as one area).
"""

from numbers import Real

TYPEN = ("Polygon", "MultiPolygon")
VOORBEELD_PUNT = "[lengtegraad, breedtegraad], bijvoorbeeld [5.0, 52.1]"
DECIMALEN = 6  # about 10 cm: more only makes the pages heavier


def _positie_fout(positie) -> str | None:
    if not isinstance(positie, list | tuple) or len(positie) not in (2, 3):
        return f"elk punt is een lijst {VOORBEELD_PUNT}"
    lengte, breedte = positie[0], positie[1]
    if not all(isinstance(w, Real) and not isinstance(w, bool) for w in positie):
        return f"een coördinaat is geen getal: elk punt is een lijst {VOORBEELD_PUNT}"
    if not (-180 <= lengte <= 180 and -90 <= breedte <= 90):
        return (
            f"coördinaat ({lengte}, {breedte}) ligt buiten de wereld in WGS84 (lengte- en breedtegraad in "
            "graden); staat het bestand in RD (EPSG:28992)? Exporteer het als WGS84 (EPSG:4326)"
        )
    return None


def _polygoon_fout(ringen) -> str | None:
    if not isinstance(ringen, list | tuple) or not ringen:
        return "een vlak heeft ten minste één ring"
    for ring in ringen:
        if not isinstance(ring, list | tuple) or len(ring) < 4:
            return "een rand heeft minstens vier punten (het laatste is gelijk aan het eerste)"
        for positie in ring:
            if fout := _positie_fout(positie):
                return fout
        if list(ring[0][:2]) != list(ring[-1][:2]):
            return "een rand moet gesloten zijn: hij moet eindigen waar hij begint"
    return None


def geometrie_fout(geometrie) -> str | None:
    """Why `geometrie` is not a usable boundary (a Dutch sentence), or None when it is."""
    if not isinstance(geometrie, dict) or geometrie.get("type") not in TYPEN:
        return (
            'De grens moet een GeoJSON-geometrie van het type "Polygon" of "MultiPolygon" zijn, bijvoorbeeld '
            '{"type": "Polygon", "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.1]]]}.'
        )
    coordinaten = geometrie.get("coordinates")
    if not isinstance(coordinaten, list | tuple) or not coordinaten:
        return "De grens heeft geen coördinaten."
    vlakken = [coordinaten] if geometrie["type"] == "Polygon" else coordinaten
    if not all(isinstance(vlak, list | tuple) and vlak for vlak in vlakken):
        return "De grens heeft geen coördinaten."
    for vlak in vlakken:
        if fout := _polygoon_fout(vlak):
            return f"De grens klopt niet: {fout}."
    return None


def _afgerond(waarde):
    if isinstance(waarde, list | tuple):
        return [_afgerond(w) for w in waarde]
    return round(float(waarde), DECIMALEN)


def afgerond(geometrie: dict) -> dict:
    """The geometry with coordinates rounded to DECIMALEN and without height."""
    vlakken = [geometrie["coordinates"]] if geometrie["type"] == "Polygon" else geometrie["coordinates"]
    vlakken = [[[_afgerond(p[:2]) for p in ring] for ring in vlak] for vlak in vlakken]
    if geometrie["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": vlakken[0]}
    return {"type": "MultiPolygon", "coordinates": vlakken}


def samengesteld(geometrieen: list[dict]) -> dict:
    """One MultiPolygon holding every polygon of the given (checked) geometries."""
    vlakken = []
    for geometrie in geometrieen:
        if geometrie["type"] == "Polygon":
            vlakken.append(geometrie["coordinates"])
        else:
            vlakken.extend(geometrie["coordinates"])
    return {"type": "MultiPolygon", "coordinates": vlakken}
