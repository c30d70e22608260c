"""Two-step log-in and lockout in a real browser: what a staff member sees, and axe on every page."""

from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import totp

from tests.browser.helpers import check_a11y

pytestmark = pytest.mark.browser


@override_settings(OTP_VERPLICHT_VOOR_MEDEWERKERS=True)
def test_medewerker_stelt_de_tweede_stap_in_en_logt_ermee_in(page, live_server, medewerker):
    page.goto(live_server.url + "/account/inloggen/?next=/gebieden/")
    page.get_by_label("E-mailadres").fill(medewerker.email)
    page.get_by_label("Wachtwoord").fill("een-lang-test-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/account/tweestaps/instellen/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen in twee stappen instellen"
    check_a11y(page)

    geheim = page.locator("#geheime-sleutel").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(f"{totp(b32decode(geheim)):06d}")
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url("**/account/tweestaps/reservecodes/**")
    codes = page.get_by_role("list", name="Reservecodes").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10
    check_a11y(page)
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    page.wait_for_url("**/gebieden/")

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres").fill(medewerker.email)
    page.get_by_label("Wachtwoord").fill("een-lang-test-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/account/inloggen/code/**")
    check_a11y(page)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url("**/mijn-werk/")  # staff land on Mijn werk
    page.goto(live_server.url + "/account/mijn-account/")
    assert page.get_by_text("U heeft nog 9 reservecodes").is_visible()
    check_a11y(page)


@override_settings(AXES_ENABLED=True)
def test_geblokkeerd_na_vijf_foute_pogingen(page, live_server, medewerker):
    page.goto(live_server.url + "/account/inloggen/")
    for _ in range(5):
        page.get_by_label("E-mailadres").fill(medewerker.email)
        page.get_by_label("Wachtwoord").fill("niet-mijn-wachtwoord")
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen tijdelijk geblokkeerd"
    check_a11y(page)
