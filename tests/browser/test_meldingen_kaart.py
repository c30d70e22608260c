"""The map parts of meldingen in Chromium at 390 and 1280 px, with axe: a resident points at the place on
the map (a click, and on the desktop the keyboard too) and sends the report without choosing a wijk — the
server finds the wijk; the public wijk page shows the open meldingen on a map with rounded points."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meldingen import services
from meldingen.models import Melding
from meldingen.selectors import afgerond_punt
from tests.browser.helpers import check_a11y, ingelogd_als, past_in_de_breedte
from tests.factories import UserFactory, WijkFactory
from tests.meldingen.factories import OOST, WEST, CategorieFactory, SubcategorieFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def categorie(gemeente):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Verlichting", slug="verlichting")
    return SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Lamp brandt niet")


@pytest.fixture
def west(gemeente, kern):
    WijkFactory(gemeente=gemeente, kern=kern, code="WK190412", naam="Breukelen-Oost", grens=OOST)
    return WijkFactory(gemeente=gemeente, kern=kern, code="WK190411", naam="Breukelen-West", grens=WEST)


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_bewoner_wijst_de_plek_aan_op_de_kaart(request, scherm, live_server, gemeente, categorie, west):
    pagina = request.getfixturevalue(scherm)
    pagina.goto(f"{live_server.url}/meldingen/melden/?gemeente={gemeente.slug}")
    kaart = pagina.get_by_role("region", name="Kaart om de plek aan te wijzen")
    kaart.scroll_into_view_if_needed()
    assert kaart.is_visible()
    past_in_de_breedte(pagina)
    check_a11y(pagina)
    # A click in the middle of Breukelen-West as drawn (the wijken by name: Oost, then West).
    assert kaart.locator(".leaflet-overlay-pane path").count() == 2
    doos = kaart.locator(".leaflet-overlay-pane path").nth(1).bounding_box()
    pagina.mouse.click(doos["x"] + doos["width"] / 2, doos["y"] + doos["height"] / 2)
    # The map answers a moment after the click or key: expect() waits for it, is_visible() would not.
    expect(pagina.get_by_text("De plek is gekozen. Dit is in Breukelen-West.")).to_be_visible()
    assert pagina.locator("#id_lat").input_value() and pagina.locator("#id_lon").input_value()
    check_a11y(pagina)
    pagina.get_by_label("Waar gaat het over?").select_option(label="Lamp brandt niet")
    pagina.get_by_label("Wat is er aan de hand?").fill("De lamp bij het bankje doet het niet.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Melding versturen").click()
    melding = Melding.objects.get()
    assert melding.wijk == west and melding.lat is not None
    check_a11y(pagina)


def test_plek_aanwijzen_met_het_toetsenbord(page, live_server, gemeente, categorie, west):
    page.goto(f"{live_server.url}/meldingen/melden/?gemeente={gemeente.slug}")
    kaart = page.get_by_role("region", name="Kaart om de plek aan te wijzen")
    kaart.focus()
    page.keyboard.press("ArrowRight")  # pan east, into Breukelen-Oost
    # Leaflet ignores arrow keys while it pans: more presses than one counted one, two or none, by the
    # machine's speed. Wait until the pan is done, as a person sees the map stop.
    expect(page.locator(".leaflet-map-pane.leaflet-pan-anim")).to_have_count(0)
    page.keyboard.press("Tab")
    while not page.evaluate("() => document.activeElement.hasAttribute('data-kaart-midden')"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("De plek is gekozen. Dit is in Breukelen-Oost.")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Punt weghalen"
    expect(page.get_by_text("De plek is weggehaald.")).to_be_visible()
    expect(page.locator("#id_lat")).to_have_value("")


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_publieke_wijkpagina_met_kaart(request, scherm, live_server, gemeente, categorie, west):
    for lat, lon in (("52.171234", "5.004321"), ("52.165432", "5.007654")):
        services.melding_doen(
            gemeente=gemeente, categorie=categorie, tekst="Geheim", lat=lat, lon=lon, email="a@example.nl"
        )
    pagina = request.getfixturevalue(scherm)
    pagina.goto(f"{live_server.url}{west.get_absolute_url()}")
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Alle meldingen in Breukelen-West op de kaart").click()
    assert pagina.get_by_role("heading", level=1).inner_text() == "Meldingen in Breukelen-West"
    assert pagina.locator(".meldingen-merk").count() == 2
    html = pagina.content()
    assert "52.171234" not in html and "5.004321" not in html and "Geheim" not in html
    lat, lon = afgerond_punt("52.171234", "5.004321")
    merk = pagina.get_by_title("1. Verlichting: Lamp brandt niet: Gemeld").or_(
        pagina.get_by_title("2. Verlichting: Lamp brandt niet: Gemeld")
    )
    assert merk.count() == 2 and f"{lat}" in html
    past_in_de_breedte(pagina)
    check_a11y(pagina)


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_dekking_toont_niet_toegewezen_meldingen(request, scherm, live_server, gemeente, categorie, west):
    """A wijk without a Beheerder: its melding waits unassigned, and the coverage page says how many."""
    services.melding_doen(gemeente=gemeente, categorie=categorie, tekst="Lamp", wijk=west)
    pagina = request.getfixturevalue(scherm)
    ingelogd_als(pagina, live_server, UserFactory(medewerker=True, gemeente=gemeente))
    pagina.goto(live_server.url + reverse("rollen:dekking"))
    assert pagina.get_by_text("Niet toegewezen meldingen in Stichtse Vecht: 1").is_visible()
    past_in_de_breedte(pagina)
    check_a11y(pagina)
