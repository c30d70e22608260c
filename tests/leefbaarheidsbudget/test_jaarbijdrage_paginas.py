"""The jaarbijdrage on the pages: the agreement's schedule (staff reserve a due year), the group's page
(paid and to come, what to do next, the IBAN question) and finance's Te betalen (the no-IBAN flag)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)
from tests.factories import UserFactory

from .conftest import JAAR, naar_status
from .factories import AanvraagFactory

pytestmark = pytest.mark.django_db
MIJN_WERK = reverse("portaal:mijn_werk")


@pytest.fixture
def dorpsraad(gemeente, kern):
    return GroepFactory(
        gemeente=gemeente,
        kernen=[kern],
        bewonersgroep=True,
        naam="Dorpsraad Breukelen",
        iban="NL91ABNA0417164300",
    )


@pytest.fixture
def bestuurslid(dorpsraad):
    return LidmaatschapFactory(groep=dorpsraad, gebruiker=UserFactory(groepslid=True)).gebruiker


@pytest.fixture
def overeenkomst(dorpsraad):
    return SamenwerkingsovereenkomstFactory(
        groep=dorpsraad,
        actief=True,
        startdatum=datetime.date(JAAR - 1, 7, 1),
        einddatum=datetime.date(JAAR + 1, 12, 31),
        jaarbijdrage=Decimal("2000.00"),
    )


def _tekst(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.text)


def test_overeenkomst_toont_schema_en_medewerker_legt_vast(client, overeenkomst, budget, medewerker):
    tekst = _tekst(client, medewerker, overeenkomst.get_absolute_url())
    assert "Jaarbijdrage" in tekst and "Gepland" in tekst
    assert "naar rato" in tekst  # the first half year
    url = reverse("leefbaarheidsbudget:jaarbijdrage_vastleggen", args=[overeenkomst.pk, JAAR])
    assert url in tekst
    # The year before has no budget: no button, the text says why; a POST all the same is refused with it.
    vorig = reverse("leefbaarheidsbudget:jaarbijdrage_vastleggen", args=[overeenkomst.pk, JAAR - 1])
    assert vorig not in tekst
    assert f"het leefbaarheidsbudget {JAAR - 1} staat niet in het portaal" in tekst
    response = client.post(vorig, follow=True)
    assert "nog geen budget" in response.text
    response = client.post(url, follow=True)
    assert "is vastgelegd op het budget" in response.text
    bijdrage = Aanvraag.objects.get(overeenkomst=overeenkomst, begrotingsjaar=JAAR)
    assert bijdrage.get_absolute_url() in response.text
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("2000.00")
    # Next year is planned, not offered yet.
    assert (
        reverse("leefbaarheidsbudget:jaarbijdrage_vastleggen", args=[overeenkomst.pk, JAAR + 1])
        not in response.text
    )


def test_lid_ziet_schema_zonder_knop_en_mag_niet_vastleggen(client, overeenkomst, budget, bestuurslid):
    tekst = _tekst(client, bestuurslid, overeenkomst.get_absolute_url())
    assert "Jaarbijdrage" in tekst
    url = reverse("leefbaarheidsbudget:jaarbijdrage_vastleggen", args=[overeenkomst.pk, JAAR])
    assert url not in tekst
    assert client.post(url).status_code == 403
    assert not Aanvraag.objects.filter(overeenkomst=overeenkomst).exists()


def test_groepspagina_toont_bijdragen_en_wat_nu_en_vraagt_om_iban(
    client, overeenkomst, budget, bestuurslid, medewerker, dorpsraad
):
    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    tekst = _tekst(client, bestuurslid, dorpsraad.get_absolute_url())
    assert "Jaarbijdragen</h2>" in tekst
    assert bijdrage.get_absolute_url() in tekst
    assert "De gemeente betaalt de jaarbijdrage uit." in tekst
    assert "kan de jaarbijdrage nog niet betalen" not in tekst
    dorpsraad.iban = ""
    dorpsraad.save()
    tekst = _tekst(client, bestuurslid, dorpsraad.get_absolute_url())
    assert "kan de jaarbijdrage nog niet betalen" in tekst
    assert reverse("bewonersgroepen:betaalgegevens", args=[dorpsraad.pk]) in tekst


def test_te_betalen_markeert_groep_zonder_iban_en_jaarbijdrage(
    client, overeenkomst, budget, regeling, medewerker, collega, gemeente, kern
):
    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    zonder = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Buurtfeest Zonder Rekening", iban="")
    lid = LidmaatschapFactory(groep=zonder, gebruiker=UserFactory(groepslid=True)).gebruiker
    toegekend = naar_status(
        AanvraagFactory(groep=zonder, kern=kern),
        Status.TOEGEKEND,
        lid=lid,
        medewerker=medewerker,
        collega=collega,
    )
    tekst = _tekst(client, collega, MIJN_WERK)
    assert "Jaarbijdrage</span>" in tekst
    assert reverse("leefbaarheidsbudget:betaling", args=[bijdrage.pk]) in tekst
    assert "Geen IBAN." in tekst
    assert reverse("leefbaarheidsbudget:betaling", args=[toegekend.pk]) not in tekst
    # The same flag on the application itself.
    assert "Geen IBAN." in _tekst(client, collega, toegekend.get_absolute_url())


def test_groepspagina_vast_aantal_queries(client, overeenkomst, budget, bestuurslid, medewerker, dorpsraad):
    services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    client.force_login(bestuurslid)
    url = dorpsraad.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        assert client.get(url).status_code == 200
    overeenkomst.status = "verlopen"
    overeenkomst.save()
    # Two more agreements: one ended with this year's contribution, one active for next year.
    vorige = SamenwerkingsovereenkomstFactory(
        groep=dorpsraad,
        actief=True,
        startdatum=datetime.date(JAAR, 1, 1),
        einddatum=datetime.date(JAAR, 12, 31),
    )
    services.jaarbijdrage_vastleggen(overeenkomst=vorige, jaar=JAAR, door=medewerker)
    vorige.status = "verlopen"
    vorige.save()
    SamenwerkingsovereenkomstFactory(
        groep=dorpsraad,
        actief=True,
        startdatum=datetime.date(JAAR + 1, 1, 1),
        einddatum=datetime.date(JAAR + 1, 12, 31),
    )
    with CaptureQueriesContext(connection) as drie:
        assert client.get(url).status_code == 200
    assert len(drie) == len(een)


def test_beschikking_en_betaalmail_van_een_jaarbijdrage(
    client, overeenkomst, budget, regeling, bestuurslid, medewerker, collega
):
    import io

    from pypdf import PdfReader

    from berichten.models import Bericht

    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    client.force_login(bestuurslid)
    response = client.get(reverse("leefbaarheidsbudget:beschikking", args=[bijdrage.pk]))
    assert response.status_code == 200
    inhoud = b"".join(response.streaming_content)
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())
    assert "samenwerkingsovereenkomst" in tekst and "vroeg u" not in tekst
    services.betaling_registreren(aanvraag=bijdrage, door=collega, betaald_op=datetime.date.today())
    mail = Bericht.objects.order_by("-pk").first()
    assert "Na afloop van het jaar" in mail.tekst


def test_budgetpagina_telt_jaarbijdrage_bij_het_geld_maar_niet_per_status(
    client, overeenkomst, budget, medewerker, aanvraag, flow
):
    flow(aanvraag, Status.TOEGEKEND)  # a grant of € 900
    services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)  # € 2.000
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:budget", args=[budget.pk]))
    assert response.context["cijfers"].toegekend == Decimal("2900.00")
    assert response.context["per_status"][Status.TOEGEKEND] == 1
    assert "Aanvragen per status (zonder jaarbijdragen)" in response.text
