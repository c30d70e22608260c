"""A resident finds their contact by postcode or by the name of their village, typed either way, on a
phone and a desktop; the result says why it matched and is announced; axe finds nothing."""

import datetime

import pytest

from gebieden.models import Postcodegebied
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.browser.helpers import check_a11y
from tests.factories import KernFactory, WijkFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def postcodes(gemeente, kern, wijk, medewerker):
    gemeente.telefoon_algemeen = "14 0346"
    gemeente.email_algemeen = "info@stichtsevecht.nl"
    gemeente.save()
    oud_zuilen = KernFactory(gemeente=gemeente, naam="Oud-Zuilen", slug="oud-zuilen")
    WijkFactory(kern=oud_zuilen, gemeente=gemeente, code="WK190411", naam="Wijk 11 Oud Zuilen")
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1))
    Postcodegebied.objects.create(
        postcode="3621", kern=kern, gemeente=gemeente, bij_benadering=True, bron="tabel"
    )


def _zoek(pagina, live_server, term):
    pagina.goto(live_server.url + "/contactpersonen/")
    pagina.get_by_label("Of zoek op postcode, straat of naam van uw kern, wijk of gemeente").fill(term)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Zoeken").click()


@pytest.mark.parametrize("scherm", ["page", "telefoon"])
def test_zoeken_op_postcode_en_naam(request, live_server, postcodes, scherm):
    pagina = request.getfixturevalue(scherm)
    _zoek(pagina, live_server, "3621")
    status = pagina.get_by_role("status").first
    assert "Postcode 3621 ligt in kern Breukelen" in status.inner_text()
    assert "Bij benadering" in status.inner_text()
    assert pagina.get_by_role("heading", name="Contactpersonen voor Breukelen", level=1).is_visible()
    assert pagina.get_by_text("Mila Medewerker").is_visible()
    assert pagina.get_by_role("link", name="14 0346").first.is_visible()  # the empty Beheerder slot
    check_a11y(pagina)

    _zoek(pagina, live_server, "Oud-Zuilen")
    assert "Gevonden voor" in pagina.get_by_role("status").first.inner_text()
    links = pagina.get_by_role("region", name="Zoekresultaten").get_by_role("link")
    assert links.all_inner_texts() == ["Oud-Zuilen", "Wijk 11 Oud Zuilen"]
    check_a11y(pagina)
    # The field fits the screen: no sideways scrolling on a phone.
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
