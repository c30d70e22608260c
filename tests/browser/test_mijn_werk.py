"""Mijn werk in a real browser, as member, staff, finance, raadslid and functional admin, on a phone
(390 px) and a desk (1280 px), with axe: where each lands after log-in, what is offered and what waits
for a colleague (four eyes), and the main menu in one row at 1280 px ("Meer" holds the rest)."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leefbaarheidsbudget import services
from rollen.constants import Rol
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.browser.helpers import check_a11y, inloggen, past_op_telefoons
from tests.factories import UserFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory
from tests.rollen.factories import ToewijzingFactory

pytestmark = pytest.mark.browser

JAAR = timezone.localdate().year


@pytest.fixture
def werkwereld(wijk):
    """A granted application (decided by the adviseur, so finance pays it), one in handling and a
    concept of the member's group."""
    gemeente, kern = wijk.gemeente, wijk.kern
    RegelingFactory(gemeente=gemeente, jaar=JAAR, sluitingsdatum=None, direct_vaststellen_tot=Decimal("0"))
    BudgetFactory(gemeente=gemeente, jaar=JAAR, totaal=Decimal("12500.00"))
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Activiteitencommissie Breukelen")
    lid = UserFactory(groepslid=True, naam="Lotte Lid", email="lotte@example.nl")
    LidmaatschapFactory(groep=groep, gebruiker=lid, contactpersoon=True)
    adviseur = UserFactory(
        medewerker=True, gemeente=gemeente, naam="Anouk Adviseur", email="anouk@sv.example"
    )
    ToewijzingFactory(rol=Rol.ADVISEUR, kern=kern, medewerker=adviseur)
    financien = UserFactory(medewerker=True, gemeente=gemeente, naam="Kees Verhoef", email="kees@sv.example")
    raadslid = UserFactory(raadslid=True, gemeente=gemeente, naam="Rik Raadslid", email="rik@sv.example")
    beheerder = UserFactory(beheerder=True, gemeente=gemeente, naam="Bram Beheerder", email="bram@sv.example")

    toegekend = AanvraagFactory(groep=groep, kern=kern, titel="Burendag op het Kerkplein")
    toegekend = services.aanvraag_indienen(aanvraag=toegekend, door=lid)
    toegekend = services.aanvraag_in_behandeling_nemen(aanvraag=toegekend, door=adviseur)
    services.aanvraag_toekennen(
        aanvraag=toegekend, door=adviseur, bedrag=toegekend.gevraagd_bedrag, motivering="Goed plan."
    )
    lopend = AanvraagFactory(groep=groep, kern=kern, titel="Kerstmarkt")
    lopend = services.aanvraag_indienen(aanvraag=lopend, door=lid)
    services.aanvraag_in_behandeling_nemen(aanvraag=lopend, door=adviseur)
    AanvraagFactory(groep=groep, kern=kern, titel="Zomerfeest")  # a concept: the group's action
    return {
        "lid": lid,
        "adviseur": adviseur,
        "financien": financien,
        "raadslid": raadslid,
        "beheerder": beheerder,
    }


def menu_in_een_rij(page):
    """The top row of the main menu and the user block: every item's top edge on one line."""
    items = page.locator("#hoofdmenu > .navbar-nav > .nav-item").all()
    assert len(items) >= 2
    toppen = {round(item.bounding_box()["y"]) for item in items}
    assert max(toppen) - min(toppen) <= 2, f"menu in meer dan één rij: {sorted(toppen)}"
    kop = page.locator(".portaal-navbar").bounding_box()
    assert kop["height"] < 90, f"de menubalk is {kop['height']} px hoog"


def op_beide_breedtes(page):
    """axe at 1280 px, the menu in one row there, and the page fits 390 and 320 px."""
    check_a11y(page)
    menu_in_een_rij(page)
    past_op_telefoons(page)


