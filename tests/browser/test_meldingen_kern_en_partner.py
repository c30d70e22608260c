"""In Chromium at 390 and 1280 px, with axe: the public meldingen page per kern (from the kern page, with
"show all open meldingen on the map"), and a staff member forwarding a melding to a ketenpartner chosen
from the register."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meldingen import services
from meldingen.models import Doorzetting
from tests.browser.helpers import check_a11y, ingelogd_als, past_in_de_breedte
from tests.factories import UserFactory, WijkFactory
from tests.meldingen.factories import OOST, WEST, CategorieFactory, SubcategorieFactory
from tests.participatie.factories import KetenpartnerFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def categorie(gemeente):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Verlichting", slug="verlichting")
    return SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Lamp brandt niet")


@pytest.fixture
def wijken(gemeente, kern):
    return (
        WijkFactory(gemeente=gemeente, kern=kern, code="WK190411", naam="Breukelen-West", grens=WEST),
        WijkFactory(gemeente=gemeente, kern=kern, code="WK190412", naam="Breukelen-Oost", grens=OOST),
    )


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_publieke_kernpagina_met_alle_meldingen_op_de_kaart(
    request, scherm, live_server, gemeente, kern, categorie, wijken
):
    for lat, lon in (("52.171234", "5.004321"), ("52.165432", "5.017654"), ("52.175", "5.015")):
        services.melding_doen(
            gemeente=gemeente, categorie=categorie, tekst="Geheim", lat=lat, lon=lon, email="a@example.nl"
        )
    pagina = request.getfixturevalue(scherm)
    pagina.goto(f"{live_server.url}{kern.get_absolute_url()}")
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Alle meldingen in Breukelen op de kaart").click()
    assert pagina.get_by_role("heading", level=1).inner_text() == "Meldingen in Breukelen"
    kaart = pagina.get_by_role("region", name="Kaart van Breukelen met open meldingen")
    assert kaart.locator(".leaflet-overlay-pane path").count() == 2  # the two wijken
    assert pagina.locator(".meldingen-merk").count() == 3
    html = pagina.content()
    assert "52.171234" not in html and "Geheim" not in html and "a@example.nl" not in html
    past_in_de_breedte(pagina)
    check_a11y(pagina)
    knop = pagina.get_by_role("button", name="Toon alle open meldingen op de kaart")
    knop.click()
    expect(pagina.get_by_text("De kaart toont alle 3 open meldingen met een plaats.")).to_be_visible()
    assert pagina.locator(".meldingen-merk").count() == 0
    assert kaart.locator(".leaflet-overlay-pane path").count() == 2 + 3
    knop = pagina.get_by_role("button", name="Toon alleen de meldingen van deze pagina")
    assert knop.get_attribute("aria-pressed") == "true"
    check_a11y(pagina)
    knop.click()
    assert pagina.locator(".meldingen-merk").count() == 3


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_doorzetten_naar_een_ketenpartner_uit_het_register(
    request, scherm, live_server, gemeente, kern, categorie, wijken
):
    west = wijken[0]
    KetenpartnerFactory(gemeente=gemeente, naam="Waterschap AGV", email="info@agv.example", wijken=[west])
    KetenpartnerFactory(gemeente=gemeente, naam="Woningstichting Elders", wijken=[wijken[1]])
    melding = services.melding_doen(gemeente=gemeente, categorie=categorie, tekst="Lamp", wijk=west)
    medewerker = UserFactory(medewerker=True, gemeente=gemeente)
    pagina = request.getfixturevalue(scherm)
    ingelogd_als(pagina, live_server, medewerker)
    pagina.goto(live_server.url + reverse("meldingen:melding", args=[melding.referentie]))
    keuze = pagina.get_by_label("Ketenpartner")
    keuze.scroll_into_view_if_needed()
    groepen = keuze.locator("optgroup")
    assert groepen.nth(0).get_attribute("label") == "Werkt in deze wijk of de hele gemeente"
    assert "Waterschap AGV" in groepen.nth(0).inner_text()
    assert "Woningstichting Elders" in groepen.nth(1).inner_text()
    past_in_de_breedte(pagina)
    check_a11y(pagina)
    keuze.select_option(label="Waterschap AGV (Woningcorporatie)")
    pagina.get_by_label("Vraag").fill("Kunt u de lamp bij de sloot bekijken?")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Vraag vastleggen").click()
    assert pagina.get_by_text("De vraag aan Waterschap AGV is vastgelegd.").is_visible()
    vraag = Doorzetting.objects.get()
    assert (vraag.aan, vraag.aan_email) == ("Waterschap AGV", "info@agv.example")
    check_a11y(pagina)
