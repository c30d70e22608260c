"""Demo areas: Stichtse Vecht (kernen, wijken, buurten), Westland and De Ronde Venen (kernen, wijken)."""

from pathlib import Path

from .models import Gemeente
from .services import gebieden_importeren, kern_toevoegen, lees_bestand, regios_uit_portaalformaat

DEMO_BESTAND = Path(__file__).parent / "data" / "demo_gebieden.csv"

# Kernen without a CBS wijk of their own: Heenweg lies in a neighbouring Westland wijk.
KERNEN_ZONDER_WIJK = {"GM1783": ["Heenweg"]}


def load(ctx):
    resultaat = gebieden_importeren(regios=regios_uit_portaalformaat(lees_bestand(DEMO_BESTAND)), jaar=2024)
    for code, namen in KERNEN_ZONDER_WIJK.items():
        gemeente = Gemeente.objects.get(code=code)
        for naam in namen:
            kern_toevoegen(gemeente=gemeente, naam=naam)
    ctx.data["stichtse_vecht"] = Gemeente.objects.get(code="GM1904")
    ctx.log(f"Gebieden: {resultaat.samenvatting()}")
