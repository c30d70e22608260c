"""Mijn werk (portaal.mijn_werk) per kind of user, the handler who takes an application in handling, the
four-eyes rule as the pages show it ("wacht op een collega", no button), and the group's own texts kept
from staff pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from rollen.constants import Rol
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import KernFactory, UserFactory
from tests.rollen.factories import ProjectFactory, ToewijzingFactory

from .factories import AanvraagFactory

MIJN_WERK = reverse("portaal:mijn_werk")
GISTEREN = datetime.date.today() - datetime.timedelta(days=1)


def _tekst(client, user, url=MIJN_WERK):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def _queries(client, user, url=MIJN_WERK) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- who lands where ---------------------------------------------------------------------------------


def test_inloggen_landt_op_mijn_werk(client, medewerker):
    medewerker.set_password("Een-lang-wachtwoord-voor-mij")
    medewerker.save()
    response = client.post(
        reverse("login"), {"username": medewerker.email, "password": "Een-lang-wachtwoord-voor-mij"}
    )
    assert response.status_code == 302 and response["Location"] == MIJN_WERK


def test_raadslid_landt_op_het_dashboard(client, raadslid):
    client.force_login(raadslid)
    response = client.get(MIJN_WERK)
    assert response.status_code == 302 and response["Location"] == reverse("raad:dashboard")


def test_anoniem_moet_eerst_inloggen(client, db):
    response = client.get(MIJN_WERK)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- taking an application in handling ----------------------------------------------------------------


def test_in_behandeling_nemen_maakt_je_behandelaar_met_geschiedenis(
    client, aanvraag, lid, medewerker, collega
):
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(behandelaar=collega)  # as routing gave it to a colleague
    aanvraag.refresh_from_db()
    assert aanvraag.titel in _tekst(client, collega)

    aanvraag = services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker)

    aanvraag.refresh_from_db()
    assert aanvraag.behandelaar == medewerker
    wissel = aanvraag.statuswijzigingen.get(gebeurtenis="Behandelaar gewijzigd")
    assert wissel.door == medewerker and "Cas Collega" in wissel.toelichting
    aan_mij = _tekst(client, medewerker).split('id="aanmij-kop"')[1].split("</section>")[0]
    assert aanvraag.titel in aan_mij
    aan_collega = _tekst(client, collega).split('id="aanmij-kop"')[1].split("</section>")[0]
    assert aanvraag.titel not in aan_collega


def test_in_behandeling_nemen_zonder_wissel_schrijft_geen_wisselregel(aanvraag, lid, medewerker):
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(behandelaar=medewerker)
    aanvraag = services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker)
    assert aanvraag.behandelaar == medewerker
    assert not aanvraag.statuswijzigingen.filter(gebeurtenis="Behandelaar gewijzigd").exists()


# --- four eyes: not offered, "wacht op een collega" --------------------------------------------------


def test_wie_besloot_krijgt_geen_betaalknop_maar_wacht_op_collega(
    client, aanvraag, flow, medewerker, collega
):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)  # decided by medewerker
    betaling = reverse("leefbaarheidsbudget:betaling", args=[aanvraag.pk])

    detail = _tekst(client, medewerker, aanvraag.get_absolute_url())
    assert betaling not in detail
    assert "Wacht op een collega." in detail and "u nam het besluit" in detail
    werk = _tekst(client, medewerker)
    assert betaling not in werk and "Wacht op een collega." in werk

    assert betaling in _tekst(client, collega, aanvraag.get_absolute_url())
    werk = _tekst(client, collega)
    assert betaling in werk and "Wacht op een collega." not in werk


def test_wie_betaalde_krijgt_geen_vaststelknop(client, aanvraag, flow, medewerker, collega):
    aanvraag = flow(aanvraag, Status.VERANTWOORDING_INGEDIEND)  # paid by collega
    vaststellen = reverse("leefbaarheidsbudget:vaststellen", args=[aanvraag.pk])
    for pagina in (aanvraag.get_absolute_url(), MIJN_WERK):
        tekst = _tekst(client, collega, pagina)
        assert vaststellen not in tekst and "u registreerde de betaling" in tekst
        assert vaststellen in _tekst(client, medewerker, pagina)


def test_zonder_vier_ogen_wacht_niemand(client, aanvraag, flow, medewerker, regeling):
    regeling.vier_ogen = False
    regeling.save()
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    tekst = _tekst(client, medewerker, aanvraag.get_absolute_url())
    assert reverse("leefbaarheidsbudget:betaling", args=[aanvraag.pk]) in tekst
    assert "Wacht op een collega" not in tekst


# --- the group's own texts are for the group ----------------------------------------------------------


@pytest.mark.parametrize(
    "status,groepstekst",
    [
        (Status.UITBETAALD, "Stuur na de activiteit de verantwoording in"),
        (Status.AFGEWEZEN, "Maak binnen zes weken bezwaar"),
        (Status.INGEDIEND, "U hoeft niets te doen"),
    ],
)
def test_medewerker_ziet_de_teksten_voor_de_groep_niet(
    client, aanvraag, flow, lid, medewerker, status, groepstekst
):
    aanvraag = flow(aanvraag, status)
    assert groepstekst in _tekst(client, lid, aanvraag.get_absolute_url())
    assert groepstekst not in _tekst(client, medewerker, aanvraag.get_absolute_url())


# --- what each kind of user sees ------------------------------------------------------------------------


def test_lid_ziet_zijn_groep_en_wat_de_groep_moet_doen(client, aanvraag, flow, lid, ander_lid, groep):
    concept = AanvraagFactory(groep=groep, titel="Zomerfeest")
    betaald = flow(aanvraag, Status.UITBETAALD)
    vreemd = AanvraagFactory(groep=ander_lid.lidmaatschappen.first().groep, titel="Andermans plan")

    tekst = _tekst(client, lid)

    assert groep.naam in tekst and "status: <strong>actief</strong>" in tekst
    assert (
        "Zomerfeest" in tekst and reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[concept.pk]) in tekst
    )
    assert reverse("leefbaarheidsbudget:verantwoording", args=[betaald.pk]) in tekst
    assert "Stuur na de activiteit de verantwoording in, uiterlijk" in tekst
    assert vreemd.titel not in tekst
    assert (
        "Aan mij toegewezen" not in tekst and "Te betalen" not in tekst and "Gaten in de dekking" not in tekst
    )


def test_medewerker_ziet_zijn_wachtrijen_en_niets_van_leden_of_beheer(
    client, aanvraag, flow, medewerker, lid
):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(uiterste_beslisdatum=GISTEREN)
    tekst = _tekst(client, medewerker)
    for kop in ("Aan mij toegewezen", "Over de termijn (1)", "Te betalen (0)", "Vast te stellen (0)"):
        assert kop in tekst
    assert tekst.count(aanvraag.titel) == 2  # assigned to me, and over its term
    assert "Wat uw groep nu moet doen" not in tekst and "Gaten in de dekking" not in tekst


def test_functioneel_beheerder_ziet_gaten_in_de_dekking(client, beheerder, gemeente, kern):
    ToewijzingFactory(kern=kern, rol=Rol.ADVISEUR)
    zonder = KernFactory(gemeente=gemeente, naam="Kockengen", slug="kockengen")
    ToewijzingFactory(kern=zonder, rol=Rol.WIJKWETHOUDER)
    project = ProjectFactory(gemeente=gemeente, naam="Herinrichting Straatweg")
    bemand = ProjectFactory(gemeente=gemeente, naam="Nieuwe brug")
    ToewijzingFactory(omgevingsmanager=True, project=bemand)

    tekst = _tekst(client, beheerder)
    gaten = tekst.split("Gebieden zonder beheerder of adviseur (3)")[1].split("</ul>")[0]
    assert gaten.count("Geen Adviseur Leefomgeving") == 1 and gaten.count("Geen Beheerder Leefomgeving") == 2
    assert "Kockengen" in gaten
    wethouder = tekst.split("Kernen zonder wijkwethouder (1)")[1].split("</ul>")[0]
    assert "Breukelen" in wethouder and "Kockengen" not in wethouder
    projecten = tekst.split("Lopende projecten zonder omgevingsmanager (1)")[1].split("</ul>")[0]
    assert project.naam in projecten and bemand.naam not in projecten
    assert "Aan mij toegewezen" not in tekst


# --- queries: flat per kind of user, whatever the amount of work ----------------------------------------


def _meer_werk(groep, lid, medewerker, collega, n):
    for i in range(n):
        a = AanvraagFactory(groep=groep, titel=f"Extra {i}")
        a = services.aanvraag_indienen(aanvraag=a, door=lid)
        a = services.aanvraag_in_behandeling_nemen(aanvraag=a, door=medewerker)
        if i % 2:
            services.aanvraag_toekennen(
                aanvraag=a, door=collega, bedrag=a.gevraagd_bedrag, motivering="Prima."
            )
    AanvraagFactory(groep=groep, titel="Nog een concept")


def test_queries_van_mijn_werk_vast_per_soort(
    client, aanvraag, flow, lid, medewerker, collega, groep, beheerder
):
    flow(aanvraag, Status.TOEGEKEND)
    AanvraagFactory(groep=groep, titel="Eerste concept")  # every list has an item: the page query runs
    soorten = {"lid": lid, "medewerker": medewerker, "beheerder": beheerder}
    eerst = {naam: _queries(client, user) for naam, user in soorten.items()}

    _meer_werk(groep, lid, medewerker, collega, 6)
    for i in range(3):
        kern = KernFactory(gemeente=groep.gemeente, naam=f"Kern {i}", slug=f"kern-{i}")
        ProjectFactory(gemeente=groep.gemeente, kernen=[kern])
    LidmaatschapFactory(groep=GroepFactory(gemeente=groep.gemeente), gebruiker=lid)

    daarna = {naam: _queries(client, user) for naam, user in soorten.items()}
    assert daarna == eerst
    # Pinned: a change that adds a query per page shows here first.
    assert eerst == {"lid": 8, "medewerker": 14, "beheerder": 9}  # medewerker: the meldingen queue adds one


def test_lijsten_pagineren(client, groep, lid, budget):
    for i in range(25):
        AanvraagFactory(groep=groep, titel=f"Concept {i:02d}")
    eerste = _tekst(client, lid)
    assert eerste.count("Maak de aanvraag af") == 20 and "Pagina 1 van 2" in eerste
    assert _tekst(client, lid, MIJN_WERK + "?pagina=2").count("Maak de aanvraag af") == 5


def test_onbekende_gebruiker_zonder_werk(client, db):
    user = UserFactory()
    assert "Er is geen werk voor u in het portaal" in _tekst(client, user)


def test_groepspagina_spreekt_medewerkers_niet_aan_als_de_groep(client, groep, lid, medewerker, budget):
    from bewonersgroepen.constants import Groepstatus

    groep.status = Groepstatus.INACTIEF
    groep.save()
    url = reverse("bewonersgroepen:detail", args=[groep.pk])
    assert "Uw groep heeft de status" in _tekst(client, lid, url)
    staf = _tekst(client, medewerker, url)
    assert "Uw groep" not in staf and "Deze groep heeft de status" in staf
