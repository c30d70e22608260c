"""Journey: a resident registers an Activiteitencommissie and confirms it from the e-mail; the area's adviseur accepts it and invites a
member; the member opens the link in the e-mail, chooses a password and lands in "Mijn groep".

The live server runs in this process and the test settings send mail to django.core.mail.outbox
(locmem), so the test reads the invitation link from the mail the member would get.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from rollen.constants import Rol
from tests.browser.helpers import check_a11y, inloggen
from tests.factories import UserFactory
from tests.rollen.factories import ToewijzingFactory

pytestmark = pytest.mark.browser

GROEP = "Activiteitencommissie De Brug"


@pytest.fixture
def adviseur(wijk):
    """The Adviseur Leefomgeving of Breukelen: new registrations there are routed to her."""
    adviseur = UserFactory(
        medewerker=True, gemeente=wijk.gemeente, naam="Anouk Adviseur", email="anouk@stichtsevecht.example"
    )
    ToewijzingFactory(rol=Rol.ADVISEUR, kern=wijk.kern, medewerker=adviseur)
    return adviseur


def mails_aan(adres):
    return [m for m in mail.outbox if adres in m.to]


def test_bewoner_meldt_groep_aan_en_nieuw_lid_kiest_wachtwoord(page, live_server, adviseur):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"

    # The resident finds the form on the page of their kern.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Naar de gebieden").click()
    page.wait_for_url("**/gebieden/")
    check_a11y(page)
    page.get_by_role("link", name="Breukelen", exact=True).first.click()
    page.wait_for_url("**/gebieden/stichtse-vecht/breukelen/")
    check_a11y(page)
    page.get_by_role("link", name="Meld een nieuwe groep aan").click()
    page.wait_for_url("**/bewonersgroepen/aanmelden/**")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Een bewonersgroep aanmelden in Stichtse Vecht"
    )
    expect(page.get_by_role("checkbox", name="Breukelen", exact=True)).to_be_checked()  # from the kern page
    check_a11y(page)

    soorten = page.get_by_role("group", name="Soort groep").get_by_role("radio")
    assert soorten.count() == 4  # the four kinds, no "---------"
    page.get_by_role("radio", name="Activiteitencommissie").check()
    page.get_by_label("Naam*", exact=True).fill(GROEP)
    page.get_by_label("Wat doet de groep").fill("Wij organiseren een burendag en een kerstmarkt bij de brug.")
    page.get_by_label("E-mailadres van de groep (openbaar)").fill("info@debrug.example")
    page.get_by_label("Uw naam").fill("Bea Bewoner")
    page.get_by_label("Uw e-mailadres").fill("bea@example.nl")
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelding versturen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bevestig uw aanmelding"
    expect(page.get_by_text(f"Wij hebben de aanmelding van {GROEP} ontvangen.")).to_be_visible()
    check_a11y(page)
    # Double opt-in: only a mail to the registrant, with our own text and a link; staff hear nothing yet.
    bevestiging = mails_aan("bea@example.nl")
    assert [m.subject for m in bevestiging] == ["Bevestig de aanmelding van uw groep"]
    assert GROEP not in bevestiging[0].body and "Bea" not in bevestiging[0].body
    assert mails_aan(adviseur.email) == []

    # Bea opens the link in the mail and confirms.
    link = re.search(r"https?://\S+/aanmelden/bevestigen/\S+/", bevestiging[0].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelding bevestigen"
    check_a11y(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, bevestig de aanmelding").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bedankt, de aanmelding is bevestigd"
    check_a11y(page)
    assert [m.subject for m in mails_aan(adviseur.email)] == ["Nieuwe aanmelding van een groep in uw gebied"]

    # The adviseur finds it among the registrations waiting for her and accepts it.
    inloggen(page, live_server, adviseur)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bewonersgroepen").click()
    page.wait_for_url("**/bewonersgroepen/")
    te_behandelen = page.get_by_role("table", name="Nieuwe groepen die op uw beoordeling wachten")
    rij = te_behandelen.get_by_role("row").filter(has_text=GROEP)
    expect(rij).to_contain_text("Activiteitencommissie")
    expect(rij).to_contain_text("Anouk Adviseur")
    check_a11y(page)
    rij.get_by_role("link", name=GROEP).click()
    page.wait_for_url("**/bewonersgroepen/*/")
    assert page.get_by_role("heading", level=1).inner_text() == GROEP
    expect(page.get_by_text("Bea Bewoner (bea@example.nl)")).to_be_visible()
    check_a11y(page)

    page.get_by_label("Nieuwe status").select_option(label="Actief")
    with page.expect_navigation():
        page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_role("status")).to_have_text("De status is nu 'Actief'.")
    expect(page.locator(".lead")).to_contain_text("status: actief")
    # The applicant is told, and invited as the group's first contact person.
    assert f"Aanmelding {GROEP}: geaccepteerd" in [m.subject for m in mails_aan("bea@example.nl")]
    check_a11y(page)

    # She invites a member by e-mail.
    page.get_by_role("link", name="Lid uitnodigen").click()
    page.wait_for_url("**/leden/uitnodigen/")
    check_a11y(page)
    page.get_by_label("Naam").fill("Mo Lid")
    page.get_by_label("E-mailadres").fill("mo@example.nl")
    page.get_by_label("Functie").select_option(label="Penningmeester")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_have_text("De uitnodiging is verstuurd naar mo@example.nl.")
    expect(page.get_by_text("Mo Lid (mo@example.nl)")).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/")

    # The member opens the link from the e-mail and chooses a password.
    [uitnodiging] = mails_aan("mo@example.nl")
    assert uitnodiging.subject == f"Uitnodiging: word lid van {GROEP} in het Gebiedsportaal"
    link = re.search(r"https?://\S+(/bewonersgroepen/uitnodiging/\S+/)", uitnodiging.body)
    assert link, uitnodiging.body
    page.goto(live_server.url + link.group(1))
    assert page.get_by_role("heading", level=1).inner_text() == f"Welkom bij {GROEP}"
    expect(page.get_by_text("U bent uitgenodigd als penningmeester.")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Kies een wachtwoord").fill("Brug-en-buren-2026!")
    page.get_by_label("Herhaal het wachtwoord").fill("Brug-en-buren-2026!")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging accepteren").click()
    page.wait_for_url("**/mijn-groep/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn groep"
    expect(page.get_by_role("status")).to_have_text(f"Welkom bij {GROEP}!")
    expect(page.get_by_text("Ingelogd als Mo Lid")).to_be_visible()
    expect(page.get_by_role("heading", name=GROEP)).to_be_visible()
    check_a11y(page)

    # The password works: log out and in again with it.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/")
    inloggen(page, live_server, "mo@example.nl", wachtwoord="Brug-en-buren-2026!")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn groep").click()
    page.wait_for_url("**/mijn-groep/")
    expect(page.get_by_role("link", name=GROEP)).to_be_visible()
