import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from bewonersgroepen.constants import Groepstatus
from gebieden.models import Kern
from gebieden.services import grens_opslaan
from leefbaarheidsbudget.constants import Soort
from leefbaarheidsbudget.constants import Status as AanvraagStatus
from leefbaarheidsbudget.models import Aanvraag, Budget, Kernplafond
from tests.bewonersgroepen.factories import GroepFactory, SamenwerkingsovereenkomstFactory
from tests.factories import WACHTWOORD, KernFactory, WijkFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory, RegelingFactory


def _login(client, user):
    assert client.login(username=user.email, password=WACHTWOORD)
    return client


def _csv(response) -> list[list[str]]:
    tekst = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def _aanvraag(groep, kern, *, status, jaar=2025, doorloop=None, **velden):
    """An application in a given state with the figures that state carries (set directly: these tests
    read figures; the budget app's own tests drive the same states through its services)."""
    aanvraag = AanvraagFactory(groep=groep, kern=kern, begrotingsjaar=jaar)
    if doorloop is not None:
        ingediend = datetime.datetime(2025, 3, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
        velden.update(
            ingediend_op=ingediend,
            beslistermijn_dagen=42,
            uiterste_beslisdatum=datetime.date(2025, 4, 12),  # 1 March + 42 days
            besluit_op=ingediend + datetime.timedelta(days=doorloop),
            doorlooptijd_dagen=doorloop,
        )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(status=status, **velden)
    return aanvraag


@pytest.fixture
def twee_kernen(gemeente):
    """A small world with hand-computed figures for 2025 (see the tests below).

    Breukelen: ceiling 4000, wijken of 1000 + 500 inhabitants. Loenen: no ceiling, 250 inhabitants.
    The gemeente: budget 10000, 10000 inhabitants, regeling with a term of six weeks (42 days).
    """
    breukelen = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    loenen = KernFactory(gemeente=gemeente, naam="Loenen", slug="loenen")
    WijkFactory(kern=breukelen, inwoners=1000)
    WijkFactory(kern=breukelen, inwoners=500)
    WijkFactory(kern=loenen, inwoners=250)
    gemeente.inwoners = 10000
    gemeente.save()
    budget = Budget.objects.create(gemeente=gemeente, jaar=2025, totaal=Decimal("10000.00"))
    Kernplafond.objects.create(budget=budget, kern=breukelen, plafond=Decimal("4000.00"))
    RegelingFactory(gemeente=gemeente, jaar=2025, beslistermijn_weken=6)
    # The applicant is not active any more, so it does not count among the active groups.
    groep = GroepFactory(gemeente=gemeente, kernen=[], status=Groepstatus.INACTIEF)
    S = AanvraagStatus
    # Breukelen: settled (granted 900, paid 900, settled 700, 200 paid back), granted 800, refused (late).
    _aanvraag(
        groep,
        breukelen,
        status=S.VASTGESTELD,
        doorloop=20,
        toegekend_bedrag=Decimal("900"),
        uitbetaald_bedrag=Decimal("900"),
        vastgesteld_bedrag=Decimal("700"),
        terug_te_vorderen=Decimal("200"),
        terugontvangen_op=datetime.date(2025, 9, 1),
    )
    _aanvraag(groep, breukelen, status=S.TOEGEKEND, doorloop=40, toegekend_bedrag=Decimal("800"))
    _aanvraag(groep, breukelen, status=S.AFGEWEZEN, doorloop=70)
    # Loenen: paid 500, one still open, one concept (does not count).
    _aanvraag(
        groep,
        loenen,
        status=S.UITBETAALD,
        doorloop=10,
        toegekend_bedrag=Decimal("500"),
        uitbetaald_bedrag=Decimal("500"),
    )
    _aanvraag(groep, loenen, status=S.INGEDIEND)
    _aanvraag(groep, loenen, status=S.CONCEPT)
    # Another year: not in 2025's figures.
    _aanvraag(groep, breukelen, status=S.TOEGEKEND, jaar=2024, doorloop=5, toegekend_bedrag=Decimal("300"))
    return breukelen, loenen


def test_geld_per_kern_en_totaal(client, raadslid, twee_kernen):
    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025})
    assert response.status_code == 200
    figuur = response.context["dashboard"].figuur("geld")
    breukelen, loenen = figuur.rijen
    assert breukelen.waarden == {
        "budget": Decimal("4000.00"),
        "toegekend": Decimal("1700.00"),  # 900 + 800
        "vastgelegd": Decimal("1500.00"),  # 800 granted + 700 settled
        "uitbetaald": Decimal("700.00"),  # 900 paid - 200 paid back
        "vrij": Decimal("2500.00"),
        "per_inwoner": Decimal("1.00"),  # 1500 / 1500 inhabitants
    }
    assert loenen.waarden == {
        "budget": None,  # no ceiling of its own
        "toegekend": Decimal("500.00"),
        "vastgelegd": Decimal("500.00"),
        "uitbetaald": Decimal("500.00"),
        "vrij": None,
        "per_inwoner": Decimal("2.00"),  # 500 / 250
    }
    assert figuur.totaal.waarden == {
        "budget": Decimal("10000.00"),
        "toegekend": Decimal("2200.00"),
        "vastgelegd": Decimal("2000.00"),
        "uitbetaald": Decimal("1200.00"),
        "vrij": Decimal("8000.00"),
        "per_inwoner": Decimal("0.20"),  # 2000 / 10000
    }
    assert "€ 8.000,00" in response.text