def test_lid_landt_op_mijn_werk_en_ziet_wat_de_groep_moet_doen(telefoon, page, live_server, werkwereld):
    for scherm in (telefoon, page):
        inloggen(scherm, live_server, werkwereld["lid"])
        assert scherm.url == f"{live_server.url}/mijn-werk/"
        expect(scherm.get_by_role("heading", level=1)).to_have_text("Mijn werk")
        groep = scherm.get_by_role("region", name="Uw groep", exact=True)
        expect(groep).to_contain_text("Activiteitencommissie Breukelen")
        expect(groep).to_contain_text("status: actief")
        acties = scherm.get_by_role("region", name="Wat uw groep nu moet doen")
        expect(acties).to_contain_text("Zomerfeest")
        expect(acties).to_contain_text("Maak de aanvraag af en dien haar in.")
        expect(scherm.get_by_text("Aan mij toegewezen")).to_have_count(0)
        check_a11y(scherm)
    menu_in_een_rij(page)
    past_op_telefoons(telefoon)


def test_medewerker_ziet_zijn_werk_en_wacht_op_collega_voor_de_betaling(
    telefoon, page, live_server, werkwereld
):
    for scherm in (telefoon, page):
        inloggen(scherm, live_server, werkwereld["adviseur"])
        assert scherm.url == f"{live_server.url}/mijn-werk/"
        aan_mij = scherm.get_by_role("region", name="Aan mij toegewezen")
        expect(aan_mij).to_contain_text("Kerstmarkt")
        expect(aan_mij).to_contain_text("Burendag op het Kerkplein")
        te_betalen = scherm.get_by_role("region", name="Te betalen (1)")
        expect(te_betalen).to_contain_text("Wacht op een collega.")
        expect(te_betalen.get_by_role("link", name="Betaling registreren")).to_have_count(0)
        expect(scherm.get_by_text("Wat uw groep nu moet doen")).to_have_count(0)
        check_a11y(scherm)
    op_beide_breedtes(page)


def test_financien_ziet_te_betalen_met_knop(telefoon, page, live_server, werkwereld):
    for scherm in (telefoon, page):
        inloggen(scherm, live_server, werkwereld["financien"])
        te_betalen = scherm.get_by_role("region", name="Te betalen (1)")
        expect(te_betalen).to_contain_text("Burendag op het Kerkplein")
        expect(te_betalen).not_to_contain_text("Wacht op een collega")
        check_a11y(scherm)
    op_beide_breedtes(page)
    page.get_by_role("region", name="Te betalen (1)").get_by_role("link", name="Betaling registreren").click()
    page.wait_for_url("**/betaling/")
    check_a11y(page)


def test_raadslid_landt_op_het_dashboard(telefoon, page, live_server, werkwereld):
    for scherm in (telefoon, page):
        inloggen(scherm, live_server, werkwereld["raadslid"])
        assert scherm.url.startswith(f"{live_server.url}/raad/dashboard/")
        check_a11y(scherm)
    menu_in_een_rij(page)


def test_beheerder_ziet_gaten_en_het_menu_klapt_meer_uit(telefoon, page, live_server, werkwereld):
    for scherm in (telefoon, page):
        inloggen(scherm, live_server, werkwereld["beheerder"])
        dekking = scherm.get_by_role("region", name="Gaten in de dekking van Stichtse Vecht")
        expect(dekking).to_contain_text("Kernen zonder wijkwethouder (1)")
        expect(dekking).to_contain_text("Breukelen")
        check_a11y(scherm)
    op_beide_breedtes(page)
    # "Meer" opens over the page without a second row, and Escape closes it again.
    meer = page.locator("summary", has_text="Meer")
    meer.click()
    dekking = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dekking", exact=True)
    expect(dekking).to_be_visible()
    check_a11y(page)
    menu_in_een_rij(page)
    page.keyboard.press("Escape")
    expect(dekking).to_be_hidden()
    # On a phone the same items are in the collapsed menu, "Meer" opening in place.
    telefoon.get_by_role("button", name="Menu openen of sluiten").click()
    telefoon.locator("summary", has_text="Meer").click()
    expect(
        telefoon.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dekking", exact=True)
    ).to_be_visible()
    check_a11y(telefoon)
    past_op_telefoons(telefoon)
