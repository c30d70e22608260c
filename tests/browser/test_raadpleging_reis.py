"""Issue 20's browser journey: the Omgevingsmanager plans and opens a round, a group member and a resident
respond on a phone (390 px), the Omgevingsmanager closes, summarises and publishes, a respondent gets the
feedback mail (read from the durable queue), an anonymous visitor reads the page — axe on every page."""

import datetime

import pytest
from django.utils import timezone

from berichten.models import Bericht
from participatie.models import Reactie
from participatie.raadpleging_models import Raadpleging
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.browser.helpers import check_a11y, inloggen, past_in_de_breedte
from tests.factories import UserFactory
from tests.participatie.factories import ParticipatieplanFactory
from tests.rollen.factories import ParticipatiestapFactory, ProjectFactory

pytestmark = pytest.mark.browser


def _klik(pagina, rol, naam):
    with pagina.expect_navigation():
        pagina.get_by_role(rol, name=naam).click()
    check_a11y(pagina)


def test_de_hele_reis(page, telefoon, browser, live_server, gemeente, kern):
    project = ProjectFactory(gemeente=gemeente, kernen=[kern], naam="Herinrichting Stationsplein")
    om = UserFactory(medewerker=True, gemeente=gemeente, naam="Olga Omgeving")
    toewijzing_aanmaken(
        rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=om, van=datetime.date(2024, 1, 1)
    )
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    ParticipatiestapFactory(project=project, niveau="raadplegen", wat="Enquête plein")
    groep = GroepFactory(gemeente=gemeente, naam="Bewonersgroep Stationsbuurt")
    lid = LidmaatschapFactory(groep=groep).gebruiker

    # 1. the Omgevingsmanager plans the round and opens it (1280 px)
    inloggen(page, live_server, om)
    page.goto(live_server.url + plan.get_absolute_url())
    check_a11y(page)
    page.goto(live_server.url + f"{plan.get_absolute_url()}raadplegingen/nieuw/")
    check_a11y(page)
    page.get_by_label("Bij welke stap").select_option(index=1)
    page.get_by_label("Titel").fill("Uw mening over het plein")
    page.get_by_label("Inleiding").fill("Wat vindt u belangrijk op het plein?")
    vandaag = timezone.localdate()
    page.get_by_label("Open vanaf").fill(vandaag.isoformat())
    page.get_by_label("Open tot en met").fill((vandaag + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Iedereen mag reageren").check()
    page.get_by_label("Bewonersgroep Stationsbuurt").check()
    _klik(page, "button", "Opslaan")
    ronde = Raadpleging.objects.get(plan=plan)
    page.locator("input[name=tekst]").fill("Wat wilt u op het plein?")
    page.locator("input[name=verplicht]").check()
    _klik(page, "button", "Vraag toevoegen")
    _klik(page, "button", "Openen en uitnodigingen versturen")
    ronde.refresh_from_db()
    assert ronde.status == "open"

    # 2. a group member and a resident respond on a phone
    inloggen(telefoon, live_server, lid)
    telefoon.goto(live_server.url + ronde.openbare_url())
    check_a11y(telefoon)
    _klik(telefoon, "link", "Reageren namens Bewonersgroep Stationsbuurt")
    past_in_de_breedte(telefoon)
    telefoon.get_by_label("Wat wilt u op het plein?").fill("Meer bankjes")
    telefoon.get_by_label("Mijn antwoord mag op de website staan").check()
    _klik(telefoon, "button", "Reactie versturen")
    telefoon.context.clear_cookies()
    telefoon.goto(live_server.url + ronde.openbare_url())
    telefoon.get_by_label("Wat wilt u op het plein?").fill("Schaduw voor de kinderen")
    telefoon.get_by_label("Mijn antwoord mag op de website staan").check()
    telefoon.get_by_label("Uw e-mailadres").fill("ina@example.nl")
    _klik(telefoon, "button", "Reactie versturen")
    reactie = Reactie.objects.get(email="ina@example.nl")
    telefoon.goto(f"{live_server.url}/meedoen/reactie/{reactie.token}/")
    check_a11y(telefoon)
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Bevestig mijn reactie").click()
    reactie.refresh_from_db()
    assert reactie.bevestigd_op is not None

    # 3. the Omgevingsmanager closes, summarises and publishes
    page.goto(live_server.url + ronde.get_absolute_url())
    _klik(page, "button", "Sluiten")
    page.locator("input[name=titel]").last.fill("Zitplekken en schaduw")
    _klik(page, "button", "Thema toevoegen")
    page.locator("summary", has_text="Thema wijzigen").first.click()
    page.locator("textarea[name=wat_gehoord]").first.fill("Meer bankjes, en schaduw.")
    page.locator("select[name=afweging]").first.select_option("deels")
    page.locator("textarea[name=waarom]").first.fill("Bomen wel, bankjes niet op de fietsroute.")
    _klik(page, "button", "Thema opslaan")
    _klik(page, "button", "Samenvatting publiceren en deelnemers mailen")
    ronde.refresh_from_db()
    assert ronde.status == "gepubliceerd"

    # 4. a respondent gets the feedback mail (the durable queue), with the link to the page
    mail = Bericht.objects.filter(aan="ina@example.nl").order_by("-pk").first()
    assert mail is not None and ronde.openbare_url() in mail.tekst

    # 5. an anonymous visitor reads the page, on a phone
    telefoon.context.clear_cookies()
    telefoon.goto(live_server.url + ronde.openbare_url())
    inhoud = telefoon.content()
    assert "Zitplekken en schaduw" in inhoud and "Bomen wel" in inhoud
    assert "ina@example.nl" not in inhoud
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
