"""The shape of a dashboard figure: one table (per kern and in total) that a page, a chart and a CSV share.

Pure data and formatting; the numbers come from `raad.selectors`.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from invoer import format_euro
from invoer.spreadsheet import euro

EURO, GETAL, PROCENT, DAGEN, CIJFER = "euro", "getal", "procent", "dagen", "cijfer"
# CIJFER: an average rating (1-5), shown with one decimal.

# Chart colours: distinguishable with the common kinds of colour blindness (after Okabe & Ito and Paul
# Tol, darkened where needed) and each at least 3:1 against the white page (WCAG 1.4.11); the legend and
# the table under every chart carry the same information without colour.
ACHTERGROND = "#ffffff"
REEKSKLEUREN = ["#0072b2", "#d55e00", "#009e73", "#882255", "#332288", "#8b6d00"]
# For figures with more series (meldingen per main category: eight in the seeded list): the six above and
# three more of the same palettes, each at least 3:1 against white too.
VEEL_REEKSKLEUREN = [*REEKSKLEUREN, "#aa4499", "#117733", "#555555"]

# One fixed colour per application state, the same in every chart and every year.
STATUSKLEUREN = {
    "ingediend": "#0072b2",  # blue
    "in_behandeling": "#332288",  # indigo
    "aanvulling_gevraagd": "#8b6d00",  # ochre
    "toegekend": "#009e73",  # bluish green
    "afgewezen": "#d55e00",  # vermilion
    "ingetrokken": "#555555",  # grey
    "uitbetaald": "#aa4499",  # purple
    "verantwoording_ingediend": "#882255",  # wine
    "vastgesteld": "#117733",  # green
}

# Counts have whole-number axes: no "0,5 aanvragen" between 0 and 1.
GEHELE_SOORTEN = {GETAL, DAGEN}


@dataclass(frozen=True)
class Kolom:
    key: str
    label: str
    soort: str = GETAL
    in_grafiek: bool = True
    kleur: str | None = None  # a fixed colour (e.g. per state); else the next one of REEKSKLEUREN


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
    leeg: str = "Deze gemeente heeft nog geen kernen."  # the table's text when it has no rows

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
        soort = kolommen[0].soort if kolommen else GETAL
        return {
            "type": self.grafiek_type,
            "gestapeld": self.gestapeld,
            "titel": self.titel,
            "soort": soort,
            "legenda": True,  # always shown: the colours mean something only with their names
            "geheel": soort in GEHELE_SOORTEN,  # ticks at whole numbers only (Chart.js `precision: 0`)
            "labels": [rij.label for rij in self.rijen],
            "reeksen": [
                {
                    "label": k.label,
                    "kleur": k.kleur or REEKSKLEUREN[i % len(REEKSKLEUREN)],
                    "data": [_als_getal(rij.waarden.get(k.key)) for rij in self.rijen],
                }
                for i, k in enumerate(kolommen)
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
    if soort == CIJFER:
        return f"{afronden(waarde, 1)}".replace(".", ",")
    return f"{int(waarde):,}".replace(",", ".")


CSV_DECIMALEN = {EURO: 2, DAGEN: 2, PROCENT: 1, CIJFER: 1}


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
