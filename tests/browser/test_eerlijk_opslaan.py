"""Issue 18, items 1 and 3 in a real browser, on a phone (390 px) and a desktop (1280 px), with axe:
a concept keeps a wrong field as typed after a reload, submitting shows all errors together, "Mijn
aanvragen" shows status, next step and amount on a phone, and a member answers the gemeente's question."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leefbaarheidsbudget.constants import Status
from tests.browser.helpers import check_a11y, ingelogd_als
from tests.leefbaarheidsbudget.conftest import naar_status
from tests.leefbaarheidsbudget.factories import AanvraagFactory

pytestmark = pytest.mark.browser
VANDAAG = timezone.localdate()
SCHERMEN = ["page", "telefoon"]  # 1280 px and 390 px


def past(pagina):
    breedte = pagina.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"de pagina scrolt zijwaarts: {breedte}"


def in_beeld(pagina, locator):
    """The element is within the width of the screen (not cut off, not behind a sideways scroll)."""
    vak = locator.bounding_box()
    breedte = pagina.viewport_size["width"]
    assert vak is not None and vak["x"] >= 0 and vak["x"] + vak["width"] <= breedte + 0.5, (vak, breedte)


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_concept_houdt_een_fout_veld_en_indienen_toont_alle_fouten(
    request, live_server, groep_met_budget, kern, scherm
):
    pagina = request.getfixturevalue(scherm)
    _, lid, _ = groep_met_budget
    ingelogd_als(pagina, live_server, lid)
    pagina.goto(live_server.url + "/aanvragen/nieuw/")
    pagina.get_by_label("Titel van de activiteit").fill("Buurtfeest op het plein")
    pagina.get_by_label("Ik heb de voorwaarden gelezen").check()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Aanvraag starten").click()
    # The six-week rule and the decision date are there before a date is typed.
    expect(pagina.get_by_text("minstens 6 weken vóór de activiteit")).to_be_visible()
    expect(pagina.get_by_text("beslist de gemeente uiterlijk op")).to_be_visible()
    past(pagina)
    check_a11y(pagina)

    pagina.get_by_label("Wat gaat u doen?").fill("Een middag met muziek.")
    pagina.get_by_label("Eigen bijdrage").fill("tien euro")
    pagina.get_by_label("Omschrijving regel 1").fill("Springkussen")
    pagina.get_by_label("Bedrag regel 1").fill("350,00")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Opslaan als concept").click()
    expect(pagina.get_by_text("Het concept is opgeslagen, precies zoals u het invulde.")).to_be_visible()
    pagina.reload()
    expect(pagina.get_by_label("Eigen bijdrage")).to_have_value("tien euro")
    expect(pagina.get_by_label("Wat gaat u doen?")).to_have_value("Een middag met muziek.")
    expect(pagina.get_by_label("Bedrag regel 1")).to_have_value("350,00")
    expect(pagina.locator("#id_eigen_bijdrage")).to_have_attribute("aria-invalid", "true")
    in_beeld(pagina, pagina.get_by_label("Bedrag regel 1"))
    past(pagina)
    check_a11y(pagina)

    # Submit with several errors: all of them come back at once.
    te_vroeg = VANDAAG + datetime.timedelta(days=7)
    pagina.get_by_label("Eigen bijdrage").fill("900")
    pagina.get_by_label("Datum (of eerste dag)").fill(te_vroeg.isoformat())
    pagina.get_by_label("Laatste dag").fill((te_vroeg - datetime.timedelta(days=1)).isoformat())
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Opslaan en indienen").click()
    for tekst in (
        "hoger dan de kosten in de begroting",
        "De laatste dag ligt vóór de eerste dag.",
        "Vraag het geld minstens 6 weken vóór de activiteit aan.",
        "Vertel wat de activiteit oplevert voor de buurt.",
        "nog niet opgeslagen",
    ):
        expect(pagina.get_by_text(tekst).first).to_be_visible()
    expect(pagina.get_by_text("Het concept is opgeslagen")).to_have_count(0)
    past(pagina)
    check_a11y(pagina)


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_mijn_aanvragen_en_een_vraag_beantwoorden(
    request, live_server, groep_met_budget, kern, medewerker, scherm
):
    pagina = request.getfixturevalue(scherm)
    groep, lid, collega = groep_met_budget
    aanvraag = naar_status(
        AanvraagFactory(groep=groep, kern=kern, titel="Straatfeest met een lange titel voor de telefoon"),
        Status.AANVULLING_GEVRAAGD,
        lid=lid,
        medewerker=medewerker,
        collega=collega,
    )
    AanvraagFactory(groep=groep, kern=kern, titel="Nog een concept")
    ingelogd_als(pagina, live_server, lid)
    pagina.goto(live_server.url + "/aanvragen/")
    rij = pagina.locator("tr", has_text="Straatfeest")
    for cel in ("Status", "Wat nu?", "Bedrag"):
        locator = rij.locator(f'[data-label="{cel}"]')
        expect(locator).to_be_visible()
        in_beeld(pagina, locator)
    expect(rij.get_by_text("€ 900,00 gevraagd")).to_be_visible()
    past(pagina)
    check_a11y(pagina)

    pagina.get_by_role("link", name="Straatfeest met een lange titel voor de telefoon", exact=True).click()
    wat_nu = pagina.locator(".alert", has_text="Wat nu?")
    expect(wat_nu.get_by_text("Stuur een offerte mee.")).to_be_visible()
    for bedrag in pagina.locator(".lb-kosten td[data-label='Bedrag']").all():
        in_beeld(pagina, bedrag)
    past(pagina)
    check_a11y(pagina)

    pagina.get_by_role("link", name="Vraag beantwoorden").click()
    expect(pagina.get_by_text("Stuur een offerte mee.")).to_be_visible()
    past(pagina)
    check_a11y(pagina)
    pagina.get_by_label("Uw antwoord").fill("De offerte van de verhuurder zit als bijlage bij de aanvraag.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Antwoord versturen").click()
    expect(pagina.get_by_text("Uw antwoord is verstuurd")).to_be_visible()
    expect(pagina.locator(".portaal-tijdlijn").get_by_text("De offerte van de verhuurder")).to_be_visible()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    past(pagina)
    check_a11y(pagina)
