"""Consultation rounds in a real browser at 390 and 1280 px: a resident and a group member respond to an
open round; anyone reads the published "Wat hebben we opgehaald" — with axe on every page, and no name of
someone who did not consent."""

import datetime

import pytest

from participatie import raadplegingen as rs
from participatie.models import Reactie
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.browser.helpers import check_a11y, ingelogd_als, past_in_de_breedte
from tests.factories import UserFactory
from tests.participatie.factories import ParticipatieplanFactory, antwoorden, raadpleging_maken
from tests.rollen.factories import ProjectFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def open_raadpleging(gemeente, kern):
    project = ProjectFactory(
        gemeente=gemeente, kernen=[kern], naam="Herinrichting Stationsplein", slug="stationsplein"
    )
    om = UserFactory(medewerker=True, gemeente=gemeente, naam="Olga Omgeving")
    toewijzing_aanmaken(
        rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=om, van=datetime.date(2024, 1, 1)
    )
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    groep = GroepFactory(gemeente=gemeente, naam="Bewonersgroep Stationsbuurt")
    lid = LidmaatschapFactory(groep=groep).gebruiker
    ronde = raadpleging_maken(plan, om, groepen=[groep], openen=True)
    return {"project": project, "om": om, "plan": plan, "groep": groep, "lid": lid, "ronde": ronde}


def _invullen(pagina):
    pagina.get_by_label("Wat wilt u op het plein?").fill("Meer bankjes in de schaduw")
    pagina.get_by_label("Groen").check()
    pagina.get_by_label("4", exact=True).check()
    pagina.get_by_label("Mijn antwoord mag op de website staan").check()


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_een_inwoner_reageert(request, live_server, open_raadpleging, scherm):
    pagina = request.getfixturevalue(scherm)
    pagina.goto(live_server.url + open_raadpleging["ronde"].openbare_url())
    check_a11y(pagina)
    past_in_de_breedte(pagina)
    _invullen(pagina)
    pagina.get_by_label("Uw e-mailadres").fill("ina@example.nl")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Reactie versturen").click()
    assert pagina.get_by_role("heading", name="Bijna klaar: bevestig uw reactie").is_visible()
    check_a11y(pagina)
    reactie = Reactie.objects.get(email="ina@example.nl")
    pagina.goto(f"{live_server.url}/meedoen/reactie/{reactie.token}/")
    check_a11y(pagina)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Bevestig mijn reactie").click()
    assert "telt mee" in pagina.content()
    reactie.refresh_from_db()
    assert reactie.telt


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_een_lid_reageert_namens_de_groep(request, live_server, open_raadpleging, scherm):
    pagina = request.getfixturevalue(scherm)
    ingelogd_als(pagina, live_server, open_raadpleging["lid"])
    pagina.goto(live_server.url + open_raadpleging["ronde"].openbare_url())
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Reageren namens Bewonersgroep Stationsbuurt").click()
    check_a11y(pagina)
    past_in_de_breedte(pagina)
    _invullen(pagina)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Reactie versturen").click()
    assert "Uw reactie is opgeslagen" in pagina.content()
    check_a11y(pagina)
    assert Reactie.objects.get(groep=open_raadpleging["groep"]).antwoorden.count() == 3


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_iedereen_leest_wat_we_hebben_opgehaald(request, live_server, open_raadpleging, scherm):
    ronde, om = open_raadpleging["ronde"], open_raadpleging["om"]
    rs.reactie_groep_opslaan(
        raadpleging=ronde,
        door=open_raadpleging["lid"],
        groep=open_raadpleging["groep"],
        antwoorden=antwoorden(ronde, open_="Bankjes graag"),
        publiceren=True,
        naam=True,
    )
    geheim = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="ina@example.nl",
        naam="Ina Inwoner",
        antwoorden=antwoorden(ronde, open_="Openbaar maar anoniem"),
        publiceren=True,
        toon_naam=False,
    )
    rs.reactie_inwoner_bevestigen(token=geheim.token)
    rs.raadpleging_sluiten(raadpleging=ronde, door=om)
    rs.thema_opslaan(
        raadpleging=ronde,
        door=om,
        titel="Zitplekken",
        wat_gehoord="Meer bankjes.",
        afweging="deels",
        waarom="Niet op de fietsroute.",
    )
    rs.samenvatting_publiceren(raadpleging=ronde, door=om)
    pagina = request.getfixturevalue(scherm)
    pagina.goto(live_server.url + open_raadpleging["project"].get_absolute_url())
    assert pagina.get_by_role("heading", name="Raadplegingen: uw mening en wat we ermee doen").is_visible()
    check_a11y(pagina)
    pagina.goto(live_server.url + ronde.openbare_url())
    inhoud = pagina.content()
    assert "Zitplekken" in inhoud and "Niet op de fietsroute." in inhoud and "Openbaar maar anoniem" in inhoud
    assert "Ina Inwoner" not in inhoud and "Een inwoner" in inhoud
    check_a11y(pagina)
    past_in_de_breedte(pagina)
