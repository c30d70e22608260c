"""Journey (issue 18, item 10c): the jaarbijdrage of a samenwerkingsovereenkomst. A staff member reserves this
year's contribution on the agreement's page; finance sees it in Te betalen (beside a grant whose group has no
IBAN, flagged before any click) and registers the payment (four eyes: a colleague); the group's member sees
it paid on the group page, with what to do next. At 1280 and 390 px, with axe."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)
from tests.browser.helpers import check_a11y, ingelogd_als, inloggen, past_in_de_breedte
from tests.factories import UserFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory

pytestmark = pytest.mark.browser
JAAR = timezone.localdate().year


@pytest.fixture
def dorpsraad_met_jaarbijdrage(gemeente, kern, medewerker):
    RegelingFactory(
        gemeente=gemeente, jaar=JAAR, sluitingsdatum=None, direct_vaststellen_tot=Decimal("500.00")
    )
    BudgetFactory(gemeente=gemeente, jaar=JAAR, totaal=Decimal("50000.00"))
    dorpsraad = GroepFactory(
        gemeente=gemeente,
        kernen=[kern],
        bewonersgroep=True,
        naam="Dorpsraad Nigtevecht",
        iban="NL91ABNA0417164300",
    )
    lid = LidmaatschapFactory(
        groep=dorpsraad, gebruiker=UserFactory(groepslid=True), contactpersoon=True
    ).gebruiker
    overeenkomst = SamenwerkingsovereenkomstFactory(
        groep=dorpsraad,
        actief=True,
        startdatum=datetime.date(JAAR, 1, 1),
        einddatum=datetime.date(JAAR + 1, 6, 30),
        jaarbijdrage=Decimal("2400.00"),
    )
    # A grant of a group without an IBAN: finance cannot pay it yet.
    zonder = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Buurtfeest Zonder Rekening", iban="")
    zonder_lid = LidmaatschapFactory(groep=zonder, gebruiker=UserFactory(groepslid=True)).gebruiker
    aanvraag = AanvraagFactory(groep=zonder, kern=kern, titel="Straatfeest")
    services.aanvraag_indienen(aanvraag=aanvraag, door=zonder_lid)
    services.aanvraag_toekennen(
        aanvraag=aanvraag, door=medewerker, bedrag=aanvraag.gevraagd_bedrag, motivering="Past in de regeling."
    )
    financien = UserFactory(medewerker=True, gemeente=gemeente, naam="Nadia Financiën")
    return {"overeenkomst": overeenkomst, "lid": lid, "financien": financien, "dorpsraad": dorpsraad}


def test_jaarbijdrage_vastleggen_betalen_en_zien(
    page, telefoon, live_server, dorpsraad_met_jaarbijdrage, medewerker
):
    overeenkomst = dorpsraad_met_jaarbijdrage["overeenkomst"]
    # Staff: the agreement's schedule, this year reserved with one click.
    ingelogd_als(page, live_server, medewerker)
    page.goto(live_server.url + overeenkomst.get_absolute_url())
    sectie = page.get_by_role("region", name="Jaarbijdragen")
    expect(sectie).to_contain_text(f"Jaarbijdrage {JAAR}")
    expect(sectie).to_contain_text(f"Jaarbijdrage {JAAR + 1}")
    expect(sectie).to_contain_text("naar rato")
    check_a11y(page)
    with page.expect_navigation():
        sectie.get_by_role("button", name=f"Nu vastleggen (jaarbijdrage {JAAR})").click()
    expect(page.get_by_text("is vastgelegd op het budget")).to_be_visible()
    expect(sectie.get_by_role("link", name=f"Jaarbijdrage {JAAR}")).to_be_visible()
    check_a11y(page)
    bijdrage = Aanvraag.objects.get(overeenkomst=overeenkomst)

    # Finance (a colleague): Te betalen has the contribution, and flags the grant without IBAN.
    page.context.clear_cookies()
    inloggen(page, live_server, dorpsraad_met_jaarbijdrage["financien"])
    te_betalen = page.get_by_role("region", name="Te betalen (2)")
    expect(te_betalen).to_contain_text("Jaarbijdrage")
    expect(te_betalen).to_contain_text("Geen IBAN.")
    expect(te_betalen.get_by_role("link", name="Betaling registreren (Straatfeest)")).to_have_count(0)
    check_a11y(page)
    te_betalen.get_by_role(
        "link", name=f"Betaling registreren (Jaarbijdrage {JAAR}, Dorpsraad Nigtevecht)"
    ).click()
    page.wait_for_url(f"**/aanvragen/{bijdrage.pk}/betaling/")
    page.get_by_label("Betaald op").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Betaling registreren").click()
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.UITBETAALD

    # The member, on a phone: the group page shows it paid and what to do next.
    ingelogd_als(telefoon, live_server, dorpsraad_met_jaarbijdrage["lid"])
    telefoon.goto(live_server.url + dorpsraad_met_jaarbijdrage["dorpsraad"].get_absolute_url())
    sectie = telefoon.get_by_role("region", name="Jaarbijdragen")
    expect(sectie).to_contain_text("Uitbetaald")
    expect(sectie).to_contain_text("Stuur na afloop van het jaar de verantwoording in")
    expect(sectie).to_contain_text(f"Gepland. De gemeente legt de bijdrage begin {JAAR + 1} vast.")
    sectie.scroll_into_view_if_needed()
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    # The group's lists (applications, agreement versions) are cards on a phone: nothing scrolls sideways
    # inside its box either.
    kaarten = telefoon.locator(".kaarttabel")
    assert kaarten.count() >= 1
    te_breed = telefoon.evaluate(
        "() => [...document.querySelectorAll('.tabel-scroll')].filter(d => d.querySelector('.kaarttabel'))"
        ".filter(d => d.scrollWidth > d.clientWidth + 1).map(d => d.querySelector('caption')?.textContent)"
    )
    assert te_breed == []
