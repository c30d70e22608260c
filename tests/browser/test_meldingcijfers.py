"""Council figures of meldingen in a real browser (issue 19, item 7): the dashboard (raadslid) and the open
figures (anonymous) at phone and desktop width: charts with distinct colours and a legend, a table under
each, no axe violations."""

import pytest

from tests.browser.helpers import check_a11y, ingelogd_als
from tests.browser.test_grafieken import BREEDTES, _controleer_grafieken
from tests.raad.test_meldingcijfers import meldingjaar  # noqa: F401  (the hand-made year, a fixture)

pytestmark = pytest.mark.browser

SLEUTELS = ["meldingen", "meldingen_afhandeling", "meldingen_wijken"]


def _controleer(page, naam):
    grafieken = _controleer_grafieken(page)
    for key in SLEUTELS:
        assert f"grafiek-{key}" in grafieken
        assert page.locator(f"#figuur-{key}-kop").is_visible()
    assert grafieken["grafiek-meldingen"]["labels"] == ["Afval", "Groen"]
    tabel = page.locator("section[aria-labelledby='figuur-meldingen_afhandeling-kop'] table")
    assert "66,7%" in tabel.inner_text() and "3,5" in tabel.inner_text()
    page.locator("#figuur-meldingen-kop").scroll_into_view_if_needed()
    check_a11y(page)


@pytest.mark.parametrize("maat", BREEDTES, ids=["390", "1280"])
def test_dashboard_meldingen_als_raadslid(page, live_server, raadslid, meldingjaar, maat):  # noqa: F811
    page.set_viewport_size(maat)
    ingelogd_als(page, live_server, raadslid)
    page.goto(f"{live_server.url}/raad/dashboard/?jaar=2025")
    _controleer(page, f"dashboard-{maat['width']}")


@pytest.mark.parametrize("maat", BREEDTES, ids=["390", "1280"])
def test_open_cijfers_meldingen_anoniem(page, live_server, gemeente, meldingjaar, maat):  # noqa: F811
    page.set_viewport_size(maat)
    page.goto(f"{live_server.url}/open-cijfers/?gemeente={gemeente.slug}&jaar=2025")
    _controleer(page, f"open-{maat['width']}")
