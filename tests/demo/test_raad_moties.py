"""Council motion M-31 in the demo, word for word as the seed page has it."""

import datetime

from raad.constants import MotieStatus
from raad.models import Motie


def test_demo_laadt_m31_met_vier_updates(demo):
    motie = Motie.objects.get(nummer="M-31", gemeente__code="GM1904")
    assert motie.titel == "Versterking gebiedsgericht werken"
    assert motie.indieners == "PvdA e.a."
    assert motie.jaar == 2017
    assert motie.status == MotieStatus.LOPEND
    assert motie.gevraagde_actie.startswith("In de nieuwe nota gebiedsgericht werken helder uiteen te zetten")
    datums = list(motie.updates.values_list("datum", flat=True))
    assert datums == [
        datetime.date(2022, 1, 18),
        datetime.date(2021, 11, 10),
        datetime.date(2021, 9, 6),
        datetime.date(2021, 7, 7),
    ]
    assert motie.updates.first().tekst.startswith(
        "Op 16 november 2021 is de raad via een informatieve commissie"
    )


def _m31_uit_de_bron() -> dict:
    """The M-31 seed page (a verbatim copy in tests/raad/data) taken apart: title, submitters, requested
    action and the dated updates."""
    import re
    from pathlib import Path

    tekst = (Path(__file__).parents[1] / "raad" / "data" / "m31_bron.txt").read_text(encoding="utf-8")
    regels = [r.strip() for r in tekst.splitlines() if r.strip()]
    assert regels[0] == "M-31"
    titel, indieners = re.fullmatch(r"(.+) \((.+)\)", regels[1]).groups()
    stand = tekst.split("Stand van Zaken", 1)[1].split("Ophalen gegevens", 1)[0]
    updates = {
        datetime.datetime.strptime(datum, "%d-%m-%Y").date(): " ".join(blok.split())
        for datum, blok in re.findall(r"Update:? (\d\d-\d\d-\d{4}):(.*?)(?=Update|\Z)", stand, re.S)
    }
    return {"titel": titel, "indieners": indieners, "gevraagde_actie": regels[2], "updates": updates}


def test_demo_m31_is_letterlijk_de_bron(demo):
    """The four real updates of the seed, word for word, newest first (issue 6, item 3)."""
    bron = _m31_uit_de_bron()
    assert len(bron["updates"]) == 4
    motie = Motie.objects.get(nummer="M-31", gemeente__code="GM1904")
    assert (motie.titel, motie.indieners, motie.gevraagde_actie) == (
        bron["titel"],
        bron["indieners"],
        bron["gevraagde_actie"],
    )
    assert [(u.datum, u.tekst) for u in motie.updates.all()] == sorted(bron["updates"].items(), reverse=True)
