"""CBS region codes: GM + 4 digits, WK + 4 digits + 2 characters, BU + 4 digits + 4 characters.

The wijk and buurt parts are usually digits but CBS allows capitals (Amsterdam has BU0363AA03).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

gemeente_code_validator = RegexValidator(
    r"^GM\d{4}$", "Een gemeentecode is GM gevolgd door 4 cijfers, bijvoorbeeld GM1904."
)
wijk_code_validator = RegexValidator(
    r"^WK\d{4}[0-9A-Z]{2}$", "Een wijkcode is WK gevolgd door 6 tekens, bijvoorbeeld WK190401."
)
buurt_code_validator = RegexValidator(
    r"^BU\d{4}[0-9A-Z]{4}$", "Een buurtcode is BU gevolgd door 8 tekens, bijvoorbeeld BU19040101."
)


def gemeente_code_of(code: str) -> str:
    """Any area's gemeente is GM + characters 3-6 of its code."""
    return "GM" + code[2:6]


def wijk_code_of(buurt_code: str) -> str:
    """A buurt's wijk is WK + characters 3-8 of its code."""
    return "WK" + buurt_code[2:8]


def _is_getal(waarde) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _controleer_ring(ring) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(
            "Elke rand van een vlak heeft minstens vier punten (het laatste is het eerste)."
        )
    for punt in ring:
        if not (isinstance(punt, list) and len(punt) in (2, 3) and all(_is_getal(c) for c in punt)):
            raise ValidationError(
                "Elk punt is een lijst [lengtegraad, breedtegraad], bijvoorbeeld [5.0, 52.1]."
            )
        if not (-180 <= punt[0] <= 180 and -90 <= punt[1] <= 90):
            raise ValidationError(
                "Een punt ligt buiten de wereld: geef lengte- en breedtegraad in graden (WGS 84), "
                "bijvoorbeeld [5.0, 52.1]."
            )
    if ring[0] != ring[-1]:
        raise ValidationError("Een rand moet gesloten zijn: het laatste punt is gelijk aan het eerste.")


def grens_validator(waarde) -> None:
    """A boundary is a GeoJSON geometry of type Polygon or MultiPolygon in WGS 84 (what the map draws)."""
    if waarde in (None, ""):
        return
    if not isinstance(waarde, dict) or waarde.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(
            'Een grens is een GeoJSON-geometrie van het type "Polygon" of "MultiPolygon", '
            'bijvoorbeeld {"type": "Polygon", "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.1]]]}.'
        )
    vlakken = waarde.get("coordinates")
    if waarde["type"] == "Polygon":
        vlakken = [vlakken]
    if not isinstance(vlakken, list) or not vlakken:
        raise ValidationError("De grens heeft geen coördinaten.")
    for vlak in vlakken:
        if not isinstance(vlak, list) or not vlak:
            raise ValidationError("De grens heeft geen coördinaten.")
        for ring in vlak:
            _controleer_ring(ring)
