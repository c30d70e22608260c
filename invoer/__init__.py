"""Amounts as people in the Netherlands type and read them, reusable by every app (like `bestanden`).

- `format_euro(bedrag)`: '€ 1.234,56' (the `euro` template filter and every message that names money).

- `BedragField`: a DecimalField that accepts '€ 1.250,50', '1.250', '1250,5' and '1250.50'.
- `BedragInput`: shows a saved amount with a decimal comma (1250,50), what someone typed as typed.
- `bedrag_invoer(label, **kwargs)`: the two together, with a Dutch error message.

And for the way out: `invoer.spreadsheet.csv_schrijver` writes every CSV export (no cell is a formula).
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms

FOUT_BEDRAG = "Vul een bedrag in, bijvoorbeeld 125,50."
# One clear message per wrong amount (issue 18, item 9), whatever is wrong with it; Django's own ("Zorg
# dat er niet meer dan 2 decimalen zijn.") speak of decimals, not of euros and cents.
FOUTEN_BEDRAG = {
    "invalid": FOUT_BEDRAG,
    "max_decimal_places": "Een bedrag heeft hoogstens 2 cijfers na de komma, bijvoorbeeld 125,50. "
    "Duizendtallen schrijft u met een punt: 12.345.",
    "max_digits": "Dit bedrag is te groot. Vul een bedrag in van minder dan € 10.000.000.000.",
    "max_whole_digits": "Dit bedrag is te groot. Vul een bedrag in van minder dan € 10.000.000.000.",
    "min_value": "Vul een bedrag in van € 0,00 of meer, zonder minteken.",
}


def format_euro(bedrag) -> str:
    if bedrag is None or bedrag == "":
        return "–"
    bedrag = Decimal(bedrag).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    teken = "-" if bedrag < 0 else ""
    heel, _, centen = f"{abs(bedrag):.2f}".partition(".")
    groepen = []
    while heel:
        groepen.insert(0, heel[-3:])
        heel = heel[:-3]
    return f"€ {teken}{'.'.join(groepen)},{centen}"


class BedragField(forms.DecimalField):
    """Accepts what people type: '€ 1.250,50', '1250,5' or '1250.50'; '1.250' is one thousand two
    hundred and fifty (dots in groups of three are thousands separators here), never 1,25.
    Every way an amount can be wrong gives one Dutch message (FOUTEN_BEDRAG)."""

    default_error_messages = FOUTEN_BEDRAG

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\xa0", "").strip()
            if "," in value or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class BedragInput(forms.TextInput):
    """Shows a saved amount as people here write it: 1250,50 (not 1250.50). What someone typed is shown
    back as typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return f"{Decimal(value):.2f}".replace(".", ",")
        return super().format_value(value)


def bedrag_invoer(label, **kwargs):
    return BedragField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        widget=BedragInput(),
        **kwargs,
    )
