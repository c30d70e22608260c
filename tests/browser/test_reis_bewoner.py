"""Journey: an anonymous resident looks up their wijk, by searching, as a person would."""

import pytest

from tests.browser.helpers import check_a11y
from tests.factories import BuurtFactory, KernFactory, WijkFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def breukelen(wijk):
    BuurtFactory(wijk=wijk, code="BU19040201", naam="Broeckland", inwoners=1200)
    BuurtFactory(wijk=wijk, code="BU19040202", naam="Breukelen-Noord", inwoners=900)
    andere_kern = KernFactory(gemeente=wijk.gemeente, naam="Loenen aan de Vecht", slug="loenen")
    WijkFactory(kern=andere_kern, gemeente=wijk.gemeente, code="WK190410", naam="Wijk 10 Loenen")
    return wijk


def test_bewoner_zoekt_zijn_wijk_op(page, live_server, breukelen):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Naar de gebieden").click()
    page.wait_for_url("**/gebieden/")
    check_a11y(page)

    page.get_by_label("Zoek een kern of wijk").fill("breukelen")
    with page.expect_navigation():
        page.get_by_label("Zoek een kern of wijk").press("Enter")
    assert page.get_by_role("status").inner_text() == 'Gevonden voor "breukelen": 1 kernen en 1 wijken.'
    assert page.get_by_role("link", name="Wijk 10 Loenen").count() == 0
    check_a11y(page)

    page.get_by_role("link", name="Wijk 02 Breukelen").click()
    page.wait_for_url("**/gebieden/wijk/WK190402/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wijk 02 Breukelen"
    kruimelpad = page.get_by_role("navigation", name="Kruimelpad")
    assert kruimelpad.get_by_role("link", name="Breukelen").is_visible()
    buurten = page.get_by_role("table", name="Buurten van Wijk 02 Breukelen")
    assert buurten.get_by_role("rowheader").all_inner_texts() == ["Broeckland", "Breukelen-Noord"]
    check_a11y(page)
