"""CBS region codes: GM + 4 digits, WK + 4 digits + 2 characters, BU + 4 digits + 4 characters.

The wijk and buurt parts are usually digits but CBS allows capitals (Amsterdam has BU0363AA03).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from .grenzen import geometrie_fout

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


def grens_validator(waarde) -> None:
    """A boundary is a GeoJSON Polygon or MultiPolygon in WGS 84 (what the map draws); the one check,
    shared with `import_grenzen`, is `grenzen.geometrie_fout`."""
    if waarde in (None, ""):
        return
    if fout := geometrie_fout(waarde):
        raise ValidationError(fout)
