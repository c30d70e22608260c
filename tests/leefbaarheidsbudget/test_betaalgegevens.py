"""A decision and a payment record the group's IBAN and account name of that moment; the export shows the
recorded IBAN; a letter is made once and a later download gives the same bytes."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bewonersgroepen import services as groepsdiensten
from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag

from .conftest import JAAR
from .factories import AanvraagFactory

IBAN_OUD = "NL91ABNA0417164300"
IBAN_NIEUW = "NL44RABO0123456789"


@pytest.fixture
def groep_met_iban(groep):
    groep.iban = IBAN_OUD
    groep.tenaamstelling = "Stichting Breukelen Actief"
    groep.save()
    return groep


def iban_wijzigen(groep, *, voorgesteld_door, bevestigd_door, iban=IBAN_NIEUW):
    wijziging = groepsdiensten.betaalgegevens_voorstellen(
        groep=groep, door=voorgesteld_door, iban=iban, tenaamstelling="Vereniging Nieuw"
    )
    groepsdiensten.betaalgegevens_bevestigen(wijziging=wijziging, door=bevestigd_door)
    groep.refresh_from_db()
    assert groep.iban == iban


def betalen(aanvraag, door):
    return services.betaling_registreren(aanvraag=aanvraag, door=door, betaald_op=timezone.localdate())


def download(client, naam, aanvraag) -> bytes:
    response = client.get(reverse(f"leefbaarheidsbudget:{naam}", args=[aanvraag.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def tekst(inhoud: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())


def test_besluit_en_betaling_houden_het_iban_van_dat_moment(
    groep_met_iban, aanvraag, flow, medewerker, collega
):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    assert (aanvraag.besluit_iban, aanvraag.besluit_tenaamstelling) == (
        IBAN_OUD,
        "Stichting Breukelen Actief",
    )
    iban_wijzigen(groep_met_iban, voorgesteld_door=medewerker, bevestigd_door=collega)
    aanvraag = betalen(aanvraag, collega)  # paid after the change: to the new account
    assert (aanvraag.besluit_iban, aanvraag.betaling_iban, aanvraag.betaling_tenaamstelling) == (
        IBAN_OUD,
        IBAN_NIEUW,
        "Vereniging Nieuw",
    )

    iban_wijzigen(groep_met_iban, voorgesteld_door=collega, bevestigd_door=medewerker, iban=IBAN_OUD)
    aanvraag.refresh_from_db()
    assert (aanvraag.besluit_iban, aanvraag.betaling_iban) == (IBAN_OUD, IBAN_NIEUW)


def test_afwijzing_legt_het_iban_ook_vast(groep_met_iban, aanvraag, flow, medewerker, collega):
    aanvraag = flow(aanvraag, Status.AFGEWEZEN)
    iban_wijzigen(groep_met_iban, voorgesteld_door=medewerker, bevestigd_door=collega)
    aanvraag.refresh_from_db()
    assert aanvraag.besluit_iban == IBAN_OUD and aanvraag.betaling_iban == ""


def test_een_voorgesteld_iban_telt_nog_niet(groep_met_iban, aanvraag, flow, medewerker):
    groepsdiensten.betaalgegevens_voorstellen(groep=groep_met_iban, door=medewerker, iban=IBAN_NIEUW)
    aanvraag = flow(aanvraag, Status.UITBETAALD)
    assert (aanvraag.besluit_iban, aanvraag.betaling_iban) == (IBAN_OUD, IBAN_OUD)


def test_export_toont_het_vastgelegde_iban(client, groep_met_iban, kern, flow, medewerker, collega, budget):
    betaald = flow(AanvraagFactory(groep=groep_met_iban, kern=kern, titel="Betaald"), Status.UITBETAALD)
    toegekend = flow(AanvraagFactory(groep=groep_met_iban, kern=kern, titel="Toegekend"), Status.TOEGEKEND)
    iban_wijzigen(groep_met_iban, voorgesteld_door=medewerker, bevestigd_door=collega)
    betalen(toegekend, collega)  # paid after the change
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:export", args=[JAAR]))
    inhoud = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rijen = {r["titel"]: r for r in csv.DictReader(io.StringIO(inhoud), delimiter=";")}
    assert rijen["Betaald"]["iban"] == IBAN_OUD
    assert rijen["Toegekend"]["iban"] == IBAN_NIEUW
    assert betaald.betaling_iban == IBAN_OUD


def test_beschikking_blijft_dezelfde_na_nieuwe_naam_en_iban(
    client, groep_met_iban, aanvraag, flow, lid, medewerker, collega
):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    assert aanvraag.beschikking_pdf  # made with the decision
    client.force_login(lid)
    eerst = download(client, "beschikking", aanvraag)
    assert "Beste Activiteitencommissie Breukelen" in tekst(eerst)

    groepsdiensten.groep_bijwerken(groep=groep_met_iban, door=medewerker, naam="Heel Andere Naam")
    iban_wijzigen(groep_met_iban, voorgesteld_door=medewerker, bevestigd_door=collega)
    assert download(client, "beschikking", aanvraag) == eerst
    client.force_login(medewerker)
    assert download(client, "beschikking", aanvraag) == eerst


def test_vaststelling_blijft_dezelfde_na_nieuwe_naam(client, groep_met_iban, aanvraag, flow, lid, medewerker):
    aanvraag = flow(aanvraag, Status.VASTGESTELD)
    assert aanvraag.vaststelling_pdf
    client.force_login(lid)
    eerst = download(client, "vaststelling", aanvraag)
    groepsdiensten.groep_bijwerken(groep=groep_met_iban, door=medewerker, naam="Heel Andere Naam")
    assert download(client, "vaststelling", aanvraag) == eerst


def test_oude_beschikking_zonder_brief_wordt_bij_eerste_download_gemaakt_en_bewaard(
    client, groep_met_iban, kern, lid, medewerker, ander_lid
):
    """Decided before letters were stored: made on the first download, the same ever after."""
    aanvraag = AanvraagFactory(
        groep=groep_met_iban,
        kern=kern,
        status=Status.AFGEWEZEN,
        ingediend_op=timezone.now(),
        besluit_op=timezone.now(),
        motivering="Past niet in de regeling.",
    )
    assert not aanvraag.beschikking_pdf
    client.force_login(ander_lid)  # refused: nothing is made
    assert client.get(reverse("leefbaarheidsbudget:beschikking", args=[aanvraag.pk])).status_code == 404
    assert not Aanvraag.objects.get(pk=aanvraag.pk).beschikking_pdf

    client.force_login(lid)
    eerst = download(client, "beschikking", aanvraag)
    assert Aanvraag.objects.get(pk=aanvraag.pk).beschikking_pdf
    groepsdiensten.groep_bijwerken(groep=groep_met_iban, door=medewerker, naam="Heel Andere Naam")
    assert download(client, "beschikking", aanvraag) == eerst