def test_geld_zonder_kern_in_eigen_rij_zodat_de_rijen_optellen(client, raadslid, twee_kernen, gemeente):
    """An application that names no kern counts in the total and gets its own row."""
    groep = GroepFactory(gemeente=gemeente, kernen=[])
    _aanvraag(groep, None, status=AanvraagStatus.TOEGEKEND, doorloop=30, toegekend_bedrag=Decimal("300"))
    figuur = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025}).context["dashboard"]
    figuur = figuur.figuur("geld")
    assert [r.label for r in figuur.rijen] == ["Breukelen", "Loenen", "Geen kern gekozen"]
    assert figuur.rijen[2].waarden == {
        "budget": None,
        "toegekend": Decimal("300.00"),
        "vastgelegd": Decimal("300.00"),
        "uitbetaald": Decimal("0.00"),
        "vrij": None,
        "per_inwoner": None,
    }
    assert figuur.totaal.waarden["toegekend"] == Decimal("2500.00")  # 1700 + 500 + 300
    for kolom in ("toegekend", "vastgelegd", "uitbetaald"):
        assert sum(r.waarden[kolom] for r in figuur.rijen) == figuur.totaal.waarden[kolom]


def test_aanvragen_per_status(client, raadslid, twee_kernen):
    figuur = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025}).context["dashboard"]
    figuur = figuur.figuur("aanvragen")
    assert "concept" not in [k.key for k in figuur.kolommen]
    breukelen, loenen = figuur.rijen
    niet_nul = lambda rij: {k: v for k, v in rij.waarden.items() if v}  # noqa: E731
    assert niet_nul(breukelen) == {"vastgesteld": 1, "toegekend": 1, "afgewezen": 1}
    assert niet_nul(loenen) == {"uitbetaald": 1, "ingediend": 1}
    assert niet_nul(figuur.totaal) == {
        "vastgesteld": 1,
        "toegekend": 1,
        "afgewezen": 1,
        "uitbetaald": 1,
        "ingediend": 1,
    }


def test_jaarbijdrage_telt_bij_het_geld_maar_niet_bij_de_aanvragen(client, raadslid, twee_kernen):
    """A jaarbijdrage is reserved against the budget (money figures), but no group applied for it: the
    count per status leaves it out and says so."""
    breukelen, _ = twee_kernen
    groep = GroepFactory(gemeente=breukelen.gemeente, kernen=[breukelen])
    overeenkomst = SamenwerkingsovereenkomstFactory(groep=groep, actief=True)
    _aanvraag(
        groep,
        breukelen,
        status=AanvraagStatus.TOEGEKEND,
        soort=Soort.JAARBIJDRAGE,
        overeenkomst=overeenkomst,
        toegekend_bedrag=Decimal("600"),
    )
    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025})
    bord = response.context["dashboard"]
    breukelen_geld = bord.figuur("geld").rijen[0]
    assert breukelen_geld.waarden["toegekend"] == Decimal("2300.00")  # 900 + 800 + the jaarbijdrage 600
    aanvragen = bord.figuur("aanvragen")
    assert aanvragen.rijen[0].waarden["toegekend"] == 1  # the grant of 800 only
    assert aanvragen.totaal.waarden["toegekend"] == 1
    assert "Jaarbijdragen uit samenwerkingsovereenkomsten ook niet" in response.text


