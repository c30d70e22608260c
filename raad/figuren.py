"""The shape of a dashboard figure: one table (per kern and in total) that a page, a chart and a CSV share.

Pure data and formatting; the numbers come from `raad.selectors`.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from invoer import format_euro
from invoer.spreadsheet import euro

EURO, GETAL, PROCENT, DAGEN = "euro", "getal", "procent", "dagen"


@dataclass(frozen=True)
class Kolom:
    key: str
    label: str
    soort: str = GETAL
    in_grafiek: bool = True


@dataclass
class Rij:
    label: str
    waarden: dict
    kern_id: int | None = None  # None for the total row and rows that are not a kern


@dataclass
class Figuur:
    key: str
    titel: str
    uitleg: str
    kolommen: list[Kolom]
    rijen: list[Rij] = field(default_factory=list)
    totaal: Rij | None = None
    rijkop: str = "Kern"
    grafiek_type: str = "bar"
    gestapeld: bool = False  # stacked bars: parts of one whole (e.g. applications per state)

    def cellen(self, rij: Rij) -> list[str]:
        return [opmaak(rij.waarden.get(k.key), k.soort) for k in self.kolommen]

    @property
    def tabel(self) -> list[tuple[str, list[str]]]:
        return [(rij.label, self.cellen(rij)) for rij in self.rijen]

    @property
    def totaalrij(self) -> tuple[str, list[str]] | None:
        return (self.totaal.label, self.cellen(self.totaal)) if self.totaal else None

    def grafiek(self) -> dict:
        """Chart data (rows of kernen only, never the total) for `json_script`; numbers as floats for JS."""
        kolommen = [k for k in self.kolommen if k.in_grafiek]
        return {
            "type": self.grafiek_type,
            "gestapeld": self.gestapeld,
            "titel": self.titel,
            "soort": kolommen[0].soort if kolommen else GETAL,
            "labels": [rij.label for rij in self.rijen],
            "reeksen": [
                {"label": k.label, "data": [_als_getal(rij.waarden.get(k.key)) for rij in self.rijen]}
                for k in kolommen
            ],
        }

    def exportrijen(self) -> list[list]:
        """The header and the rows (total last) for the CSV and the XLSX alike."""
        kop = [self.rijkop] + [_csv_kop(k) for k in self.kolommen]
        rijen = self.rijen + ([self.totaal] if self.totaal else [])
        return [kop] + [
            [rij.label] + [csv_waarde(rij.waarden.get(k.key), k.soort) for k in self.kolommen]
            for rij in rijen
        ]

    def waarde(self, kern_id: int, kolom: str):
        for rij in self.rijen:
            if rij.kern_id == kern_id:
                return rij.waarden.get(kolom)
        return None

    def kolom(self, key: str) -> Kolom:
        return next(k for k in self.kolommen if k.key == key)


def _csv_kop(kolom: Kolom) -> str:
    return {
        EURO: f"{kolom.label} (euro)",
        PROCENT: f"{kolom.label} (%)",
        DAGEN: f"{kolom.label} (dagen)",
    }.get(kolom.soort, kolom.label)


def _als_getal(waarde):
    if waarde is None:
        return None
    return float(waarde) if isinstance(waarde, Decimal) else waarde


def afronden(waarde, decimalen: int = 2) -> Decimal | None:
    if waarde is None:
        return None
    return Decimal(waarde).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def opmaak(waarde, soort: str) -> str:
    if waarde is None:
        return "–"
    if soort == EURO:
        return format_euro(waarde)
    if soort == PROCENT:
        return f"{afronden(waarde, 1)}%".replace(".", ",")
    if soort == DAGEN:
        tekst = f"{afronden(waarde, 1)}".replace(".", ",").removesuffix(",0")
        return f"{tekst} dag" if tekst == "1" else f"{tekst} dagen"
    return f"{int(waarde):,}".replace(",", ".")


CSV_DECIMALEN = {EURO: 2, DAGEN: 2, PROCENT: 1}


def csv_waarde(waarde, soort: str = GETAL):
    """The number for a CSV or XLSX cell, rounded as the CSV shows it; `invoer.spreadsheet` writes it for a
    Dutch spreadsheet (decimal comma, no thousands separator; empty when unknown; money as `Euro`)."""
    if waarde is None:
        return None
    if soort == EURO:
        return euro(afronden(waarde, CSV_DECIMALEN[soort]))  # money: a euro number format in an XLSX
    if soort in CSV_DECIMALEN:
        return afronden(waarde, CSV_DECIMALEN[soort])
    return waarde
