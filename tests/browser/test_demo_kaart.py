"""Issue 18, item 6: the demo's council member opens the map and sees the kernen of Stichtse Vecht on
it, with the note that the boundaries are a sketch; on a phone and a desktop, without WCAG problems."""

import io

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_WACHTWOORD
from tests.browser.helpers import check_a11y, inloggen, past_in_de_breedte

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def test_demo_raadslid_ziet_de_schematische_kaart(request, live_server, demo):
    # Both screens in one test: the demo loads once (some 10 s) instead of once per screen.
    for scherm in ("telefoon", "page"):
        pagina = request.getfixturevalue(scherm)
        inloggen(pagina, live_server, "raadslid@demo.gebiedsportaal.nl", wachtwoord=DEMO_WACHTWOORD)
        pagina.goto(f"{live_server.url}/raad/kaart/")
        assert "Stichtse Vecht" in pagina.get_by_role("heading", level=1).inner_text()
        # Every one of the twelve kernen is drawn: a cell around its real centre.
        assert pagina.locator("#raad-kaart path.leaflet-interactive").count() == 12, scherm
        assert pagina.get_by_text("schematisch, geen officiële grenzen").is_visible(), scherm
        pagina.wait_for_load_state("networkidle")
        past_in_de_breedte(pagina)
        check_a11y(pagina)