def test_doorlooptijd_mediaan_p90_en_op_tijd(client, raadslid, twee_kernen):
    bord = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025}).context["dashboard"]
    figuur = bord.figuur("doorlooptijd")
    breukelen, loenen = figuur.rijen
    # Breukelen 20, 40, 70 days: median 40; p90 at rank 1.8: 40 + 0.8 * 30 = 64; 2 of 3 within 42 days.
    assert breukelen.waarden == {
        "aantal": 3,
        "mediaan": Decimal("40.00"),
        "p90": Decimal("64.00"),
        "termijn": 42,
        "op_tijd": Decimal("66.7"),
    }
    assert loenen.waarden == {
        "aantal": 1,
        "mediaan": Decimal("10.00"),
        "p90": Decimal("10.00"),
        "termijn": 42,
        "op_tijd": Decimal("100.0"),
    }
    # All: 10, 20, 40, 70: median 30; p90 at rank 2.7: 40 + 0.7 * 30 = 61; 3 of 4 in time.
    assert figuur.totaal.waarden == {
        "aantal": 4,
        "mediaan": Decimal("30.00"),
        "p90": Decimal("61.00"),
        "termijn": 42,
        "op_tijd": Decimal("75.0"),
    }
    assert "61 dagen" in figuur.totaalrij[1] and "75,0%" in figuur.totaalrij[1]


def test_doorlooptijd_zonder_regeling_gebruikt_de_awb_termijn(client, raadslid, gemeente):
    KernFactory(gemeente=gemeente)
    bord = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2030}).context["dashboard"]
    figuur = bord.figuur("doorlooptijd")
    assert figuur.totaal.waarden == {
        "aantal": 0,
        "mediaan": None,
        "p90": None,
        "termijn": 56,
        "op_tijd": None,
    }
    assert "acht weken" in figuur.uitleg


def test_gebieden_zonder_contactpersoon(client, raadslid, gemeente, twee_kernen):

    from django.utils import timezone

    from rollen.constants import Rol
    from tests.rollen.factories import ToewijzingFactory

    breukelen, loenen = twee_kernen
    vandaag = timezone.localdate()
    wijk_b1, wijk_b2 = breukelen.wijken.order_by("pk")
    (wijk_l,) = loenen.wijken.all()
    ToewijzingFactory(kern=breukelen, rol=Rol.ADVISEUR, van=vandaag - datetime.timedelta(days=10))
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk_b1, van=vandaag - datetime.timedelta(days=10))
    ToewijzingFactory(
        beheerder_wijk=True,
        wijk=wijk_l,
        van=vandaag - datetime.timedelta(days=10),
        tot=vandaag + datetime.timedelta(days=30),
    )
    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": vandaag.year})
    figuur = response.context["dashboard"].figuur("rollen")
    assert [(r.label, r.waarden) for r in figuur.rijen] == [
        ("Breukelen", {"zonder_adviseur": 0, "zonder_beheerder": 1, "binnenkort": 0}),
        ("Loenen", {"zonder_adviseur": 1, "zonder_beheerder": 0, "binnenkort": 1}),
    ]
    assert figuur.totaal.waarden == {"zonder_adviseur": 1, "zonder_beheerder": 1, "binnenkort": 1}


# --- fixed number of queries ------------------------------------------------------------------

PAGINAS = [
    ("raad:dashboard", {}),
    ("raad:dashboard_csv", {}),
    ("raad:dashboard_xlsx", {}),
    ("raad:kaart", {"maat": "geld.vrij"}),
    ("raad:transparantie", {"gemeente": "stichtse-vecht"}),
    ("raad:transparantie_csv", {"gemeente": "stichtse-vecht"}),
    ("raad:transparantie_xlsx", {"gemeente": "stichtse-vecht"}),
]


def _vul(gemeente, aantal_kernen: int, jaar: int):
    """More kernen, wijken, ceilings, assignments, applications and groups: the data the figures read."""

    from rollen.constants import Rol
    from tests.rollen.factories import ToewijzingFactory

    budget, _ = Budget.objects.get_or_create(
        gemeente=gemeente, jaar=jaar, defaults={"totaal": Decimal("100000")}
    )
    for _ in range(aantal_kernen):
        kern = KernFactory(gemeente=gemeente, grens={"type": "Point", "coordinates": [5.0, 52.1]})
        wijk = WijkFactory(kern=kern)
        WijkFactory(kern=kern)
        Kernplafond.objects.create(budget=budget, kern=kern, plafond=Decimal("1000"))
        ToewijzingFactory(kern=kern, rol=Rol.ADVISEUR, van=datetime.date(jaar, 1, 1))
        ToewijzingFactory(beheerder_wijk=True, wijk=wijk, van=datetime.date(jaar, 1, 1))
        groep = GroepFactory(gemeente=gemeente, bewonersgroep=True, kernen=[kern])
        GroepFactory(gemeente=gemeente, kernen=[], wijken=[wijk])
        SamenwerkingsovereenkomstFactory(groep=groep, actief=True)
        _aanvraag(
            groep,
            kern,
            status=AanvraagStatus.TOEGEKEND,
            jaar=jaar,
            doorloop=30,
            toegekend_bedrag=Decimal("100"),
        )
        _aanvraag(groep, kern, status=AanvraagStatus.INGEDIEND, jaar=jaar)
        _meldingen(gemeente, kern, wijk, jaar)


