"""Forms by keyboard alone; errors tied to their fields and the first error gets focus."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import beschrijving, check_a11y, gefocust, inloggen, tab_naar

pytestmark = pytest.mark.browser


def test_skiplink_is_de_eerste_tabstop_en_brengt_naar_de_inhoud(page, live_server, db):
    page.goto(live_server.url + "/gebieden/")
    page.keyboard.press("Tab")
    assert gefocust(page)["tekst"] == "Naar de inhoud"
    assert page.get_by_role("link", name="Naar de inhoud").is_visible()  # visible once focused
    page.keyboard.press("Enter")
    assert gefocust(page)["id"] == "inhoud"


def test_inloggen_met_alleen_het_toetsenbord(page, live_server, medewerker):
    page.goto(live_server.url + "/")
    tab_naar(page, "a[href='/account/inloggen/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/inloggen/")
    # Chromium applies autofocus on a rendering step after "load": wait for it, don't race it.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(medewerker.email)
    page.keyboard.press("Tab")
    assert gefocust(page)["id"] == "id_password"
    page.keyboard.type("een-lang-test-wachtwoord")
    page.keyboard.press("Tab")
    assert (gefocust(page)["tag"], gefocust(page)["tekst"]) == ("button", "Inloggen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert page.get_by_text(f"Ingelogd als {medewerker.naam}").is_visible()


def test_inloggen_met_enter_in_het_wachtwoordveld(page, live_server, medewerker):
    page.goto(live_server.url + "/account/inloggen/")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(medewerker.email)
    page.keyboard.press("Tab")
    page.keyboard.type("een-lang-test-wachtwoord")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Uitloggen").is_visible()


def test_eerste_veldfout_krijgt_focus_en_is_aan_het_veld_gekoppeld(page, live_server, db):
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("Wachtwoord").fill("iets")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    assert gefocust(page)["id"] == "id_username"
    veld = page.locator("#id_username")
    assert veld.get_attribute("aria-invalid") == "true"
    assert beschrijving(page, "#id_username") == "Dit veld is verplicht."
    assert page.locator("#id_password").get_attribute("aria-invalid") is None
    check_a11y(page)


def test_fout_over_het_hele_formulier_krijgt_focus_en_wordt_voorgelezen(page, live_server, medewerker):
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres").fill(medewerker.email)
    page.get_by_label("Wachtwoord").fill("helemaal-verkeerd-wachtwoord")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    focus = gefocust(page)
    assert focus["role"] == "alert"
    assert "klopt niet" in focus["tekst"]
    check_a11y(page)


def test_medewerker_opent_zijn_account(page, live_server, medewerker):
    """The example from README.md, "Browser tests"."""
    inloggen(page, live_server, medewerker)
    page.get_by_role("link", name=medewerker.naam).click()
    page.wait_for_url("**/account/mijn-account/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn account"
    check_a11y(page)
