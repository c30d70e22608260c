"""The gebiedsagenda at every level in a real browser (issue 18, item 11), at phone and desktop width:
an area page shows the agendas above and below it and the opgaven that span it; the overview filters by
level; axe finds nothing and nothing sticks out sideways."""

import pytest

from gebiedsagenda import services
from tests.browser.helpers import check_a11y, past_in_de_breedte
from tests.factories import BuurtFactory, KernFactory
from tests.gebiedsagenda.factories import OpgaveFactory

pytestmark = pytest.mark.browser

BREEDTES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]


@pytest.fixture
def agendas(medewerker, gemeente, kern, wijk):
    buurt = BuurtFactory(wijk=wijk, code="BU19040212", naam="Broeckland")
    loenen = KernFactory(gemeente=gemeente, naam="Loenen aan de Vecht", slug="loenen-aan-de-vecht")
    uit = {}
    for gebied in (gemeente, kern, wijk, buurt):
        uit[gebied.niveau] = services.agenda_opslaan(
            door=medewerker, gebied=gebied, toekomstbeeld=f"Het toekomstbeeld van {gebied.naam}."
        )
    OpgaveFactory(agenda=uit["gemeente"], titel="Woningen voor starters")
    OpgaveFactory(agenda=uit["buurt"], titel="Schoolroute Broeckland")
    OpgaveFactory(agenda=uit["kern"], titel="Fietsroute langs de Vecht").ook_kernen.set([loenen])
    return {"loenen": loenen, "buurt": buurt}


@pytest.mark.parametrize("maat", BREEDTES, ids=["390", "1280"])
def test_gebiedspagina_en_overzicht(page, live_server, gemeente, kern, wijk, agendas, maat):
    page.set_viewport_size(maat)
    page.goto(f"{live_server.url}{wijk.get_absolute_url()}")
    for kop in (
        f"Toekomstbeeld van {wijk.naam}",
        f"Ook voor heel de kern {kern.naam}",
        f"Ook voor heel de gemeente {gemeente.naam}",
        "Uit de agenda van de buurt Broeckland",
    ):
        assert page.get_by_role("heading", name=kop).is_visible(), kop
    assert page.get_by_role("link", name="Schoolroute Broeckland").is_visible()
    past_in_de_breedte(page)
    check_a11y(page)

    page.goto(f"{live_server.url}{agendas['loenen'].get_absolute_url()}")
    assert page.get_by_role("heading", name="Opgaven van andere gebieden die ook hier spelen").is_visible()
    assert page.get_by_role("link", name="Fietsroute langs de Vecht").is_visible()
    assert page.get_by_role("link", name="Woningen voor starters").is_visible()
    past_in_de_breedte(page)
    check_a11y(page)

    page.goto(f"{live_server.url}/gebiedsagenda/")
    page.get_by_label("Niveau").select_option("buurt")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**niveau=buurt")
    rijen = page.locator("table tbody tr")
    assert rijen.count() == 1 and "Broeckland" in rijen.first.inner_text()
    check_a11y(page)