def _meldingen(gemeente, kern, wijk, jaar):
    """Meldingen of the year in the kern and its wijk: handled (rated or not), open, a duplicate."""
    from meldingen.constants import MeldingStatus
    from tests.meldingen.factories import MeldingFactory, SubcategorieFactory

    categorie = SubcategorieFactory(gemeente=gemeente)
    gemeld = datetime.datetime(jaar, 1, 6, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))
    velden = {"gemeente": gemeente, "categorie": categorie, "gemeld_op": gemeld, "kern": kern}
    klaar = {"status": MeldingStatus.AFGEHANDELD, "gesloten_op": gemeld + datetime.timedelta(days=3)}
    hoofd = MeldingFactory(**velden, **klaar, wijk=wijk, tevredenheid=4)
    MeldingFactory(**velden, **klaar)
    MeldingFactory(**velden, **klaar, wijk=wijk, hoofdmelding=hoofd)
    MeldingFactory(**velden, wijk=wijk)


@pytest.mark.parametrize(("naam", "params"), PAGINAS)
def test_vast_aantal_queries(client, raadslid, gemeente, naam, params):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    jaar = timezone.localdate().year
    _login(client, raadslid)
    url = reverse(naam)

    def tel():
        cache.clear()  # the figures built anew, as when the cached ones have expired
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {**params, "jaar": jaar})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _vul(gemeente, 2, jaar)
    klein = tel()
    # Issue 17: at most 15 per page, the figures built anew (15 on the dashboard with the meldingen
    # figures, on either database: each percentile figure is one query).
    assert klein <= 15
    _vul(gemeente, 8, jaar)
    assert tel() == klein


# --- CSV, map, public page, no JavaScript needed ---------------------------------------------


