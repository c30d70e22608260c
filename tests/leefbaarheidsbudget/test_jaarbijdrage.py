"""The yearly contribution (jaarbijdrage) of a samenwerkingsovereenkomst (issue 18, item 10c): scheduled over
the agreement's term, reserved against the year's budget (never over-committed), paid (IBAN, four eyes),
accounted for by the group and settled, through the same workflow as a grant."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from leefbaarheidsbudget import selectors, services
from leefbaarheidsbudget.constants import Soort, Status
from leefbaarheidsbudget.models import Budget
from leefbaarheidsbudget.werkstromen import AANVRAAG
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)
from tests.factories import UserFactory

from .conftest import JAAR

pytestmark = pytest.mark.django_db
D = Decimal
VANDAAG = datetime.date.today()


@pytest.fixture
def dorpsraad(gemeente, kern):
    return GroepFactory(
        gemeente=gemeente,
        kernen=[kern],
        bewonersgroep=True,
        naam="Dorpsraad Breukelen",
        iban="NL91ABNA0417164300",
        tenaamstelling="Dorpsraad Breukelen",
    )


@pytest.fixture
def bestuurslid(dorpsraad):
    return LidmaatschapFactory(groep=dorpsraad, gebruiker=UserFactory(groepslid=True)).gebruiker


@pytest.fixture
def overeenkomst(dorpsraad):
    return SamenwerkingsovereenkomstFactory(
        groep=dorpsraad,
        actief=True,
        startdatum=datetime.date(JAAR, 1, 1),
        einddatum=datetime.date(JAAR + 2, 12, 31),
        jaarbijdrage=D("2500.00"),
    )


def test_schema_over_de_looptijd_naar_rato_voor_een_deel_van_een_jaar(dorpsraad):
    overeenkomst = SamenwerkingsovereenkomstFactory(
        groep=dorpsraad,
        startdatum=datetime.date(2025, 7, 1),
        einddatum=datetime.date(2027, 6, 30),
        jaarbijdrage=D("3650.00"),
    )
    schema = selectors.jaarbijdrage_schema(overeenkomst)
    assert [(r.jaar, r.van, r.tot, r.bedrag) for r in schema] == [
        (2025, datetime.date(2025, 7, 1), datetime.date(2025, 12, 31), D("1840.00")),  # 184 of 365 days
        (2026, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), D("3650.00")),
        (2027, datetime.date(2027, 1, 1), datetime.date(2027, 6, 30), D("1810.00")),  # 181 of 365 days
    ]
    assert all(r.aanvraag is None for r in schema)


def test_vastleggen_houdt_het_geld_vast_als_een_toekenning(overeenkomst, budget, medewerker):
    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    assert bijdrage.soort == Soort.JAARBIJDRAGE
    assert bijdrage.status == Status.TOEGEKEND
    assert bijdrage.toegekend_bedrag == D("2500.00") == bijdrage.gevraagd_bedrag
    assert bijdrage.direct_vastgesteld is False  # accounted for and settled, whatever the amount
    assert bijdrage.datum_tot == datetime.date(JAAR, 12, 31)
    budget.refresh_from_db()
    assert budget.vastgelegd == D("2500.00")
    historie = list(bijdrage.statuswijzigingen.values_list("van", "naar", "door"))
    assert historie == [("", Status.TOEGEKEND, medewerker.pk)]
    assert "samenwerkingsovereenkomst" in bijdrage.statuswijzigingen.get().toelichting
    assert selectors.jaarbijdrage_schema(overeenkomst)[0].aanvraag == bijdrage
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    budget.refresh_from_db()
    assert budget.vastgelegd == D("2500.00")


def test_budget_wordt_nooit_overschreden(overeenkomst, budget, medewerker):
    Budget.objects.filter(pk=budget.pk).update(totaal=D("3000.00"), vastgelegd=D("1000.00"))
    with pytest.raises(ValidationError, match="niet genoeg budget"):
        services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    budget.refresh_from_db()
    assert budget.vastgelegd == D("1000.00")
    assert not overeenkomst.jaarbijdragen.exists()


def test_zonder_budget_of_buiten_de_looptijd_of_niet_actief_geweigerd(
    overeenkomst, budget, medewerker, dorpsraad
):
    with pytest.raises(ValidationError, match="nog geen budget"):
        services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR + 1, door=medewerker)
    with pytest.raises(ValidationError, match="loopt niet"):
        services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR + 3, door=medewerker)
    concept = SamenwerkingsovereenkomstFactory(groep=dorpsraad, startdatum=datetime.date(JAAR, 1, 1))
    with pytest.raises(ValidationError, match="concept"):
        services.jaarbijdrage_vastleggen(overeenkomst=concept, jaar=JAAR, door=medewerker)


def test_alleen_medewerkers_van_de_gemeente(overeenkomst, budget, medewerker_elders, bestuurslid):
    for wie in (medewerker_elders, bestuurslid):
        with pytest.raises(PermissionDenied):
            services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=wie)


def test_opdracht_legt_dit_jaar_vast_en_is_herhaalbaar(overeenkomst, budget, dorpsraad, capsys):
    SamenwerkingsovereenkomstFactory(
        groep=GroepFactory(gemeente=dorpsraad.gemeente, bewonersgroep=True)
    )  # concept
    call_command("jaarbijdragen_vastleggen", "--jaar", str(JAAR))
    assert "1 jaarbijdrage(n) vastgelegd" in capsys.readouterr().out
    call_command("jaarbijdragen_vastleggen", "--jaar", str(JAAR))
    assert "0 jaarbijdrage(n) vastgelegd, 0 niet" in capsys.readouterr().out
    assert overeenkomst.jaarbijdragen.get().begrotingsjaar == JAAR
    # Next year has no budget yet: reported, and tried again on the next run.
    call_command("jaarbijdragen_vastleggen", "--jaar", str(JAAR + 1))
    assert "Niet vastgelegd" in capsys.readouterr().out


def test_betalen_verantwoorden_vaststellen_met_iban_en_vier_ogen(
    overeenkomst, budget, regeling, medewerker, collega, bestuurslid, dorpsraad
):
    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    # Who reserved it does not pay it.
    with pytest.raises(ValidationError, match="Vier ogen"):
        services.betaling_registreren(aanvraag=bijdrage, door=medewerker, betaald_op=VANDAAG)
    # No IBAN on file: refused.
    dorpsraad.iban = ""
    dorpsraad.save()
    with pytest.raises(ValidationError, match="IBAN"):
        services.betaling_registreren(aanvraag=bijdrage, door=collega, betaald_op=VANDAAG)
    dorpsraad.iban = "NL91ABNA0417164300"
    dorpsraad.save()
    bijdrage = services.betaling_registreren(aanvraag=bijdrage, door=collega, betaald_op=VANDAAG)
    assert bijdrage.status == Status.UITBETAALD
    assert bijdrage.betaling_iban == "NL91ABNA0417164300"
    # The group cannot withdraw what the agreement promises.
    assert not AANVRAAG.mag(bestuurslid, bijdrage, Status.INGETROKKEN)
    bijdrage = services.verantwoording_indienen(
        aanvraag=bijdrage,
        door=bestuurslid,
        werkelijke_kosten=D("2300.00"),
        verslag="Vier overleggen, één enquête.",
    )
    assert bijdrage.status == Status.VERANTWOORDING_INGEDIEND
    # Who paid does not settle.
    with pytest.raises(ValidationError, match="Vier ogen"):
        services.aanvraag_vaststellen(
            aanvraag=bijdrage, door=collega, bedrag=D("2300.00"), motivering="Minder."
        )
    bijdrage = services.aanvraag_vaststellen(
        aanvraag=bijdrage, door=medewerker, bedrag=D("2300.00"), motivering="Minder uitgegeven."
    )
    assert bijdrage.status == Status.VASTGESTELD
    assert bijdrage.terug_te_vorderen == D("200.00")
    budget.refresh_from_db()
    assert budget.vastgelegd == D("2300.00")
    assert [r[1] for r in bijdrage.statuswijzigingen.values_list("van", "naar").order_by("op", "pk")] == [
        Status.TOEGEKEND,
        Status.UITBETAALD,
        Status.VERANTWOORDING_INGEDIEND,
        Status.VASTGESTELD,
    ]


def test_medewerker_laat_een_vastgelegde_jaarbijdrage_vervallen_en_het_geld_komt_vrij(
    overeenkomst, budget, regeling, medewerker, collega, bestuurslid, kern
):
    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    budget.refresh_from_db()
    assert budget.vastgelegd == D("2500.00")
    # The group may not; staff must give a reason; an ordinary grant is not cancelled this way.
    assert not AANVRAAG.mag(bestuurslid, bijdrage, Status.INGETROKKEN)
    with pytest.raises(PermissionDenied):
        services.jaarbijdrage_laten_vervallen(aanvraag=bijdrage, door=bestuurslid, reden="Weg ermee.")
    with pytest.raises(ValidationError, match="Leg uit waarom de jaarbijdrage vervalt"):
        services.jaarbijdrage_laten_vervallen(aanvraag=bijdrage, door=collega, reden="  ")
    bijdrage = services.jaarbijdrage_laten_vervallen(
        aanvraag=bijdrage, door=collega, reden="De overeenkomst is per 1 juli beëindigd."
    )
    assert bijdrage.status == Status.INGETROKKEN
    budget.refresh_from_db()
    assert budget.vastgelegd == D("0.00")
    rij = bijdrage.statuswijzigingen.order_by("-op", "-pk").first()
    assert (rij.van, rij.naar, rij.door) == (Status.TOEGEKEND, Status.INGETROKKEN, collega)
    assert "De overeenkomst is per 1 juli beëindigd." in rij.toelichting
    # Twice: refused, the money is not freed twice.
    with pytest.raises(ValidationError):
        services.jaarbijdrage_laten_vervallen(aanvraag=bijdrage, door=collega, reden="Nog eens.")
    budget.refresh_from_db()
    assert budget.vastgelegd == D("0.00")
    # The schedule does not reserve it again for that year...
    uitkomst = services.jaarbijdragen_vastleggen(jaar=JAAR)
    assert uitkomst.vastgelegd == []
    budget.refresh_from_db()
    assert budget.vastgelegd == D("0.00")
    # ... but staff can ask for it after all: the same row, reserved again, with its history.
    weer = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    assert weer.pk == bijdrage.pk and weer.status == Status.TOEGEKEND
    budget.refresh_from_db()
    assert budget.vastgelegd == D("2500.00")
    assert list(weer.statuswijzigingen.order_by("op", "pk").values_list("naar", flat=True)) == [
        Status.TOEGEKEND,
        Status.INGETROKKEN,
        Status.TOEGEKEND,
    ]


def test_een_betaalde_jaarbijdrage_of_een_gewone_aanvraag_vervalt_niet(
    overeenkomst, budget, regeling, medewerker, collega
):
    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    bijdrage = services.betaling_registreren(aanvraag=bijdrage, door=collega, betaald_op=VANDAAG)
    with pytest.raises(ValidationError, match="nog niet is betaald"):
        services.jaarbijdrage_laten_vervallen(aanvraag=bijdrage, door=collega, reden="Te laat.")
    # No decision on a jaarbijdrage through the grant workflow.
    assert bijdrage.status == Status.UITBETAALD


def test_pagina_laten_vervallen_alleen_voor_medewerkers_met_reden(
    client, overeenkomst, budget, regeling, medewerker, collega, bestuurslid
):
    from django.urls import reverse

    bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    url = reverse("leefbaarheidsbudget:jaarbijdrage_laten_vervallen", args=[bijdrage.pk])
    client.force_login(bestuurslid)
    assert "Jaarbijdrage laten vervallen" not in client.get(bijdrage.get_absolute_url()).content.decode()
    assert client.post(url, {"reden": "Weg."}).status_code == 403
    client.force_login(collega)
    detail = client.get(bijdrage.get_absolute_url()).content.decode()
    assert "Jaarbijdrage laten vervallen" in detail and "Aanvraag intrekken" not in detail
    antwoord = client.post(url, {"reden": ""})
    assert antwoord.status_code == 200 and "Dit veld is verplicht." in antwoord.content.decode()
    antwoord = client.post(url, {"reden": "De overeenkomst is eerder beëindigd."})
    assert antwoord.status_code == 302
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.INGETROKKEN
    budget.refresh_from_db()
    assert budget.vastgelegd == D("0.00")


def test_export_zegt_per_rij_of_het_een_aanvraag_of_een_jaarbijdrage_is(
    client, overeenkomst, budget, regeling, medewerker, collega, dorpsraad, kern
):
    import csv
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from tests.leefbaarheidsbudget.factories import AanvraagFactory

    from .conftest import naar_status

    services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=JAAR, door=medewerker)
    comite = GroepFactory(gemeente=dorpsraad.gemeente, kernen=[kern])
    lid = LidmaatschapFactory(groep=comite, gebruiker=UserFactory(groepslid=True)).gebruiker
    naar_status(
        AanvraagFactory(groep=comite, kern=kern),
        Status.INGEDIEND,
        lid=lid,
        medewerker=medewerker,
        collega=collega,
    )
    client.force_login(medewerker)
    inhoud = b"".join(client.get(reverse("leefbaarheidsbudget:export", args=[JAAR])).streaming_content)
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rijen[0][:2] == ["kenmerk", "soort"]
    assert sorted(r[1] for r in rijen[1:-1]) == ["aanvraag", "jaarbijdrage"]
    blad = load_workbook(
        io.BytesIO(client.get(reverse("leefbaarheidsbudget:export_xlsx", args=[JAAR])).content)
    ).active
    assert sorted(r[1].value for r in list(blad.iter_rows())[1:-1]) == ["aanvraag", "jaarbijdrage"]
