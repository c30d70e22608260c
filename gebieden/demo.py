"""Demo areas: Stichtse Vecht (kernen, wijken, buurten), Westland and De Ronde Venen (kernen, wijken),
with schematic boundaries (a cell around each kern's real centre) so the council map has something to draw.
"""

import json
from pathlib import Path

from . import schematisch
from .models import Gemeente, Kern, Wijk
from .services import (
    gebieden_importeren,
    grenzen_importeren,
    kern_grens_opslaan,
    kern_toevoegen,
    lees_bestand,
    postcodes_importeren,
    regios_uit_portaalformaat,
)

DEMO_BESTAND = Path(__file__).parent / "data" / "demo_gebieden.csv"
# Four-digit postcodes per kern of Stichtse Vecht, from public knowledge: approximate (see the file).
DEMO_POSTCODES = Path(__file__).parent / "data" / "postcodes_stichtse_vecht_bij_benadering.csv"

# The gemeenten's general numbers and addresses, for areas without a contact person. Stichtse Vecht's
# are on its website; Westland's 14 0174 is its public 14-number; De Ronde Venen's e-mail address is
# uncertain (check before using this outside a demo).
ALGEMEEN_CONTACT = {
    "GM1904": ("14 0346", "info@stichtsevecht.nl"),
    "GM1783": ("14 0174", "info@gemeentewestland.nl"),
    "GM0736": ("0297 29 16 16", "info@derondevenen.nl"),
}

# Where objections (bezwaar) go, as the decision letters name them. Demo values: plausible postal
# addresses in the gemeente's main town, not checked against the gemeente's own; the e-mail addresses are
# made up.
BEZWAAR = {
    "GM1904": (
        "College van burgemeester en wethouders\nPostbus 1212\n3600 BE Maarssen",
        "bezwaar@stichtsevecht.demo.gebiedsportaal.nl",
    ),
    "GM1783": (
        "College van burgemeester en wethouders\nPostbus 150\n2670 AD Naaldwijk",
        "bezwaar@westland.demo.gebiedsportaal.nl",
    ),
    "GM0736": (
        "College van burgemeester en wethouders\nPostbus 250\n3640 AG Mijdrecht",
        "bezwaar@derondevenen.demo.gebiedsportaal.nl",
    ),
}

# Kernen without a CBS wijk of their own: Heenweg lies in a neighbouring Westland wijk.
KERNEN_ZONDER_WIJK = {"GM1783": ["Heenweg"]}

# The centre of each kern (longitude, latitude in WGS84, rounded to about 100 m; the church or main
# square). Only these points are real: the cells around them are a sketch, and the map says so.
KERNCENTRA = {
    "GM1904": {
        "Maarssen-Dorp": (5.041, 52.136),
        "Maarssenbroek": (5.014, 52.116),
        "Oud-Zuilen": (5.078, 52.121),
        "Breukelen": (5.001, 52.173),
        "Kockengen": (4.948, 52.150),
        "Tienhoven": (5.086, 52.163),
        "Nieuwersluis": (5.012, 52.198),
        "Nieuwer Ter Aa": (4.986, 52.192),
        "Loenen aan de Vecht": (5.021, 52.209),
        "Loenersloot": (4.993, 52.222),
        "Vreeland": (5.033, 52.229),
        "Nigtevecht": (5.030, 52.273),
    },
    "GM1783": {
        "Naaldwijk": (4.206, 51.994),
        "'s-Gravenzande": (4.165, 52.001),
        "Monster": (4.175, 52.025),
        "Ter Heijde": (4.169, 52.036),
        "Poeldijk": (4.220, 52.025),
        "Wateringen": (4.274, 52.024),
        "Kwintsheul": (4.254, 52.012),
        "Honselersdijk": (4.229, 52.006),
        "De Lier": (4.247, 51.973),
        "Maasdijk": (4.210, 51.958),
        "Heenweg": (4.223, 51.982),
    },
    "GM0736": {
        "Mijdrecht": (4.863, 52.207),
        "Wilnis": (4.897, 52.196),
        "Vinkeveen": (4.931, 52.215),
        "Waverveen": (4.927, 52.190),
        "De Hoef": (4.820, 52.203),
        "Amstelhoek": (4.835, 52.226),
        "Abcoude": (4.970, 52.272),
        "Baambrugge": (4.990, 52.245),
    },
}


def _schematische_grenzen() -> str:
    """Cells for every demo kern whose boundary is missing or differs; returns a summary.

    The wijk (one per kern in these gemeenten) gets its kern's cell through the boundary import, which
    then puts the kern together from it; a kern without a wijk gets its cell directly."""
    features, zonder_wijk = [], []
    for code, centra in KERNCENTRA.items():
        gemeente = Gemeente.objects.get(code=code)
        omtrek, cellen = schematisch.cellen(centra)
        kernen = {k.naam: k for k in Kern.objects.filter(gemeente=gemeente).prefetch_related("wijken")}
        features.append({"type": "Feature", "properties": {"code": code}, "geometry": omtrek})
        for naam, cel in cellen.items():
            wijken = list(kernen[naam].wijken.all())
            if not wijken:
                zonder_wijk.append((kernen[naam], cel))
            for wijk in wijken:
                features.append({"type": "Feature", "properties": {"code": wijk.code}, "geometry": cel})
    huidig = {
        g.code: g.grens for g in Gemeente.objects.filter(code__in=KERNCENTRA).select_related("gebiedsgrens")
    }
    huidig.update(
        {
            w.code: w.grens
            for w in Wijk.objects.filter(gemeente__code__in=KERNCENTRA).select_related("gebiedsgrens")
        }
    )
    gewijzigd = [f for f in features if huidig.get(f["properties"]["code"]) != f["geometry"]]
    if gewijzigd:  # a second run writes nothing
        grenzen_importeren(
            tekst=json.dumps({"type": "FeatureCollection", "features": features}), schematisch=True
        )
    for kern, cel in zonder_wijk:
        kern_grens_opslaan(kern=kern, grens=cel)
    return f"schematische grenzen voor {sum(len(c) for c in KERNCENTRA.values())} kernen"


def load(ctx):
    resultaat = gebieden_importeren(regios=regios_uit_portaalformaat(lees_bestand(DEMO_BESTAND)), jaar=2024)
    for code, namen in KERNEN_ZONDER_WIJK.items():
        gemeente = Gemeente.objects.get(code=code)
        for naam in namen:
            kern_toevoegen(gemeente=gemeente, naam=naam)
    for code, (telefoon, email) in ALGEMEEN_CONTACT.items():
        Gemeente.objects.filter(code=code).update(telefoon_algemeen=telefoon, email_algemeen=email)
    for code, (adres, email) in BEZWAAR.items():
        Gemeente.objects.filter(code=code).update(bezwaar_adres=adres, bezwaar_email=email)
    with DEMO_POSTCODES.open(encoding="utf-8", newline="") as bestand:
        postcodes = postcodes_importeren(bestand=bestand)
    grenzen = _schematische_grenzen()
    ctx.data["stichtse_vecht"] = Gemeente.objects.get(code="GM1904")
    ctx.data["gemeenten"] = {g.code: g for g in Gemeente.objects.filter(code__in=KERNCENTRA)}
    ctx.log(f"Gebieden: {resultaat.samenvatting()}; {grenzen}")
    ctx.log(f"Postcodes (bij benadering): {postcodes.samenvatting()}")