def test_csv_bevat_dezelfde_cijfers_als_de_tabel(client, raadslid, twee_kernen):
    _login(client, raadslid)
    response = client.get(reverse("raad:dashboard_csv"), {"jaar": 2025, "figuur": "geld"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="stichtse-vecht-2025-geld.csv"' in response["Content-Disposition"]
    rijen = _csv(response)
    assert rijen[0] == ["Leefbaarheidsbudget"]
    assert rijen[1] == [
        "Kern",
        "Budget (euro)",
        "Toegekend (euro)",
        "Vastgelegd (euro)",
        "Uitbetaald (euro)",
        "Vrij (euro)",
        "Vastgelegd per inwoner (euro)",
    ]
    assert rijen[2] == ["Breukelen", "4000,00", "1700,00", "1500,00", "700,00", "2500,00", "1,00"]
    assert rijen[3] == ["Loenen", "", "500,00", "500,00", "500,00", "", "2,00"]
    assert rijen[4] == [
        "Totaal Stichtse Vecht",
        "10000,00",
        "2200,00",
        "2000,00",
        "1200,00",
        "8000,00",
        "0,20",
    ]
    alles = _csv(client.get(reverse("raad:dashboard_csv"), {"jaar": 2025}))
    assert ["Leefbaarheidsbudget"] in alles and ["Gebieden zonder vaste contactpersoon"] in alles
    assert (
        client.get(reverse("raad:dashboard_csv"), {"jaar": 2025, "figuur": "bestaat-niet"}).status_code == 404
    )


def test_csv_zet_geen_formules_in_de_spreadsheet(client, raadslid, twee_kernen, gemeente):
    """OWASP CSV injection: a kern's name is text in the spreadsheet, the amounts stay numbers."""
    Kern.objects.filter(naam="Breukelen").update(naam='=HYPERLINK("http://x","y")')
    _login(client, raadslid)
    rijen = _csv(client.get(reverse("raad:dashboard_csv"), {"jaar": 2025, "figuur": "geld"}))
    assert rijen[2] == [
        '\'=HYPERLINK("http://x","y")',
        "4000,00",
        "1700,00",
        "1500,00",
        "700,00",
        "2500,00",
        "1,00",
    ]
    openbaar = _csv(client.get(reverse("raad:transparantie_csv"), {"gemeente": gemeente.slug, "jaar": 2025}))
    namen = {rij[0] for rij in openbaar if rij}
    assert '\'=HYPERLINK("http://x","y")' in namen and '=HYPERLINK("http://x","y")' not in namen


def _xlsx(response):
    from openpyxl import load_workbook

    from invoer.spreadsheet import XLSX_INHOUDTYPE

    assert response.status_code == 200 and response["Content-Type"] == XLSX_INHOUDTYPE
    return load_workbook(io.BytesIO(response.content))


def test_xlsx_heeft_dezelfde_rijen_als_de_csv_met_getypte_cellen(client, raadslid, twee_kernen):
    from invoer.spreadsheet import EURO_OPMAAK

    _login(client, raadslid)
    response = client.get(reverse("raad:dashboard_xlsx"), {"jaar": 2025, "figuur": "geld"})
    assert 'filename="stichtse-vecht-2025-geld.xlsx"' in response["Content-Disposition"]
    boek = _xlsx(response)
    assert boek.sheetnames == ["Leefbaarheidsbudget"]
    blad = boek.active
    rijen = list(blad.iter_rows())
    assert [c.value for c in rijen[0]] == _csv(
        client.get(reverse("raad:dashboard_csv"), {"jaar": 2025, "figuur": "geld"})
    )[1]
    assert all(c.font.b for c in rijen[0]) and blad.freeze_panes == "A2"
    assert [c.value for c in rijen[1]] == ["Breukelen", 4000, 1700, 1500, 700, 2500, 1]
    assert [c.value for c in rijen[2]] == ["Loenen", None, 500, 500, 500, None, 2]
    assert [c.value for c in rijen[3]][:2] == ["Totaal Stichtse Vecht", 10000]
    assert rijen[3][6].value == 0.2  # rounded to cents, as in the CSV
    for cel in rijen[1][1:]:  # money: numbers with the euro format
        assert cel.data_type == "n" and cel.number_format == EURO_OPMAAK
    # Every figure on a sheet of its own, the same rows as in the CSV (the title there is the sheet's name).
    alles = _xlsx(client.get(reverse("raad:dashboard_xlsx"), {"jaar": 2025}))
    figuren = client.get(reverse("raad:dashboard"), {"jaar": 2025}).context["dashboard"].figuren
    assert len(alles.sheetnames) == len(figuren) and "Leefbaarheidsbudget" in alles.sheetnames
    csv_rijen = _csv(client.get(reverse("raad:dashboard_csv"), {"jaar": 2025}))
    assert sum(blad.max_row for blad in alles.worksheets) == len(csv_rijen) - 2 * len(figuren) + 1
    assert (
        client.get(reverse("raad:dashboard_xlsx"), {"jaar": 2025, "figuur": "bestaat-niet"}).status_code
        == 404
    )


def test_xlsx_zet_geen_formules_in_de_spreadsheet(client, raadslid, twee_kernen, gemeente):
    Kern.objects.filter(naam="Breukelen").update(naam='=HYPERLINK("http://x","y")')
    _login(client, raadslid)
    blad = _xlsx(client.get(reverse("raad:dashboard_xlsx"), {"jaar": 2025, "figuur": "geld"})).active
    cel = blad["A2"]
    assert cel.value == '\'=HYPERLINK("http://x","y")' and cel.data_type == "s"
    openbaar = _xlsx(
        client.get(reverse("raad:transparantie_xlsx"), {"gemeente": gemeente.slug, "jaar": 2025})
    )
    namen = {rij[0].value for blad in openbaar.worksheets for rij in blad.iter_rows()}
    assert '\'=HYPERLINK("http://x","y")' in namen and '=HYPERLINK("http://x","y")' not in namen


def test_xlsx_van_het_dashboard_alleen_voor_wie_het_dashboard_ziet(client, raadslid, twee_kernen, groepslid):
    from django.conf import settings
    from django.shortcuts import resolve_url

    url = reverse("raad:dashboard_xlsx")
    response = client.get(url, {"jaar": 2025})
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(groepslid)
    assert client.get(url, {"jaar": 2025}).status_code == 403
    # The open figures are public, as their CSV.
    client.logout()
    assert client.get(reverse("raad:transparantie_xlsx"), {"jaar": 2025}).status_code == 200


def test_csv_en_tabel_en_grafiek_tonen_dezelfde_cijfers_bij_elke_figuur(client, raadslid, twee_kernen):
    """For every figure: the CSV has the rows and columns of the page's table, and the chart the same
    kernen and values (the chart leaves out the total and the columns marked in_grafiek=False)."""
    from invoer.spreadsheet import cel as csv_cel
    from raad.figuren import csv_waarde

    _login(client, raadslid)
    response = client.get(reverse("raad:dashboard"), {"jaar": 2025})
    for figuur in response.context["dashboard"].figuren:
        rijen = _csv(client.get(reverse("raad:dashboard_csv"), {"jaar": 2025, "figuur": figuur.key}))
        assert rijen[0] == [figuur.titel]
        assert len(rijen[1]) == len(figuur.kolommen) + 1
        alle = figuur.rijen + [figuur.totaal]
        assert [r[0] for r in rijen[2:]] == [r.label for r in alle]
        for csv_rij, rij in zip(rijen[2:], alle, strict=True):
            assert csv_rij[1:] == [
                csv_cel(csv_waarde(rij.waarden.get(k.key), k.soort)) for k in figuur.kolommen
            ]
        # The page's table shows the same rows, formatted.
        for label, cellen in figuur.tabel + [figuur.totaalrij]:
            assert f'<th scope="row">{label}</th>' in response.text
            for cel in cellen:
                assert f'<td class="text-end">{cel}</td>' in response.text
        grafiek = figuur.grafiek()
        assert grafiek["labels"] == [r.label for r in figuur.rijen]
        for reeks in grafiek["reeksen"]:
            kolom = next(k for k in figuur.kolommen if k.label == reeks["label"])
            assert reeks["data"] == [
                None if r.waarden.get(kolom.key) is None else float(r.waarden[kolom.key])
                for r in figuur.rijen
            ]


def test_dashboard_werkt_zonder_javascript(client, raadslid, twee_kernen):
    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025})
    tekst = response.text
    # Every figure is a real table with caption and scopes, plus its chart data as JSON (not code).
    figuren = response.context["dashboard"].figuren
    assert [f.key for f in figuren] == [
        "geld",
        "aanvragen",
        "doorlooptijd",
        "groepen",
        "overeenkomsten",
        "rollen",
        "meldingen",
        "meldingen_afhandeling",
        "meldingen_wijken",
    ]
    assert tekst.count('<caption id="tabel-figuur-') == len(figuren)
    for figuur in figuren:
        # A figure without rows (no melding in a wijk this year) has its table and its empty message only.
        heeft_grafiek = f'<script id="grafiek-{figuur.key}" type="application/json">' in tekst
        assert heeft_grafiek == bool(figuur.rijen)
    assert "Er is in dit jaar nog niets gemeld in een wijk." in tekst
    assert '<th scope="row">Breukelen</th>' in tekst
    assert '<script id="grafiek-geld" type="application/json">' in tekst
    assert "figuur=geld" in tekst and "download" in tekst


