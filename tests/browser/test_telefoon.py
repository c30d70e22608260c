"""Phone-sized viewport (390×844): no sideways scrolling, the menu opens, no accessibility errors."""

import pytest

from tests.browser.helpers import check_a11y
from tests.factories import BuurtFactory

pytestmark = pytest.mark.browser

PAGINAS = {
    "home": "/",
    "gebieden": "/gebieden/",
    "gemeente": "/gebieden/stichtse-vecht/",
    "kern": "/gebieden/stichtse-vecht/breukelen/",
    "wijk": "/gebieden/wijk/WK190402/",
    "zoeken": "/gebieden/zoeken/?q=breuk",
}


@pytest.mark.parametrize("naam", PAGINAS)
def test_pagina_past_op_een_telefoon(telefoon, live_server, wijk, naam):
    BuurtFactory(wijk=wijk, code="BU19040201", naam="Broeckland")
    assert telefoon.goto(live_server.url + PAGINAS[naam]).status == 200
    breedte = telefoon.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"de pagina scrolt zijwaarts: {breedte}"
    check_a11y(telefoon)


def test_menu_klapt_open_op_een_telefoon(telefoon, live_server, db):
    """Bootstrap's JavaScript works under the strict CSP: the collapsed menu opens on a tap."""
    telefoon.goto(live_server.url + "/")
    menuknop = telefoon.get_by_role("button", name="Menu openen of sluiten")
    gebieden = telefoon.get_by_role("link", name="Gebieden", exact=True)
    assert menuknop.is_visible() and not gebieden.is_visible()
    assert menuknop.get_attribute("aria-expanded") == "false"
    menuknop.tap()
    gebieden.wait_for(state="visible")
    assert menuknop.get_attribute("aria-expanded") == "true"
    check_a11y(telefoon)
    gebieden.tap()
    telefoon.wait_for_url("**/gebieden/")
    assert telefoon.get_by_role("heading", level=1).inner_text() == "Gebieden"
