"""CBS region codes: GM + 4 digits, WK + 4 digits + 2 characters, BU + 4 digits + 4 characters.

The wijk and buurt parts are usually digits but CBS allows capitals (Amsterdam has BU0363AA03).
"""

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
