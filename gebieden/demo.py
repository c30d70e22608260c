"""Demo areas: Stichtse Vecht (kernen, wijken, buurten), Westland and De Ronde Venen (kernen, wijken)."""

from pathlib import Path

from .models import Gemeente
from .services import (
    gebieden_importeren,
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

# Kernen without a CBS wijk of their own: Heenweg lies in a neighbouring Westland wijk.
KERNEN_ZONDER_WIJK = {"GM1783": ["Heenweg"]}


def load(ctx):
    resultaat = gebieden_importeren(regios=regios_uit_portaalformaat(lees_bestand(DEMO_BESTAND)), jaar=2024)
    for code, namen in KERNEN_ZONDER_WIJK.items():
        gemeente = Gemeente.objects.get(code=code)
        for naam in namen:
            kern_toevoegen(gemeente=gemeente, naam=naam)
    for code, (telefoon, email) in ALGEMEEN_CONTACT.items():
        Gemeente.objects.filter(code=code).update(telefoon_algemeen=telefoon, email_algemeen=email)
    with DEMO_POSTCODES.open(encoding="utf-8", newline="") as bestand:
        postcodes = postcodes_importeren(bestand=bestand)
    ctx.data["stichtse_vecht"] = Gemeente.objects.get(code="GM1904")
    ctx.log(f"Gebieden: {resultaat.samenvatting()}")
    ctx.log(f"Postcodes (bij benadering): {postcodes.samenvatting()}")
