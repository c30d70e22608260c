"""Journey: an anonymous resident looks up their wijk and who their contacts there are."""

import pytest

from rollen.constants import Rol
from tests.browser.helpers import check_a11y
from tests.factories import BuurtFactory, KernFactory, UserFactory, WijkFactory
from tests.rollen.factories import ToewijzingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def breukelen(wijk):
    BuurtFactory(wijk=wijk, code="BU19040201", naam="Broeckland", inwoners=1200)
    BuurtFactory(wijk=wijk, code="BU19040202", naam="Breukelen-Noord", inwoners=900)
    andere_kern = KernFactory(gemeente=wijk.gemeente, naam="Loenen aan de Vecht", slug="loenen")
    WijkFactory(kern=andere_kern, gemeente=wijk.gemeente, code="WK190410", naam="Wijk 10 Loenen")
    adviseur = UserFactory(
        medewerker=True,
        gemeente=wijk.gemeente,
        naam="Anouk Adviseur",
        email="a.adviseur@stichtsevecht.example",
    )
    ToewijzingFactory(rol=Rol.ADVISEUR, kern=wijk.kern, medewerker=adviseur)
    beheerder = UserFactory(
        medewerker=True, gemeente=wijk.gemeente, naam="Bas Beheer", email="b.beheer@stichtsevecht.example"
    )
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=beheerder)
    return wijk


def test_bewoner_zoekt_zijn_wijk_op(page, live_server, breukelen):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Naar de gebieden").click()
    page.wait_for_url("**/gebieden/")
    check_a11y(page)

    page.get_by_label("Zoek een kern of wijk").fill("breukelen")
    with page.expect_navigation():
        page.get_by_label("Zoek een kern of wijk").press("Enter")
    assert page.get_by_role("status").inner_text() == 'Gevonden voor "breukelen": 1 kern en 1 wijk.'
    assert page.get_by_role("link", name="Wijk 10 Loenen").count() == 0
    check_a11y(page)

    page.get_by_role("link", name="Wijk 02 Breukelen").click()
    page.wait_for_url("**/gebieden/wijk/WK190402/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wijk 02 Breukelen"
    kruimelpad = page.get_by_role("navigation", name="Kruimelpad")
    assert kruimelpad.get_by_role("link", name="Breukelen").is_visible()
    buurten = page.get_by_role("table", name="Buurten van Wijk 02 Breukelen")
    assert buurten.get_by_role("rowheader").all_inner_texts() == ["Broeckland", "Breukelen-Noord"]
    contacten = page.get_by_role("region", name="Contactpersonen")
    assert contacten.get_by_text("Anouk Adviseur").is_visible()
    assert contacten.get_by_role("link", name="b.beheer@stichtsevecht.example").is_visible()
    check_a11y(page)


def test_bewoner_vindt_zijn_contactpersoon(page, live_server, breukelen):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Contactpersonen").click()
    page.wait_for_url("**/contactpersonen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wie is mijn contactpersoon?"
    check_a11y(page)

    page.get_by_label("Kies een kern of wijk").select_option(label="Wijk 02 Breukelen")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Contactpersonen voor Wijk 02 Breukelen"
    adviseur = page.get_by_role("heading", name="Adviseur Leefomgeving").locator("..")
    assert "Anouk Adviseur" in adviseur.inner_text()
    assert adviseur.get_by_role("link", name="a.adviseur@stichtsevecht.example").get_attribute("href") == (
        "mailto:a.adviseur@stichtsevecht.example"
    )
    beheer = page.get_by_role("heading", name="Beheerder Leefomgeving").locator("..")
    assert "Bas Beheer" in beheer.inner_text()
    check_a11y(page)


def test_bewoner_kiest_eerst_zijn_gemeente(page, live_server, breukelen):
    """With more than one gemeente the lookup asks the gemeente first, then lists only its areas."""
    from tests.factories import GemeenteFactory

    westland = GemeenteFactory(code="GM1783", naam="Westland", slug="westland")
    KernFactory(gemeente=westland, naam="Naaldwijk", slug="naaldwijk")
    page.goto(live_server.url + "/contactpersonen/")
    check_a11y(page)
    page.get_by_label("Kies eerst uw gemeente").select_option(label="Stichtse Vecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon kernen en wijken").click()
    keuze = page.get_by_label("Kies een kern of wijk in Stichtse Vecht")
    assert "Naaldwijk" not in keuze.inner_text()
    check_a11y(page)
    keuze.select_option(label="Wijk 02 Breukelen")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Contactpersonen voor Wijk 02 Breukelen"
    assert page.get_by_role("link", name="Kies een andere gemeente").is_visible()
    check_a11y(page)

    page.get_by_label("Of zoek op postcode, straat of naam van uw kern, wijk of gemeente").fill("naald")
    with page.expect_navigation():
        page.get_by_label("Of zoek op postcode, straat of naam van uw kern, wijk of gemeente").press("Enter")
    page.get_by_role("link", name="Naaldwijk").click()
    page.wait_for_url("**/contactpersonen/?gebied=kern-*")
    assert page.get_by_role("heading", level=1).inner_text() == "Contactpersonen voor Naaldwijk"
    assert "Kies een kern of wijk in Westland" in page.locator("label[for=id_gebied]").inner_text()
    check_a11y(page)
