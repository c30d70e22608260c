"""Council pages in a real browser: charts and the map draw from the JSON data blocks under the strict
CSP, the map stays usable without tiles (there is no internet here), and axe finds no WCAG problems."""

from decimal import Decimal

import pytest

from gebieden.services import grens_opslaan
from leefbaarheidsbudget.models import Budget, Kernplafond
from tests.browser.helpers import check_a11y, ingelogd_als
from tests.factories import KernFactory
from tests.raad.factories import MotieFactory, VoortgangsupdateFactory

pytestmark = pytest.mark.browser

VIERKANT = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.1], [5.05, 52.1], [5.05, 52.15], [5.0, 52.15], [5.0, 52.1]]],
}


@pytest.fixture
def raadsgegevens(gemeente, kern):
    grens_opslaan(kern, VIERKANT)
    KernFactory(gemeente=gemeente, naam="Loenen", slug="loenen")  # no boundary: only in the table
    budget = Budget.objects.create(gemeente=gemeente, jaar=2025, totaal=Decimal("10000"))
    Kernplafond.objects.create(budget=budget, kern=kern, plafond=Decimal("4000"))
    motie = MotieFactory(gemeente=gemeente, nummer="M-31", titel="Versterking gebiedsgericht werken")
    VoortgangsupdateFactory(motie=motie)
    return motie


def test_dashboard_tekent_grafieken(page, live_server, raadslid, raadsgegevens):
    ingelogd_als(page, live_server, raadslid)
    page.goto(f"{live_server.url}/raad/dashboard/?jaar=2025")
    assert page.locator("table.raad-cijfers").count() >= 4
    # Every figure with a chart draws it (a figure without data, e.g. meldingen per wijk, is a sentence).
    aantal_grafieken = page.locator(".raad-grafiek").count()
    assert aantal_grafieken >= 4
    assert page.locator(".raad-grafiek canvas").count() == aantal_grafieken
    check_a11y(page)


def test_kaart_werkt_zonder_achtergrondtegels(page, live_server, raadslid, raadsgegevens):
    # The default tile service (PDOK, allowed by the CSP) cannot be reached from the test machine;
    # where it can, the warning stays hidden and the rest of this test still holds.
    ingelogd_als(page, live_server, raadslid)
    page.goto(f"{live_server.url}/raad/kaart/?jaar=2025&maat=geld.budget")
    assert page.locator("#raad-kaart path.leaflet-interactive").count() == 1  # Breukelen's boundary
    page.wait_for_load_state("networkidle")
    tegels_geladen = page.evaluate(
        "Array.from(document.querySelectorAll('#raad-kaart img.leaflet-tile'))"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert tegels_geladen or page.locator("#raad-kaart-melding").is_visible()
    page.locator("#raad-kaart path.leaflet-interactive").click()
    assert page.locator(".leaflet-popup-content a", has_text="Breukelen").count() == 1
    # axe measures contrast as rendered: wait until the popup is fully opaque.
    page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    assert page.get_by_role("rowheader", name="Loenen").count() == 1
    check_a11y(page)


def test_moties_en_open_cijfers_zonder_toegankelijkheidsfouten(page, live_server, raadslid, raadsgegevens):
    page.goto(f"{live_server.url}/open-cijfers/?gemeente=stichtse-vecht&jaar=2025")
    assert page.locator(".raad-grafiek canvas").count() >= 1
    check_a11y(page)
    ingelogd_als(page, live_server, raadslid)
    page.goto(f"{live_server.url}/raad/moties/")
    check_a11y(page)
    page.get_by_role("link", name="M-31").click()
    assert page.locator("h1").inner_text().startswith("M-31")
    check_a11y(page)


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_participatie_per_project(request, live_server, raadslid, raadsgegevens, gemeente, scherm):
    from tests.participatie.factories import ParticipatieplanFactory
    from tests.rollen.factories import ParticipatiestapFactory, ProjectFactory

    pagina = request.getfixturevalue(scherm)
    project = ProjectFactory(gemeente=gemeente, naam="Herinrichting Stationsplein")
    ParticipatieplanFactory(project=project, gepubliceerd=True)
    ParticipatiestapFactory(project=project, niveau="raadplegen", wat="Enquête")
    raadsgegevens.projecten.add(project)
    ingelogd_als(pagina, live_server, raadslid)
    pagina.goto(f"{live_server.url}/raad/dashboard/?jaar=2025")
    pagina.get_by_role("link", name="Participatie per project").click()
    pagina.wait_for_load_state()
    assert pagina.get_by_role("rowheader", name="Herinrichting Stationsplein").count() == 1
    check_a11y(pagina)
    pagina.get_by_role("link", name="M-31").click()
    pagina.wait_for_load_state()
    assert pagina.get_by_role("link", name="Herinrichting Stationsplein").count() == 1
    check_a11y(pagina)
