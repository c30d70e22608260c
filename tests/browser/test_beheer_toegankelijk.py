"""The admin passes axe too (issue 18, item 9): a functional admin logs in with the two-step code and
opens the admin's index, a list and a change form (and the user add form) at 1280 px; axe finds no
WCAG 2.1 A/AA fault, and the pages break no Content Security Policy rule.

Its own browser context instead of the `page` fixture: on the admin's forms axe itself (its colour
checks) sets inline styles, which the CSP refuses and the console reports. The page fixture would count
those as the page's; here only what happens outside axe's runs counts.
"""

import re

from django.test import override_settings

from tests.accounts.test_inlogbeveiliging import app_code, app_instellen
from tests.browser.conftest import DESKTOP, SCREENSHOTS, TIJDSLIMIET_MS
from tests.browser.helpers import check_a11y, inloggen
from tests.factories import KernFactory, WijkFactory


@override_settings(OTP_VERPLICHT_VOOR_MEDEWERKERS=True)
def test_beheer_index_lijst_en_formulier_zonder_axe_fouten(browser, live_server, beheerder, kern):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=DESKTOP)
    context.set_default_timeout(TIJDSLIMIET_MS)
    page = context.new_page()
    csp = []
    page.on(
        "console",
        lambda m: (
            csp.append(f"{page.url}: {m.text}")
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda fout: csp.append(f"JavaScript-fout op {page.url}: {fout}"))
    pagina_fouten = []

    def controleer(naam):
        pagina_fouten.extend(csp)
        csp.clear()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"beheer-{naam}.png"), full_page=True)
        check_a11y(page)
        csp.clear()  # what axe's own checks set off (see the module's docstring)

    try:
        KernFactory(gemeente=kern.gemeente, naam="Loenen", slug="loenen")
        WijkFactory(kern=kern, gemeente=kern.gemeente, code="WK190402", naam="Wijk 02 Breukelen")
        apparaat = app_instellen(beheerder)
        inloggen(page, live_server, beheerder, code=app_code(apparaat))

        page.goto(f"{live_server.url}/beheer/")
        assert page.get_by_role("heading", name="Functioneel beheer").is_visible()
        assert page.get_by_role("link", name="Inlogpogingen").is_visible()
        controleer("index")

        page.goto(f"{live_server.url}/beheer/gebieden/kern/")
        assert page.get_by_role("link", name="Loenen").is_visible()
        controleer("lijst")

        page.get_by_role("link", name="Breukelen").click()
        page.wait_for_url(re.compile(rf".*/beheer/gebieden/kern/{kern.pk}/change/$"))
        assert page.get_by_label("Naam:").input_value() == "Breukelen"
        controleer("formulier")

        page.goto(f"{live_server.url}/beheer/accounts/user/add/")
        assert page.get_by_text("Na het aanmaken van de gebruiker").is_visible()
        controleer("gebruiker-toevoegen")
        pagina_fouten.extend(csp)
    finally:
        context.close()
    assert not pagina_fouten, "Fouten in de browser:\n" + "\n".join(pagina_fouten)
