"""participatie's services: the plan, its publication workflow, steps with levels, stakeholders and
their suggestions, and the ketenpartner register."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bewonersgroepen.constants import Groepstatus
from gebiedsagenda.models import Thema
from participatie import selectors, services
from participatie.constants import NIVEAU_UITLEG, Belanghebbendesoort, Participatieniveau, Planstatus
from participatie.models import Belanghebbende
from rollen.models import Participatiestap
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import GemeenteFactory, KernFactory, UserFactory
from tests.rollen.factories import ParticipatiestapFactory

from .factories import KetenpartnerFactory, ParticipatieplanFactory

pytestmark = pytest.mark.django_db

PLAN = {
    "vraag": "Hoe richten we het stationsplein in?",
    "wel_invloed": "Groen, bankjes en de fietsenstalling.",
    "geen_invloed": "Het budget.",
    "besluitorgaan": "raad",
    "besluit_verwacht": datetime.date(2027, 3, 1),
}


def test_de_omgevingsmanager_maakt_het_plan_als_concept_met_geschiedenis(project, omgevingsmanager):
    plan = services.plan_opslaan(project=project, door=omgevingsmanager, **PLAN)
    assert plan.status == Planstatus.CONCEPT
    assert [(h.van, h.naar, h.door) for h in plan.statuswijzigingen.all()] == [
        ("", "concept", omgevingsmanager)
    ]
    # Saving again changes the same plan and writes no new history row.
    services.plan_opslaan(project=project, door=omgevingsmanager, **{**PLAN, "vraag": "Anders"})
    plan.refresh_from_db()
    assert plan.vraag == "Anders" and plan.statuswijzigingen.count() == 1


@pytest.mark.parametrize("wie", ["collega", "raadslid", "elders"])
def test_alleen_de_eigenaar_schrijft_het_plan(project, omgevingsmanager, collega, raadslid, wie):
    door = {
        "collega": collega,
        "raadslid": raadslid,
        "elders": UserFactory(beheerder=True, gemeente=GemeenteFactory()),
    }[wie]
    with pytest.raises(PermissionDenied):
        services.plan_opslaan(project=project, door=door, **PLAN)


def test_een_functioneel_beheerder_van_de_gemeente_mag_het_plan_schrijven(project, beheerder):
    assert services.plan_opslaan(project=project, door=beheerder, **PLAN).pk


def test_publiceren_en_intrekken_met_reden(project, omgevingsmanager, collega):
    plan = services.plan_opslaan(project=project, door=omgevingsmanager, **PLAN)
    with pytest.raises(PermissionDenied):
        services.plan_publiceren(plan=plan, door=collega)
    plan = services.plan_publiceren(plan=plan, door=omgevingsmanager)
    assert plan.status == Planstatus.GEPUBLICEERD and plan.gepubliceerd_op
    with pytest.raises(ValidationError):
        services.plan_intrekken(plan=plan, door=omgevingsmanager, reden=" ")
    plan = services.plan_intrekken(plan=plan, door=omgevingsmanager, reden="Het plan wordt herzien.")
    assert plan.status == Planstatus.CONCEPT
    assert [(h.van, h.naar, h.toelichting) for h in plan.statuswijzigingen.all()][1:] == [
        ("concept", "gepubliceerd", ""),
        ("gepubliceerd", "concept", "Het plan wordt herzien."),
    ]


def test_een_besluit_heeft_een_datum(project, omgevingsmanager):
    with pytest.raises(ValidationError) as fout:
        services.plan_opslaan(project=project, door=omgevingsmanager, **PLAN, besluit="Ontwerp B.")
    assert "besluit_genomen_op" in fout.value.message_dict


def test_elk_niveau_heeft_een_vaste_uitleg():
    assert set(NIVEAU_UITLEG) == set(Participatieniveau)
    assert all(10 < len(uitleg) < 300 for uitleg in NIVEAU_UITLEG.values())


def test_stappen_met_niveau_gepland_en_gedaan(project, omgevingsmanager):
    plan = services.plan_opslaan(project=project, door=omgevingsmanager, **PLAN)
    stap = services.stap_opslaan(
        plan=plan,
        door=omgevingsmanager,
        datum=datetime.date(2027, 1, 10),
        wat="Ontwerpatelier",
        met_wie="Bewonersgroepen",
        niveau=Participatieniveau.COPRODUCEREN,
        uitgevoerd=False,
    )
    assert (stap.project, stap.niveau, stap.uitgevoerd) == (project, "coproduceren", False)
    assert "samen" in stap.niveau_uitleg
    services.stap_opslaan(
        plan=plan,
        door=omgevingsmanager,
        stap=stap,
        datum=stap.datum,
        wat=stap.wat,
        met_wie=stap.met_wie,
        niveau=stap.niveau,
        uitgevoerd=True,
        uitkomst="Twee ontwerpen.",
    )
    stap.refresh_from_db()
    assert stap.uitgevoerd and stap.uitkomst == "Twee ontwerpen."
    with pytest.raises(ValidationError):
        services.stap_opslaan(
            plan=plan,
            door=omgevingsmanager,
            datum=stap.datum,
            wat="x",
            met_wie="y",
            niveau="",
            uitgevoerd=False,
        )


def test_een_collega_voegt_geen_stap_toe_aan_het_plan(project, omgevingsmanager, collega):
    plan = ParticipatieplanFactory(project=project)
    with pytest.raises(PermissionDenied):
        services.stap_opslaan(
            plan=plan,
            door=collega,
            datum=datetime.date(2027, 1, 1),
            wat="x",
            met_wie="y",
            niveau="informeren",
            uitgevoerd=False,
        )
    assert not Participatiestap.objects.exists()


def test_een_stap_van_een_ander_project_wordt_geweigerd(project, omgevingsmanager, gemeente):
    plan = ParticipatieplanFactory(project=project)
    vreemd = ParticipatiestapFactory(project__gemeente=gemeente)
    with pytest.raises(PermissionDenied):
        services.stap_opslaan(
            plan=plan,
            door=omgevingsmanager,
            stap=vreemd,
            datum=vreemd.datum,
            wat="x",
            met_wie="y",
            niveau="informeren",
            uitgevoerd=True,
        )


def test_suggesties_naar_gebied_en_thema(project, kern, gemeente):
    plan = ParticipatieplanFactory(project=project)
    wonen = Thema.objects.get(naam="Wonen")
    plan.themas.set([wonen])
    elders = KernFactory(gemeente=gemeente, naam="Kockengen", slug="kockengen")
    in_gebied = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Wijkcomité Breukelen")
    GroepFactory(gemeente=gemeente, kernen=[elders], naam="Dorpsraad Kockengen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Aangemelde groep", status=Groepstatus.AANGEMELD)
    thema = GroepFactory(
        gemeente=gemeente,
        kernen=[elders],
        themacommissie=True,
        naam="Comité Stationsplein",
        thema="Stationsplein autovrij",
    )
    GroepFactory(
        gemeente=gemeente, kernen=[elders], themacommissie=True, naam="Windcomité", thema="Windpark A2"
    )
    commissie = GroepFactory(
        gemeente=gemeente, kernen=[elders], projectcommissie=True, project=project, naam="Klankbord"
    )
    partner_gebied = KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="Vecht en Omstreken")
    partner_thema = KetenpartnerFactory(gemeente=gemeente, kernen=[elders], themas=[wonen], naam="Portaal")
    partner_overal = KetenpartnerFactory(gemeente=gemeente, naam="Politie Midden-Nederland")
    KetenpartnerFactory(gemeente=gemeente, kernen=[elders], naam="Buurtsportcoach")
    KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="Opgeheven", inactief=True)
    KetenpartnerFactory(kernen=[], naam="Andere gemeente")

    namen = {s.naam for s in selectors.suggesties(plan)}
    assert namen == {
        in_gebied.naam,
        thema.naam,
        commissie.naam,
        partner_gebied.naam,
        partner_thema.naam,
        partner_overal.naam,
        "Inwoners van het gebied",
        "Raadsleden (ter informatie)",
    }

    # Accepting a suggestion puts it in the list, and it is no longer suggested; twice changes nothing.
    for _ in range(2):
        services.belanghebbende_toevoegen(plan=plan, soort=Belanghebbendesoort.GROEP, groep=thema)
        services.belanghebbende_toevoegen(plan=plan, soort=Belanghebbendesoort.INWONERS)
    assert Belanghebbende.objects.filter(plan=plan).count() == 2
    plan = selectors.plan_van(project)
    assert {s.naam for s in selectors.suggesties(plan)} & {thema.naam, "Inwoners van het gebied"} == set()


def test_belanghebbende_van_een_andere_gemeente_wordt_geweigerd(project, omgevingsmanager, collega):
    plan = ParticipatieplanFactory(project=project)
    with pytest.raises(ValidationError):
        services.belanghebbende_toevoegen(
            plan=plan,
            door=omgevingsmanager,
            soort=Belanghebbendesoort.KETENPARTNER,
            ketenpartner=KetenpartnerFactory(),
        )
    with pytest.raises(PermissionDenied):
        services.belanghebbende_toevoegen(plan=plan, door=collega, soort=Belanghebbendesoort.RAADSLEDEN)
    assert not Belanghebbende.objects.exists()


def test_ketenpartner_register(gemeente, kern, medewerker):
    partner = services.ketenpartner_opslaan(
        door=medewerker,
        gemeente=gemeente,
        naam=" Portaal ",
        soort="woningcorporatie",
        kernen=[kern],
        email="info@portaal.example",
    )
    assert (partner.naam, list(partner.kernen.all())) == ("Portaal", [kern])
    with pytest.raises(ValidationError):
        services.ketenpartner_opslaan(
            door=medewerker, gemeente=gemeente, naam="portaal", soort="woningcorporatie"
        )
    with pytest.raises(ValidationError):
        services.ketenpartner_opslaan(
            door=medewerker, gemeente=gemeente, naam="Elders", soort="politie", kernen=[KernFactory()]
        )
    anders = GemeenteFactory()
    with pytest.raises(PermissionDenied):
        services.ketenpartner_opslaan(
            door=UserFactory(medewerker=True, gemeente=anders),
            ketenpartner=partner,
            gemeente=gemeente,
            naam="X",
            soort="politie",
        )


def test_ketenpartners_in_een_gebied(gemeente, kern, wijk):
    in_kern = KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="A")
    in_wijk = KetenpartnerFactory(gemeente=gemeente, wijken=[wijk], naam="B")
    overal = KetenpartnerFactory(gemeente=gemeente, naam="C")
    KetenpartnerFactory(gemeente=gemeente, kernen=[KernFactory(gemeente=gemeente)], naam="D")
    KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="E", inactief=True)
    assert set(selectors.ketenpartners_in_gebied(kern)) == {in_kern, in_wijk, overal}
    assert set(selectors.ketenpartners_in_gebied(wijk)) == {in_kern, in_wijk, overal}
