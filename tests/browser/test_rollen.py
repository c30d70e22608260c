"""axe-core (WCAG 2.0/2.1 A and AA) on the pages of rollen, with contacts, a gap and a project."""

import datetime

import pytest

from rollen.constants import Rol
from rollen.services import participatiestap_toevoegen, toewijzing_aanmaken
from tests.browser.helpers import check_a11y, ingelogd_als
from tests.factories import UserFactory, WijkFactory
from tests.rollen.factories import ProjectFactory

pytestmark = pytest.mark.browser
D = datetime.date


@pytest.fixture
def rollenwereld(wijk, medewerker):
    collega = UserFactory(
        medewerker=True, gemeente=wijk.gemeente, naam="Cor Collega", telefoon="0346 254 000"
    )
    toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=collega, van=D(2024, 1, 1))
    adviseur = toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=wijk.kern, medewerker=medewerker, van=D(2024, 1, 1))
    toewijzing_aanmaken(
        rol=Rol.WIJKWETHOUDER,
        kern=wijk.kern,
        naam="Wethouder Wil",
        email="wil@stichtsevecht.demo",
        van=D(2024, 1, 1),
    )
    project = ProjectFactory(
        gemeente=wijk.gemeente, kernen=[wijk.kern], naam="Stationsgebied", slug="stationsgebied"
    )
    toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=collega, van=D(2024, 1, 1))
    participatiestap_toevoegen(project=project, datum=D(2024, 3, 1), wat="Inloopavond", met_wie="Dorpsraad")
    WijkFactory(kern=wijk.kern, gemeente=wijk.gemeente, code="WK190403", naam="Wijk zonder beheerder")
    return {"adviseur": adviseur, "collega": collega}


@pytest.mark.parametrize(
    "pad",
    [
        "/contactpersonen/",
        "/contactpersonen/?gebied=wijk-WK190402",
        "/contactpersonen/?q=breuk",
        "/rollen/",
        "/projecten/",
        "/projecten/stichtse-vecht/stationsgebied/",
        "/gebieden/stichtse-vecht/breukelen/",
    ],
)
def test_openbare_paginas_van_rollen(page, live_server, rollenwereld, pad):
    assert page.goto(live_server.url + pad).status == 200
    assert page.locator("h1").count() == 1
    check_a11y(page)


def test_paginas_voor_medewerkers(page, live_server, rollenwereld, medewerker):
    ingelogd_als(page, live_server, medewerker)
    paden = [
        "/dekking/",
        "/werklast/",
        f"/werklast/{medewerker.pk}/",
        "/toewijzingen/nieuw/",
        f"/toewijzingen/{rollenwereld['adviseur'].pk}/beeindigen/",
        "/projecten/nieuw/",
        "/projecten/stichtse-vecht/stationsgebied/stap/",
    ]
    for pad in paden:
        assert page.goto(live_server.url + pad).status == 200, pad
        assert page.locator("h1").count() == 1, pad
        check_a11y(page)


def test_overlap_melding_staat_bij_het_veld(page, live_server, rollenwereld, medewerker, wijk):
    ingelogd_als(page, live_server, medewerker)
    page.goto(live_server.url + "/toewijzingen/nieuw/")
    page.select_option("#id_rol", Rol.ADVISEUR.value)
    page.select_option("#id_medewerker", str(rollenwereld["collega"].pk))
    page.select_option("#id_kern", str(wijk.kern.pk))
    page.fill("#id_van", "2025-01-01")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "overlapt met Mila Medewerker" in page.locator("#error_1_id_van").inner_text()
    check_a11y(page)
