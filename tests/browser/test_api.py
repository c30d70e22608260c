"""The open data API in a real browser, as a developer at a municipality meets it: the documentation page
(axe, fits a phone, CSP intact) and a fetch from another origin (CORS for GET, API-Version readable)."""

import pytest

from tests.browser.helpers import check_a11y, past_op_telefoons, tabellen_zonder_scrollvak

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("breedte", [390, 1280])
def test_documentatie_toegankelijk(browser, request, live_server, kern, breedte):
    from tests.browser.conftest import _pagina

    for page in _pagina(browser, request, f"-{breedte}", viewport={"width": breedte, "height": 900}):
        page.goto(f"{live_server.url}/api/v1/documentatie")
        assert page.locator("h1").inner_text() == "Open data API"
        assert page.locator("h2 code").count() == 20
        check_a11y(page)
        assert not tabellen_zonder_scrollvak(page)
        past_op_telefoons(page)
        page.get_by_role("link", name="GET /kernen/{id}", exact=True).click()
        assert page.url.endswith("#kernen_retrieve")


def test_ophalen_vanaf_een_andere_oorsprong(browser, request, live_server, kern):
    """A page on another origin (the portal's own privacy page at 127.0.0.1 instead of localhost, its CSP
    set aside as another site's page would not have ours) reads the API with fetch(): CORS lets it."""
    from tests.browser.conftest import _pagina

    andere_oorsprong = live_server.url.replace("localhost", "127.0.0.1")
    assert andere_oorsprong != live_server.url
    for page in _pagina(browser, request, bypass_csp=True):
        page.goto(f"{andere_oorsprong}/privacy/")
        antwoord = page.evaluate(
            """async url => {
                const r = await fetch(url);
                return {status: r.status, versie: r.headers.get('API-Version'), data: await r.json()};
            }""",
            f"{live_server.url}/api/v1/kernen",
        )
        assert antwoord["status"] == 200
        assert antwoord["versie"] == "1.0.0"  # exposed to the other origin
        assert antwoord["data"]["resultaten"][0]["naam"] == "Breukelen"