def test_ander_jaar_en_andere_gemeente(client, raadslid, twee_kernen, andere_gemeente):
    _login(client, raadslid)
    response = client.get(reverse("raad:dashboard"), {"jaar": 2024})
    assert response.context["dashboard"].figuur("geld").totaal.waarden["budget"] is None  # no budget in 2024
    assert 2025 in response.context["jaren"]
    # The chooser offers the years with figures and the chosen one, selected.
    assert '<option value="2024" selected>2024</option>' in response.text
    assert '<option value="2025">2025</option>' in response.text
    assert client.get(reverse("raad:dashboard"), {"gemeente": andere_gemeente.slug}).status_code == 404
    assert client.get(reverse("raad:dashboard"), {"jaar": "onzin"}).status_code == 200


def test_kaart_zonder_grenzen_toont_alleen_de_tabel(client, raadslid, twee_kernen):
    tekst = _login(client, raadslid).get(reverse("raad:kaart"), {"jaar": 2025, "maat": "geld.vrij"}).text
    assert "geen grenzen bekend" in tekst
    assert 'id="raad-kaart"' not in tekst and "leaflet" not in tekst
    assert '<th scope="row"><a href="/gebieden/stichtse-vecht/breukelen/">Breukelen</a></th>' in tekst
    assert "€ 2.500,00" in tekst


