"""Journey: a staff member draws up a samenwerkingsovereenkomst for a Bewonersgroep, sends it for
signature, adds the signed PDF and makes it active: concept → ter ondertekening → actief, each step
through the buttons the pages offer."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.bewonersgroepen.factories import GroepFactory, pdf_bytes
from tests.browser.helpers import check_a11y, gefocust, inloggen

pytestmark = pytest.mark.browser

GROEP = "Dorpsraad Nigtevecht"


def gegevens(locator) -> dict[str, str]:
    termen = locator.locator("dt").all_inner_texts()
    return dict(zip(termen, locator.locator("dd").all_inner_texts(), strict=True))


def status_wijzigen(page, naar):
    page.get_by_label("Nieuwe status").select_option(label=naar)
    with page.expect_navigation():
        page.get_by_role("button", name="Status wijzigen").click()


def test_medewerker_maakt_overeenkomst_en_zet_die_op_actief(page, live_server, kern, medewerker):
    GroepFactory(gemeente=kern.gemeente, kernen=[kern], bewonersgroep=True, naam=GROEP)
    GroepFactory(gemeente=kern.gemeente, kernen=[kern], naam="Activiteitencommissie Breukelen")
    start = timezone.localdate().replace(day=1) + datetime.timedelta(days=31)
    start = start.replace(day=1)
    eind = start.replace(year=start.year + 2) - datetime.timedelta(days=1)

    inloggen(page, live_server, medewerker)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bewonersgroepen").click()
    page.wait_for_url("**/bewonersgroepen/")
    page.get_by_label("Soort").select_option(label="Bewonersgroep")
    with page.expect_navigation():
        page.get_by_role("button", name="Filteren").click()
    groepen = page.get_by_role("table", name="Groepen (1)")
    expect(groepen.get_by_role("rowheader")).to_have_text([GROEP])
    check_a11y(page)
    groepen.get_by_role("link", name=GROEP).click()
    page.wait_for_url("**/bewonersgroepen/*/")
    versies = page.get_by_role("table", name="Versies van de samenwerkingsovereenkomst")
    expect(versies).to_contain_text("Nog geen overeenkomst.")
    check_a11y(page)

    # Concept: the agreements, without the signature yet.
    page.get_by_role("link", name="Nieuwe overeenkomst opstellen").click()
    page.wait_for_url("**/overeenkomsten/nieuw/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nieuwe samenwerkingsovereenkomst"
    check_a11y(page)
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Einddatum").fill(eind.isoformat())
    page.get_by_label("Jaarlijkse bijdrage (€)").fill("2.500,00")
    page.get_by_label("Hoe vaak overleg").fill("Vier keer per jaar met de adviseur.")
    page.get_by_label("Onderwerpen van de samenwerking").fill("Verkeer op de dijk, het dorpshuis, groen.")
    page.get_by_label("Wat de bewonersgroep doet").fill("Spreekt met het dorp en brengt het advies in.")
    page.get_by_label("Wat de gemeente doet").fill("Betaalt de bijdrage en antwoordt binnen vier weken.")
    page.get_by_label("Ondertekend namens de gemeente door").fill("Wil Wethouder")
    page.get_by_label("Functie ondertekenaar").fill("Wijkwethouder")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/bewonersgroepen/overeenkomsten/*/")
    expect(page.get_by_role("status")).to_have_text("De overeenkomst is opgeslagen als concept.")
    # The heading holds a soft hyphen (Samenwerkings-overeenkomst breaks there on a phone, not mid-word).
    kop = page.get_by_role("heading", level=1).inner_text().replace("\u00ad", "")
    assert kop == f"Samenwerkingsovereenkomst {GROEP}, versie 1"
    expect(page.locator(".lead")).to_have_text("Status: concept")
    afspraken = gegevens(page.get_by_role("region", name="Afspraken"))
    assert afspraken["Looptijd"] == f"{start:%d-%m-%Y} t/m {eind:%d-%m-%Y}"
    assert afspraken["Bijdrage per jaar"] == "€ 2.500,00"
    assert afspraken["Ondertekende overeenkomst"] == "Nog niet toegevoegd"
    check_a11y(page)

    # Ter ondertekening; it cannot become active before the signed PDF is there.
    expect(page.get_by_label("Nieuwe status").locator("option")).to_have_text(
        ["Kies een status", "Ter ondertekening"]
    )
    status_wijzigen(page, "Ter ondertekening")
    expect(page.get_by_role("status")).to_have_text("De overeenkomst is nu 'Ter ondertekening'.")
    expect(page.locator(".lead")).to_have_text("Status: ter ondertekening")
    check_a11y(page)
    status_wijzigen(page, "Actief")
    # Refused: the reason (about the whole form: the PDF is missing) stands above the form, gets focus
    # and is read out.
    melding = "Voeg eerst de ondertekende overeenkomst (PDF) toe."
    expect(page.get_by_role("alert")).to_have_text(melding)
    focus = gefocust(page)
    assert focus["role"] == "alert" and melding in focus["tekst"]
    expect(page.locator(".lead")).to_have_text("Status: ter ondertekening")
    check_a11y(page)

    # The signed PDF comes back: upload it, then make the agreement active.
    page.get_by_role("link", name="Overeenkomst wijzigen").click()
    page.wait_for_url("**/wijzigen/")
    expect(page.get_by_label("Jaarlijkse bijdrage (€)")).to_have_value("2500,00")
    check_a11y(page)
    page.get_by_label("Ondertekende overeenkomst (PDF)").set_input_files(
        {"name": "overeenkomst-getekend.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De overeenkomst is opgeslagen.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    assert download.value.suggested_filename.endswith(".pdf")

    status_wijzigen(page, "Actief")
    expect(page.get_by_role("status")).to_have_text("De overeenkomst is nu 'Actief'.")
    expect(page.locator(".lead")).to_have_text("Status: actief")
    geschiedenis = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem")
    expect(geschiedenis.locator("strong")).to_have_text(
        ["Concept", "Concept → Ter ondertekening", "Ter ondertekening → Actief"]
    )
    expect(page.get_by_role("link", name="Overeenkomst wijzigen")).to_have_count(0)  # active: fixed
    check_a11y(page)

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=GROEP).click()
    page.wait_for_url("**/bewonersgroepen/*/")
    rij = page.get_by_role("table", name="Versies van de samenwerkingsovereenkomst").get_by_role("row").nth(1)
    expect(rij.get_by_role("cell")).to_have_text(
        ["Actief", f"{start:%d-%m-%Y} t/m {eind:%d-%m-%Y}", "€ 2.500,00"]
    )
    check_a11y(page)
