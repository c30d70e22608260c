"""Council figures of meldingen (issue 19, item 7): per kern, wijk and year, computed by the database.

A small hand-made year whose figures are worked out below; the same assertions hold on SQLite and
PostgreSQL (the median comes from percentile_cont on PostgreSQL and from a window query elsewhere).
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meldingen.constants import MeldingStatus
from meldingen.termijn import werkdagen_erbij
from tests.factories import WACHTWOORD, GemeenteFactory, KernFactory, WijkFactory
from tests.meldingen.factories import CategorieFactory, MeldingFactory
from tests.raad.test_dashboard import _csv, _xlsx

AMS = ZoneInfo("Europe/Amsterdam")
S = MeldingStatus


def _op(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


def _melding(gemeente, categorie, gemeld, *, gesloten=None, status=None, termijn=None, **velden):
    """A melding with the deadline the service would give it (working days, holidays excluded)."""
    termijn = categorie.afhandeltermijn if termijn is None else termijn
    return MeldingFactory(
        gemeente=gemeente,
        categorie=categorie,
        gemeld_op=gemeld,
        gesloten_op=gesloten,
        status=status or (S.AFGEHANDELD if gesloten else S.IN_BEHANDELING),
        deadline=werkdagen_erbij(gemeld.date(), termijn),
        **velden,
    )


@pytest.fixture
def meldingjaar(gemeente):
    """2025 in Stichtse Vecht. Breukelen (wijken A and B) and Loenen (no wijk); Afval (term 3 working
    days) with a subcategory, Groen (term 10)."""
    breukelen = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    loenen = KernFactory(gemeente=gemeente, naam="Loenen", slug="loenen")
    wijk_a = WijkFactory(kern=breukelen, naam="Wijk A")
    wijk_b = WijkFactory(kern=breukelen, naam="Wijk B")
    afval = CategorieFactory(gemeente=gemeente, naam="Afval", slug="afval", afhandeltermijn=3, volgorde=1)
    zwerfafval = CategorieFactory(
        gemeente=gemeente, hoofdcategorie=afval, naam="Zwerfafval", slug="zwerfafval", afhandeltermijn=3
    )
    groen = CategorieFactory(gemeente=gemeente, naam="Groen", slug="groen", afhandeltermijn=10, volgorde=2)
    m = {}
    # Breukelen, wijk A: 2 days (in time, rated 4), 10 days (late, rated 2), and one still open that was
    # reported at 00:30 on 1 January (23:30 UTC the day before: it belongs to 2025).
    m[1] = _melding(
        gemeente,
        zwerfafval,
        _op(2025, 3, 3, 10),
        gesloten=_op(2025, 3, 5, 10),
        kern=breukelen,
        wijk=wijk_a,
        tevredenheid=4,
    )
    m[2] = _melding(
        gemeente,
        afval,
        _op(2025, 3, 3, 10),
        gesloten=_op(2025, 3, 13, 10),
        kern=breukelen,
        wijk=wijk_a,
        tevredenheid=2,
    )
    m[9] = _melding(gemeente, groen, _op(2025, 1, 1, 0, 30), wijk=wijk_a)  # kern from the wijk
    # Breukelen, wijk B: reported on Tuesday 23 December, three working days: 24, (25 and 26 December are
    # holidays), 29, 30 December. Handled on the 29th after 6,25 days: in time only because of the holidays.
    m[3] = _melding(
        gemeente,
        zwerfafval,
        _op(2025, 12, 23, 9),
        gesloten=_op(2025, 12, 29, 15),
        kern=breukelen,
        wijk=wijk_b,
    )
    assert m[3].deadline == datetime.date(2025, 12, 30)
    m[4] = _melding(gemeente, groen, _op(2025, 6, 2, 9), kern=breukelen, wijk=wijk_b)
    # Loenen: half a day (rated 5); its duplicate (counts as a report, not as handling); one cancelled.
    m[5] = _melding(
        gemeente, groen, _op(2025, 5, 1, 12), gesloten=_op(2025, 5, 2, 0), kern=loenen, tevredenheid=5
    )
    m[6] = _melding(
        gemeente, groen, _op(2025, 5, 1, 13), gesloten=_op(2025, 5, 1, 14), kern=loenen, hoofdmelding=m[5]
    )
    m[7] = _melding(
        gemeente, groen, _op(2025, 5, 1, 14), gesloten=_op(2025, 5, 1, 15), status=S.GEANNULEERD, kern=loenen
    )
    # No kern (a street only): three days, on the last day of its term (rated 3).
    m[8] = _melding(gemeente, afval, _op(2025, 7, 1, 8), gesloten=_op(2025, 7, 4, 8), tevredenheid=3)
    assert m[8].deadline == datetime.date(2025, 7, 4)
    # Not in 2025's figures: the evening before, and another gemeente.
    _melding(gemeente, afval, _op(2024, 12, 31, 23, 30), gesloten=_op(2025, 1, 2, 9), kern=breukelen)
    elders = GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen")
    _melding(elders, CategorieFactory(gemeente=elders), _op(2025, 3, 3, 10), gesloten=_op(2025, 3, 4, 10))
    return breukelen, loenen


def _dashboard(client, raadslid):
    assert client.login(username=raadslid.email, password=WACHTWOORD)
    response = client.get(reverse("raad:dashboard"), {"jaar": 2025})
    assert response.status_code == 200
    return response.context["dashboard"]


def _rijen(figuur):
    return {rij.label: rij.waarden for rij in [*figuur.rijen, figuur.totaal]}


def test_meldingen_per_categorie_per_kern(client, raadslid, meldingjaar):
    figuur = _dashboard(client, raadslid).figuur("meldingen")
    assert [k.label for k in figuur.kolommen] == ["Afval", "Groen"]  # main categories, in their order
    assert [(label, list(w.values())) for label, w in _rijen(figuur).items()] == [
        ("Breukelen", [3, 2]),
        ("Loenen", [0, 3]),
        ("Geen kern gekozen", [1, 0]),
        ("Totaal Stichtse Vecht", [4, 5]),
    ]
    assert figuur.gestapeld and len({k.kleur for k in figuur.kolommen}) == 2


def test_afhandeling_per_kern_mediaan_termijn_en_tevredenheid(client, raadslid, meldingjaar):
    rijen = _rijen(_dashboard(client, raadslid).figuur("meldingen_afhandeling"))
    D = Decimal
    assert rijen["Breukelen"] == {
        "aantal": 5,
        "afgehandeld": 3,
        "mediaan": D("6.25"),  # of 2, 6,25 and 10 days
        "binnen_termijn": D("66.7"),  # 2 of 3, the one over Christmas included
        "tevredenheid": D("3.0"),  # (4 + 2) / 2
        "beoordeeld": 2,
    }
    assert rijen["Loenen"] == {
        "aantal": 3,  # the duplicate and the cancelled one count as reports
        "afgehandeld": 1,
        "mediaan": D("0.50"),
        "binnen_termijn": D("100.0"),
        "tevredenheid": D("5.0"),
        "beoordeeld": 1,
    }
    assert rijen["Geen kern gekozen"]["mediaan"] == D("3.00")
    assert rijen["Totaal Stichtse Vecht"] == {
        "aantal": 9,
        "afgehandeld": 5,
        "mediaan": D("3.00"),  # of 0,5, 2, 3, 6,25 and 10
        "binnen_termijn": D("80.0"),
        "tevredenheid": D("3.5"),  # (4 + 2 + 5 + 3) / 4
        "beoordeeld": 4,
    }


def test_afhandeling_per_wijk(client, raadslid, meldingjaar):
    rijen = _rijen(_dashboard(client, raadslid).figuur("meldingen_wijken"))
    assert list(rijen) == [
        "Wijk A (Breukelen)",
        "Wijk B (Breukelen)",
        "Geen wijk gekozen",
        "Totaal Stichtse Vecht",
    ]
    assert rijen["Wijk A (Breukelen)"] == {
        "aantal": 3,
        "afgehandeld": 2,
        "mediaan": Decimal("6.00"),  # between 2 and 10: interpolated as percentile_cont does
        "binnen_termijn": Decimal("50.0"),
        "tevredenheid": Decimal("3.0"),
        "beoordeeld": 2,
    }
    assert rijen["Wijk B (Breukelen)"]["tevredenheid"] is None  # nobody gave a rating
    assert rijen["Wijk B (Breukelen)"]["binnen_termijn"] == Decimal("100.0")
    assert rijen["Geen wijk gekozen"]["mediaan"] == Decimal("1.75")


def test_jaar_zonder_meldingen(client, raadslid, meldingjaar):
    assert client.login(username=raadslid.email, password=WACHTWOORD)
    bord = client.get(reverse("raad:dashboard"), {"jaar": 2023}).context["dashboard"]
    assert bord.figuur("meldingen").kolommen == [] and bord.figuur("meldingen_wijken").rijen == []
    assert bord.figuur("meldingen_afhandeling").totaal.waarden["mediaan"] is None


def test_pagina_toont_tabel_bij_elke_grafiek(client, raadslid, meldingjaar):
    assert client.login(username=raadslid.email, password=WACHTWOORD)
    tekst = client.get(reverse("raad:dashboard"), {"jaar": 2025}).text
    for key in ("meldingen", "meldingen_afhandeling", "meldingen_wijken"):
        assert f'<script id="grafiek-{key}" type="application/json">' in tekst
        assert f'id="figuur-{key}-kop"' in tekst
    assert '<th scope="row">Wijk A (Breukelen)</th>' in tekst
    assert "6,3 dagen" in tekst and "66,7%" in tekst and "3,5" in tekst


KOP = [
    "Kern",
    "Meldingen",
    "Afgehandeld",
    "Mediaan afhandeltijd (dagen)",
    "Binnen de termijn (%)",
    "Tevredenheid (1-5)",
    "Beoordelingen",
]


def test_open_cijfers_en_exports(client, meldingjaar, gemeente):
    keuze = {"gemeente": gemeente.slug, "jaar": 2025}
    pagina = client.get(reverse("raad:transparantie"), keuze)
    assert pagina.status_code == 200 and "Afhandeling van meldingen" in pagina.text
    rijen = _csv(client.get(reverse("raad:transparantie_csv"), {**keuze, "figuur": "meldingen_afhandeling"}))
    assert rijen[0] == ["Afhandeling van meldingen"]
    assert rijen[1] == KOP
    assert rijen[2] == ["Breukelen", "5", "3", "6,25", "66,7", "3,0", "2"]
    assert rijen[-1] == ["Totaal Stichtse Vecht", "9", "5", "3,00", "80,0", "3,5", "4"]
    per_categorie = _csv(client.get(reverse("raad:transparantie_csv"), {**keuze, "figuur": "meldingen"}))
    assert per_categorie[1] == ["Kern", "Afval", "Groen"]
    wijken = _csv(client.get(reverse("raad:transparantie_csv"), {**keuze, "figuur": "meldingen_wijken"}))
    assert wijken[1] == ["Wijk", *KOP[1:]] and wijken[2][0] == "Wijk A (Breukelen)"
    boek = _xlsx(client.get(reverse("raad:transparantie_xlsx"), keuze))
    assert {"Meldingen per categorie", "Afhandeling van meldingen", "Afhandeling per wijk"} <= set(
        boek.sheetnames
    )
    blad = boek["Afhandeling van meldingen"]
    assert [c.value for c in blad[1]] == KOP
    assert [c.value for c in blad[2]] == ["Breukelen", 5, 3, 6.25, 66.7, 3, 2]


def test_exports_zetten_geen_formules_van_namen(client, raadslid, meldingjaar, gemeente):
    """A category or wijk named like a formula is text in both files (invoer.spreadsheet)."""
    from gebieden.models import Wijk
    from meldingen.models import Categorie

    Categorie.objects.filter(naam="Groen").update(naam="=1+2")
    Wijk.objects.filter(naam="Wijk A").update(naam="@SUM(A1)")
    assert client.login(username=raadslid.email, password=WACHTWOORD)
    rijen = _csv(client.get(reverse("raad:dashboard_csv"), {"jaar": 2025}))
    cellen = {cel for rij in rijen for cel in rij}
    assert "'=1+2" in cellen and "'@SUM(A1) (Breukelen)" in cellen
    assert "=1+2" not in cellen
    boek = _xlsx(client.get(reverse("raad:dashboard_xlsx"), {"jaar": 2025}))
    waarden = {c.value for blad in boek.worksheets for rij in blad.iter_rows() for c in rij}
    assert "'=1+2" in waarden and "=1+2" not in waarden