def test_kiezer_van_de_kaart_toont_wat_gekozen_is(client, raadslid, twee_kernen):
    """One gemeente to read: it goes along unseen; the year and the figure to colour by are selects with the
    chosen option selected, each with its label; an unknown figure falls back to the first."""
    _login(client, raadslid)
    tekst = client.get(reverse("raad:kaart"), {"jaar": 2025, "maat": "geld.vrij"}).text
    assert f'<input type="hidden" name="gemeente" value="{raadslid.gemeente.slug}">' in tekst
    assert '<label for="keuze-jaar" class="form-label">Jaar</label>' in tekst
    assert '<option value="2025" selected>2025</option>' in tekst
    assert '<label for="keuze-maat" class="form-label">Kleur de kernen naar</label>' in tekst
    assert '<option value="geld.vrij" selected>' in tekst
    onbekend = client.get(reverse("raad:kaart"), {"jaar": 2025, "maat": "onzin"})
    assert f'<option value="{onbekend.context["kaart"].maat}" selected>' in onbekend.text
    # The dashboard has no figure to colour by.
    assert 'name="maat"' not in client.get(reverse("raad:dashboard")).text


def test_kaart_met_grenzen_kleurt_de_kernen(client, raadslid, twee_kernen, settings):
    import json

    settings.MAP_TILE_URL = "https://tegels.example/{z}/{x}/{y}.png"
    breukelen, loenen = twee_kernen
    vierkant = {"type": "Polygon", "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.1]]]}
    grens_opslaan(breukelen, vierkant)
    response = _login(client, raadslid).get(reverse("raad:kaart"), {"jaar": 2025, "maat": "geld.vrij"})
    tekst = response.text
    assert 'id="raad-kaart"' in tekst
    assert "vendor/leaflet/leaflet.js" in tekst and "js/raad.js" in tekst
    begin = tekst.index('<script id="kaart-data" type="application/json">') + len(
        '<script id="kaart-data" type="application/json">'
    )
    data = json.loads(tekst[begin : tekst.index("</script>", begin)])
    assert data["tegels"] == "https://tegels.example/{z}/{x}/{y}.png"
    assert [k["naam"] for k in data["kernen"]] == ["Breukelen"]  # only kernen with a boundary
    assert data["kernen"][0]["grens"] == vierkant
    assert data["kernen"][0]["tekst"] == "€ 2.500,00"
    # The table still lists every kern, and says what each colour means without relying on colour.
    assert "Loenen" in tekst and "Onbekend (grijs)" in tekst and "(geen grens bekend)" in tekst
    assert (
        "De achtergrondkaart kan niet worden geladen" in tekst
    )  # hidden message the script shows on tile errors


def test_standaard_achtergrondkaart_is_die_van_de_overheid(settings):
    """MAP_TILE_URL is a setting; without it the map uses PDOK's public base map (BRT achtergrondkaart),
    and the Content Security Policy allows exactly that tile host for images."""
    import json
    import os
    import subprocess
    import sys

    code = (
        # A developer's .env must not decide the default under test.
        "import environ; environ.Env.read_env = staticmethod(lambda *a, **k: None); "
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.MAP_TILE_URL, settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    omgeving = {k: v for k, v in os.environ.items() if k != "MAP_TILE_URL"}
    omgeving["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    draai = {"env": omgeving, "cwd": settings.BASE_DIR, "capture_output": True, "text": True, "check": True}
    uit = subprocess.run([sys.executable, "-c", code], **draai)
    url, img_src = json.loads(uit.stdout.strip().splitlines()[-1])
    assert url.startswith("https://service.pdok.nl/brt/achtergrondkaart/") and "{z}/{x}/{y}" in url
    assert "https://service.pdok.nl" in img_src
    omgeving["MAP_TILE_URL"] = "https://tegels.gemeente.example/{z}/{x}/{y}.png"
    uit = subprocess.run([sys.executable, "-c", code], **draai)
    url, img_src = json.loads(uit.stdout.strip().splitlines()[-1])
    assert url == "https://tegels.gemeente.example/{z}/{x}/{y}.png"
    assert "https://tegels.gemeente.example" in img_src


def test_kaart_klassen(raadslid, gemeente):
    from raad import selectors

    for naam, inwoners in [("A", 100), ("B", 200), ("C", 600)]:
        kern = KernFactory(gemeente=gemeente, naam=naam, inwoners=inwoners)
        WijkFactory(kern=kern)
    budget = Budget.objects.create(
        gemeente=gemeente, jaar=2025, totaal=Decimal("3000"), vastgelegd=Decimal("0")
    )
    for kern, plafond in zip(selectors.dashboard_kernen(gemeente), ["0", "500", "1000"], strict=True):
        Kernplafond.objects.create(budget=budget, kern=kern, plafond=Decimal(plafond))
    kaart = selectors.kaart(selectors.dashboard(gemeente, 2025), "geld.budget")
    assert [k.klasse for k in kaart.kernen] == [0, 2, 4]  # 0, 500 and 1000 in five equal steps of 200
    assert kaart.klassen[0] == "€ 0,00 tot en met € 200,00"


def test_openbare_pagina_zonder_inloggen(client, twee_kernen, gemeente):
    response = client.get(reverse("raad:transparantie"), {"gemeente": gemeente.slug, "jaar": 2025})
    assert response.status_code == 200
    assert "€ 10.000,00" in response.text
    assert [f.key for f in response.context["dashboard"].figuren] == [
        "geld",
        "groepen",
        "meldingen",
        "meldingen_afhandeling",
        "meldingen_wijken",
    ]
    assert client.get(reverse("raad:transparantie"), {"gemeente": "bestaat-niet"}).status_code == 404
    rijen = _csv(client.get(reverse("raad:transparantie_csv"), {"gemeente": gemeente.slug, "jaar": 2025}))
    assert ["Totaal Stichtse Vecht", "10000,00", "2200,00", "2000,00", "1200,00", "8000,00", "0,20"] in rijen


def test_groepen_en_overeenkomsten_per_kern(client, raadslid, gemeente, andere_gemeente, twee_kernen):

    from django.utils import timezone

    breukelen, loenen = twee_kernen
    wijk_b1 = breukelen.wijken.order_by("pk").first()
    (wijk_l,) = loenen.wijken.all()
    vandaag = timezone.localdate()
    g1 = GroepFactory(gemeente=gemeente, bewonersgroep=True, kernen=[breukelen])
    GroepFactory(gemeente=gemeente, kernen=[breukelen], wijken=[wijk_b1])  # both links: counts once
    GroepFactory(gemeente=gemeente, kernen=[], wijken=[wijk_l])  # via its wijk
    GroepFactory(gemeente=gemeente, kernen=[breukelen, loenen])  # in both kernen, once in the total
    GroepFactory(gemeente=gemeente, kernen=[loenen], aangemeld=True)  # not active
    GroepFactory(gemeente=gemeente, kernen=[], themacommissie=True)  # no area: only in the total
    GroepFactory(gemeente=andere_gemeente, bewonersgroep=True, kernen=[])  # elsewhere
    g8 = GroepFactory(gemeente=gemeente, bewonersgroep=True, kernen=[], wijken=[wijk_l])
    SamenwerkingsovereenkomstFactory(groep=g1, actief=True, einddatum=vandaag + datetime.timedelta(days=400))
    SamenwerkingsovereenkomstFactory(groep=g8, actief=True, einddatum=vandaag + datetime.timedelta(days=30))
    SamenwerkingsovereenkomstFactory(groep=g8, einddatum=vandaag + datetime.timedelta(days=30))  # concept

    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025})
    groepen = response.context["dashboard"].figuur("groepen")
    assert [(r.label, r.waarden) for r in groepen.rijen] == [
        (
            "Breukelen",
            {"bewonersgroep": 1, "projectcommissie": 0, "activiteitencommissie": 2, "themacommissie": 0},
        ),
        (
            "Loenen",
            {"bewonersgroep": 1, "projectcommissie": 0, "activiteitencommissie": 2, "themacommissie": 0},
        ),
    ]
    assert groepen.totaal.waarden == {
        "bewonersgroep": 2,
        "projectcommissie": 0,
        "activiteitencommissie": 3,
        "themacommissie": 1,
    }
    overeenkomsten = response.context["dashboard"].figuur("overeenkomsten")
    assert [(r.label, r.waarden) for r in overeenkomsten.rijen] == [
        ("Breukelen", {"actief": 1, "verlopend": 0}),
        ("Loenen", {"actief": 1, "verlopend": 1}),
    ]
    assert overeenkomsten.totaal.waarden == {"actief": 2, "verlopend": 1}
    # The public page shows the group counts, never a group's or a member's name.
    openbaar = client.get(reverse("raad:transparantie"), {"gemeente": gemeente.slug, "jaar": 2025})
    assert openbaar.context["dashboard"].figuur("groepen").totaal.waarden["activiteitencommissie"] == 3
    assert g1.naam not in openbaar.text and g1.email not in openbaar.text
