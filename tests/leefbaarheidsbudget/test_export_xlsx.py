"""Finance's export as XLSX beside the CSV: the same rows (`selectors.exportrijen`), typed cells, no formulas,
the same permission, a fixed number of queries."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from invoer.spreadsheet import EURO_OPMAAK, XLSX_INHOUDTYPE
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.selectors import EXPORT_KOLOMMEN
from tests.factories import UserFactory

from .conftest import JAAR
from .factories import AanvraagFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def _blad(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_INHOUDTYPE
    assert f'filename="leefbaarheidsbudget-{JAAR}.xlsx"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    return load_workbook(io.BytesIO(response.content)).active


def _csv(client):
    inhoud = b"".join(client.get(reverse("leefbaarheidsbudget:export", args=[JAAR])).streaming_content)
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8").lstrip("\ufeff")), delimiter=";"))


def test_xlsx_heeft_de_kop_getypte_cellen_en_dezelfde_rijen_als_de_csv(
    client, groep, kern, flow, medewerker, budget
):
    groep.iban = "NL91ABNA0417164300"
    groep.save()
    betaald = flow(AanvraagFactory(groep=groep, kern=kern, titel="Buurtfeest"), Status.UITBETAALD)
    flow(AanvraagFactory(groep=groep, kern=kern, titel="Afgewezen plan"), Status.AFGEWEZEN)
    AanvraagFactory(groep=groep, kern=kern, titel="Nog een concept")  # concepts are not exported
    client.force_login(medewerker)
    blad = _blad(client.get(reverse("leefbaarheidsbudget:export_xlsx", args=[JAAR])))
    rijen = [[c for c in rij] for rij in blad.iter_rows()]
    kop = [c.value for c in rijen[0]]
    assert kop == EXPORT_KOLOMMEN and all(c.font.b for c in rijen[0])
    assert blad.freeze_panes == "A2"
    eerste = dict(zip(kop, rijen[1], strict=True))
    assert eerste["titel"].value == "Buurtfeest" and eerste["titel"].data_type == "s"
    # Money: a number with a euro format, not text.
    assert eerste["toegekend_bedrag"].value == 900 and eerste["toegekend_bedrag"].data_type == "n"
    assert eerste["toegekend_bedrag"].number_format == EURO_OPMAAK
    # Dates: date cells, shown as dd-mm-jjjj; the day here, not in UTC.
    assert eerste["uitbetaald_op"].is_date and eerste["uitbetaald_op"].number_format == "dd-mm-yyyy"
    assert eerste["uitbetaald_op"].value.date() == VANDAAG
    assert eerste["ingediend_op"].value.date() == timezone.localdate(betaald.ingediend_op)
    assert eerste["iban"].value == betaald.uitbetaalrekening == "NL91ABNA0417164300"
    # An empty amount is an empty cell, not 0 or "".
    assert eerste["vastgesteld_bedrag"].value is None
    totaal = dict(zip(kop, rijen[-1], strict=True))
    assert totaal["kenmerk"].value == "Totaal" and totaal["gevraagd_bedrag"].value == 1800
    assert totaal["gevraagd_bedrag"].number_format == EURO_OPMAAK
    # The same rows and cells as the CSV: one selector, two renderers.
    csv_rijen = _csv(client)
    assert len(csv_rijen) == len(rijen) == 4
    assert [r[0] for r in csv_rijen] == [r[0].value for r in rijen]
    assert csv_rijen[1][kop.index("toegekend_bedrag")] == "900,00"
    assert csv_rijen[1][kop.index("uitbetaald_op")] == VANDAAG.strftime("%d-%m-%Y")


def test_xlsx_zet_geen_formules_in_de_spreadsheet(client, groep, kern, flow, medewerker, budget):
    """As the CSV: what members typed is text with the same leading apostrophe, never a formula."""
    groep.naam = '=HYPERLINK("http://x","y")'
    groep.save()
    titels = ["+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "\tTab", "\rRegel", "Stuur\x01teken"]
    for titel in titels:
        flow(AanvraagFactory(groep=groep, kern=kern, titel=titel), Status.INGEDIEND)
    client.force_login(medewerker)
    blad = _blad(client.get(reverse("leefbaarheidsbudget:export_xlsx", args=[JAAR])))
    kop = [c.value for c in next(blad.iter_rows())]
    rijen = [dict(zip(kop, rij, strict=True)) for rij in list(blad.iter_rows())[1:-1]]
    for rij in rijen:
        assert rij["titel"].data_type == "s" and rij["groep"].data_type == "s"
    assert sorted(r["titel"].value for r in rijen) == sorted(
        ["'+cmd|' /C calc'!A0", "'@SUM(1)", "'-2+3", "'\tTab", "'\rRegel", "Stuurteken"]
    )
    assert {r["groep"].value for r in rijen} == {"'" + groep.naam}
    assert {r["gevraagd_bedrag"].value for r in rijen} == {Decimal("900")}


@pytest.mark.parametrize("naam", ["leefbaarheidsbudget:export", "leefbaarheidsbudget:export_xlsx"])
def test_alleen_wie_mag_exporteren_krijgt_het_bestand(client, lid, groep, budget, naam):
    url = reverse(naam, args=[JAAR])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(lid)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(raadslid=True, gemeente=groep.gemeente))
    assert client.get(url).status_code == 403


def test_xlsx_van_een_andere_gemeente_blijft_buiten(client, groep, kern, flow, medewerker_elders, budget):
    flow(AanvraagFactory(groep=groep, kern=kern), Status.INGEDIEND)
    client.force_login(medewerker_elders)
    blad = _blad(client.get(reverse("leefbaarheidsbudget:export_xlsx", args=[JAAR])))
    assert [r[0].value for r in blad.iter_rows()] == ["kenmerk", "Totaal"]


def test_xlsx_vast_aantal_queries(client, groep, kern, flow, medewerker, budget):
    client.force_login(medewerker)
    url = reverse("leefbaarheidsbudget:export_xlsx", args=[JAAR])

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    flow(AanvraagFactory(groep=groep, kern=kern), Status.INGEDIEND)
    klein = tel()
    for dag in range(5):
        aanvraag = AanvraagFactory(
            groep=groep, kern=kern, datum_van=VANDAAG + datetime.timedelta(days=60 + dag)
        )
        flow(aanvraag, Status.TOEGEKEND)
    assert tel() == klein
    assert klein <= 6  # session, user and its device, the rows in one query
