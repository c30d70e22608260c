"""axe-core (WCAG 2.0/2.1 A and AA) on the public project page with a published participation plan and on
the Omgevingsmanager's plan pages, at 390 and 1280 px; the Omgevingsmanager adds a step by browser."""

import datetime

import pytest

from participatie import services
from participatie.constants import Belanghebbendesoort
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.bewonersgroepen.factories import GroepFactory
from tests.browser.helpers import check_a11y, ingelogd_als, past_in_de_breedte
from tests.factories import UserFactory
from tests.participatie.factories import KetenpartnerFactory
from tests.rollen.factories import ProjectFactory

pytestmark = pytest.mark.browser
D = datetime.date
PROJECT = "/projecten/stichtse-vecht/stationsplein/"


@pytest.fixture
def planwereld(gemeente, kern):
    om = UserFactory(medewerker=True, gemeente=gemeente, naam="Olga Omgeving")
    project = ProjectFactory(gemeente=gemeente, kernen=[kern], naam="Stationsplein", slug="stationsplein")
    toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=om, van=D(2024, 1, 1))
    plan = services.plan_opslaan(
        project=project,
        door=om,
        vraag="Hoe maken we het stationsplein veiliger en groener?",
        wel_invloed="Het groen, de bankjes en de plek van de fietsenstalling.",
        geen_invloed="Het spoor en het budget.",
        besluitorgaan="raad",
        besluit_verwacht=D(2027, 3, 1),
    )
    for datum, wat, niveau, gedaan in [
        (D(2024, 3, 1), "Informatieavond", "informeren", True),
        (D(2024, 6, 1), "Enquête over de varianten", "raadplegen", True),
        (D(2027, 1, 12), "Ontwerpatelier", "coproduceren", False),
    ]:
        services.stap_opslaan(
            plan=plan, door=om, datum=datum, wat=wat, met_wie="Omwonenden", niveau=niveau, uitgevoerd=gedaan
        )
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Wijkcomité Broeckland")
    services.belanghebbende_toevoegen(plan=plan, door=om, soort=Belanghebbendesoort.GROEP, groep=groep)
    partner = KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="Vecht en Omstreken")
    services.belanghebbende_toevoegen(
        plan=plan, door=om, soort=Belanghebbendesoort.KETENPARTNER, ketenpartner=partner
    )
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Breukelen")  # a suggestion
    services.plan_publiceren(plan=plan, door=om)
    return {"om": om, "project": project}


def test_openbare_projectpagina(page, telefoon, live_server, planwereld):
    for p in (page, telefoon):
        assert p.goto(live_server.url + PROJECT).status == 200
        assert p.get_by_role("heading", name="Hoe telt uw inbreng?").is_visible()
        assert p.get_by_text("Ontwerpatelier").is_visible()
        check_a11y(p)
        past_in_de_breedte(p)


def test_omgevingsmanager_bewerkt_het_plan(page, telefoon, live_server, planwereld):
    plan = live_server.url + PROJECT + "participatieplan/"
    for p in (page, telefoon):
        ingelogd_als(p, live_server, planwereld["om"])
        for pad in ("", "wijzigen/", "stap/"):
            assert p.goto(plan + pad).status == 200
            check_a11y(p)
            past_in_de_breedte(p)
    page.goto(plan + "stap/")
    page.locator("#id_datum").fill("2027-02-09")
    page.locator("#id_wat").fill("Keuze van de speelplek")
    page.locator("#id_met_wie").fill("Kinderen en ouders")
    page.locator("#id_niveau").select_option("meebeslissen")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("link", name="Wijzigen (Keuze van de speelplek)").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen (Dorpsraad Breukelen)").click()
    check_a11y(page)
    page.goto(live_server.url + PROJECT)
    assert page.get_by_text("Keuze van de speelplek").is_visible()
    assert page.get_by_text("Dorpsraad Breukelen").is_visible()
