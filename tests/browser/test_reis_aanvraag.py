"""Journey: an application for the leefbaarheidsbudget from the first word to the settled amount, and
the council member who sees the granted amount on the dashboard.

The member of the Activiteitencommissie works on a phone (`telefoon`, 390×844); staff and the raadslid
at a desk (`page`). Who does what follows the four-eyes rules of leefbaarheidsbudget/services.py: the
adviseur decides, so a colleague registers the payment (the adviseur's page offers no button but says
"wacht op een collega"), and the adviseur, who did not pay, settles the amount. The budget page shows the money move at each
step, in the amounts as people read them (€ 1.234,56).
"""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from rollen.constants import Rol
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.browser.helpers import check_a11y, inloggen, past_in_de_breedte
from tests.factories import UserFactory
from tests.leefbaarheidsbudget.factories import BudgetFactory, RegelingFactory
from tests.raad.factories import MotieFactory, VoortgangsupdateFactory
from tests.rollen.factories import ToewijzingFactory

pytestmark = pytest.mark.browser

JAAR = timezone.localdate().year
TITEL = "Burendag op het Kerkplein"
GROEP = "Activiteitencommissie Breukelen"


@pytest.fixture
def budgetwereld(wijk):
    gemeente, kern = wijk.gemeente, wijk.kern
    # Grants up to € 500 are settled at once; this journey's grant needs an accountability.
    RegelingFactory(
        gemeente=gemeente,
        jaar=JAAR,
        sluitingsdatum=None,
        direct_vaststellen_tot=Decimal("500.00"),
        vier_ogen=True,
    )
    BudgetFactory(gemeente=gemeente, jaar=JAAR, totaal=Decimal("12500.00"))
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam=GROEP)
    lid = UserFactory(groepslid=True, naam="Lotte Lid", email="lotte@example.nl")
    LidmaatschapFactory(groep=groep, gebruiker=lid, contactpersoon=True)
    adviseur = UserFactory(
        medewerker=True, gemeente=gemeente, naam="Anouk Adviseur", email="anouk@stichtsevecht.example"
    )
    ToewijzingFactory(rol=Rol.ADVISEUR, kern=kern, medewerker=adviseur)
    collega = UserFactory(
        medewerker=True, gemeente=gemeente, naam="Cas Collega", email="cas@stichtsevecht.example"
    )
    raadslid = UserFactory(
        raadslid=True, gemeente=gemeente, naam="Rik Raadslid", email="rik@stichtsevecht.example"
    )
    motie = MotieFactory(
        gemeente=gemeente,
        nummer="M-31",
        titel="Versterking gebiedsgericht werken",
        jaar=2021,
        gevraagde_actie="Heldere rollen en taken voor wijkwethouders, gebiedsteams en partners.",
    )
    VoortgangsupdateFactory(
        motie=motie, datum=datetime.date(2022, 1, 1), tekst="Start van de nieuwe werkwijze."
    )
    VoortgangsupdateFactory(motie=motie, datum=datetime.date(2022, 6, 30), tekst="Werkwijze in alle kernen.")
    return {"lid": lid, "adviseur": adviseur, "collega": collega, "raadslid": raadslid}


def via_menu(page, naam):
    """Open the main menu (collapsed on a phone) and follow one of its links, as a person would (under
    "Meer" when it is not in the top row)."""
    knop = page.get_by_role("button", name="Menu openen of sluiten")
    if knop.is_visible() and knop.get_attribute("aria-expanded") == "false":
        knop.click()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    link = menu.get_by_role("link", name=naam, exact=True)
    if not link.is_visible():  # not in the top row: under "Meer"
        menu.locator("summary", has_text="Meer").click()
    link.click()


def uitloggen(page, live_server):
    knop = page.get_by_role("button", name="Uitloggen")
    if not knop.is_visible():
        page.get_by_role("button", name="Menu openen of sluiten").click()
    knop.click()
    page.wait_for_url(live_server.url + "/")


def melding(page):
    return page.locator(".portaal-meldingen")


def status(page):
    return page.locator(".lead .lb-status").inner_text()


def budget_bekijken(page) -> dict[str, str]:
    """Open this year's budget through the menu; the key figures as shown: {label: amount}."""
    via_menu(page, "Budgetten")
    page.wait_for_url("**/budget/")
    check_a11y(page)
    page.get_by_role("link", name=f"Stichtse Vecht {JAAR}").click()
    page.wait_for_url("**/budget/*/")
    check_a11y(page)
    cijfers = {}
    for kaartje in page.locator(".portaal-kaartje").all():
        label, bedrag = kaartje.locator("p").all_inner_texts()
        cijfers[label] = bedrag
    return cijfers


def aanvraag_openen(page, tab="Aan mij toegewezen"):
    via_menu(page, "Werkvoorraad budget")
    page.wait_for_url("**/budget/werkvoorraad/**")
    page.get_by_role("navigation", name="Welke aanvragen").get_by_role("link", name=tab).click()
    page.wait_for_load_state()
    rij = page.get_by_role("row").filter(has_text=TITEL)
    expect(rij).to_have_count(1)
    check_a11y(page)
    rij.get_by_role("link", name=TITEL).click()
    page.wait_for_url("**/aanvragen/*/")
    assert page.get_by_role("heading", level=1).inner_text() == TITEL


def tabel(locator) -> dict[str, dict[str, str]]:
    """A table as {row header: {column header: cell text}}."""
    koppen = locator.locator("thead th").all_inner_texts()[1:]
    rijen = {}
    for rij in locator.locator("tbody tr, tfoot tr").all():
        kop, *cellen = rij.locator("th, td").all_inner_texts()
        rijen[kop] = dict(zip(koppen, cellen, strict=True))
    return rijen


def gegevens(locator) -> dict[str, str]:
    """The term/description pairs (dl) inside `locator`, as shown."""
    termen = locator.locator("dt").all_inner_texts()
    return dict(zip(termen, locator.locator("dd").all_inner_texts(), strict=True))


def foto() -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(uit, format="JPEG")
    return uit.getvalue()


def test_aanvraag_van_concept_tot_vaststelling_en_raadslid_ziet_het_bedrag(
    telefoon, page, live_server, budgetwereld
):
    lid, adviseur, collega = budgetwereld["lid"], budgetwereld["adviseur"], budgetwereld["collega"]
    activiteit = timezone.localdate() + datetime.timedelta(days=60)

    # Before anything happens: the whole budget is free.
    inloggen(page, live_server, adviseur)
    assert budget_bekijken(page) == {
        "Totaal": "€ 12.500,00",
        "Toegekend, nog niet vastgesteld": "€ 0,00",
        "Uitbetaald": "€ 0,00",
        "Vastgesteld": "€ 0,00",
        "Vrij": "€ 12.500,00",
    }

    # --- The member starts an application on her phone, saves a concept and submits it. ----------
    inloggen(telefoon, live_server, lid)
    via_menu(telefoon, "Mijn aanvragen")
    telefoon.wait_for_url("**/aanvragen/")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    telefoon.get_by_role("link", name="Nieuwe aanvraag").click()
    telefoon.wait_for_url("**/aanvragen/nieuw/")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    expect(telefoon.get_by_label("Voor welke groep?")).to_have_value(re.compile(r"\d+"))
    telefoon.get_by_label("Titel van de activiteit").fill(TITEL)
    telefoon.get_by_label("Ik heb de voorwaarden gelezen").check()
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Aanvraag starten").click()
    telefoon.wait_for_url("**/aanvragen/*/bewerken/")
    expect(melding(telefoon)).to_have_text("De aanvraag is als concept opgeslagen. Vul haar verder in.")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)

    telefoon.get_by_label("Wat gaat u doen?").fill("Een middag met muziek, soep en spelletjes.")
    telefoon.get_by_label("Wat levert het op?").fill("Buren leren elkaar kennen, ook de nieuwe bewoners.")
    telefoon.get_by_label("Kern", exact=True).select_option(label="Breukelen")
    telefoon.get_by_label("Datum (of eerste dag)").fill(activiteit.isoformat())
    telefoon.get_by_label("Verwacht aantal deelnemers").fill("120")
    telefoon.get_by_label("Omschrijving regel 1").fill("Huur tent en tafels")
    telefoon.get_by_label("Bedrag regel 1").fill("1.150,00")
    telefoon.get_by_label("Omschrijving regel 2").fill("Koffie, thee en soep")
    telefoon.get_by_label("Bedrag regel 2").fill("237,50")
    telefoon.get_by_label("Eigen bijdrage", exact=True).fill("100")
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Opslaan als concept").click()
    expect(melding(telefoon)).to_have_text("Het concept is opgeslagen.")
    begroting = gegevens(telefoon.get_by_role("group", name="Begroting"))
    assert begroting["Totale kosten"] == "€ 1.387,50"
    assert begroting["Gevraagd bedrag"] == "€ 1.287,50 (bij de laatste keer opslaan)"
    expect(telefoon.get_by_label("Bedrag regel 2")).to_have_value("237,50")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)

    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Opslaan en indienen").click()
    telefoon.wait_for_url("**/aanvragen/*/")
    expect(melding(telefoon)).to_have_text("Uw aanvraag is ingediend. U krijgt een bevestiging per e-mail.")
    assert status(telefoon) == "Ingediend"
    aanvraag_url = telefoon.url
    kenmerk = telefoon.locator(".lead").inner_text().split(" · ")[0]
    assert re.fullmatch(rf"LB-{JAAR}-\d{{5}}", kenmerk)
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    assert any(lid.email in m.to for m in mail.outbox)

    # --- The adviseur finds it in her work queue and asks for more information. ------------------
    page.reload()
    aanvraag_openen(page)
    assert status(page) == "Ingediend"
    check_a11y(page)
    page.get_by_role("link", name="Aanvulling vragen").click()
    page.wait_for_url("**/aanvulling/")
    check_a11y(page)
    page.get_by_label("Welke informatie hebt u nog nodig?").fill(
        "Komt er ook muziek? Zet die dan in de begroting."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Vraag versturen").click()
    expect(melding(page)).to_have_text("De groep krijgt een e-mail met uw vraag. De termijn staat stil.")
    assert status(page) == "Aanvulling gevraagd"
    check_a11y(page)

    # --- The member reads the question and answers it: one more cost line, submitted again. -------
    telefoon.goto(aanvraag_url)
    assert status(telefoon) == "Aanvulling gevraagd"
    expect(telefoon.get_by_role("region", name="Tijdlijn")).to_contain_text("Komt er ook muziek?")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    # The question itself is in "Wat nu?"; the member changes the application (answering only is
    # tests/browser/test_eerlijk_opslaan.py).
    expect(telefoon.locator(".alert", has_text="Wat nu?")).to_contain_text("Komt er ook muziek?")
    telefoon.get_by_role("link", name="Aanvraag aanpassen").click()
    telefoon.wait_for_url("**/bewerken/")
    vraag = telefoon.get_by_role("region", name="De gemeente vraagt om meer informatie")
    expect(vraag).to_contain_text("Komt er ook muziek?")
    telefoon.get_by_label("Omschrijving regel 3").fill("Muzikant")
    telefoon.get_by_label("Bedrag regel 3").fill("200")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Opslaan en indienen").click()
    telefoon.wait_for_url(aanvraag_url)
    assert status(telefoon) == "Ingediend"
    begroting = tabel(telefoon.get_by_role("table", name="Kostenposten"))
    assert begroting["Totale kosten"] == {"Bedrag": "€ 1.587,50"}
    assert begroting["Gevraagd bedrag"] == {"Bedrag": "€ 1.487,50"}
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)

    # --- The adviseur grants part of it, with her reasons. ---------------------------------------
    page.reload()
    page.get_by_role("link", name="Besluiten").click()
    page.wait_for_url("**/besluit/")
    expect(page.get_by_text("Gevraagd: € 1.487,50. Bij toekennen")).to_be_visible()
    check_a11y(page)
    page.get_by_role("radio", name="Toekennen (helemaal of gedeeltelijk)").check()
    page.get_by_label("Toegekend bedrag").fill("1.250,00")
    page.get_by_label("Motivering").fill(
        "De tent, de tafels en de catering passen in de regeling. De muzikant betalen wij niet: "
        "daarvoor is het cultuurfonds er."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit vastleggen").click()
    expect(melding(page)).to_have_text(
        "Het besluit is vastgelegd. De groep krijgt een e-mail met de beschikking."
    )
    assert status(page) == "Toegekend"
    assert (
        gegevens(page.get_by_role("region", name="Besluit"))["Besluit"]
        == "Toegekend: € 1.250,00 (gedeeltelijk)"
    )
    check_a11y(page)
    assert budget_bekijken(page) == {
        "Totaal": "€ 12.500,00",
        "Toegekend, nog niet vastgesteld": "€ 1.250,00",
        "Uitbetaald": "€ 0,00",
        "Vastgesteld": "€ 0,00",
        "Vrij": "€ 11.250,00",
    }

    # --- The group downloads the decision letter. -------------------------------------------------
    telefoon.reload()
    assert status(telefoon) == "Toegekend"
    expect(telefoon.get_by_role("region", name="Besluit")).to_contain_text("De muzikant betalen wij niet")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    with telefoon.expect_download() as download:
        telefoon.get_by_role("link", name="Beschikking downloaden (PDF)").click()
    brief = download.value
    assert brief.suggested_filename == f"beschikking-{kenmerk}.pdf"
    inhoud = Path(brief.path()).read_bytes()
    assert inhoud.startswith(b"%PDF-")
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert kenmerk in tekst and "1.250,00" in tekst

    # --- Payment: not by the adviseur who decided (four eyes), but by a colleague. ----------------
    # The page does not offer the adviseur a step the service would refuse: it says who takes it.
    page.goto(aanvraag_url)
    expect(page.get_by_role("link", name="Betaling registreren")).to_have_count(0)
    expect(page.get_by_text("Wacht op een collega.")).to_be_visible()
    expect(
        page.get_by_text("Vier ogen: u nam het besluit, dus een collega registreert de betaling.")
    ).to_be_visible()
    check_a11y(page)
    uitloggen(page, live_server)

    inloggen(page, live_server, collega)
    aanvraag_openen(page, tab="Alle aanvragen")
    page.get_by_role("link", name="Betaling registreren").click()
    page.wait_for_url("**/betaling/")
    expect(page.get_by_label("Betaald op")).to_have_value(timezone.localdate().isoformat())
    check_a11y(page)
    page.get_by_label("Betaalkenmerk (mag leeg blijven)").fill(f"BET-{JAAR}-0042")
    with page.expect_navigation():
        page.get_by_role("button", name="Betaling registreren").click()
    expect(melding(page)).to_have_text("De betaling is geregistreerd. De groep krijgt een e-mail.")
    assert status(page) == "Uitbetaald"
    betaald = gegevens(page.get_by_role("region", name="Besluit"))["Uitbetaald"]
    assert betaald == f"€ 1.250,00 op {timezone.localdate():%d-%m-%Y}"
    check_a11y(page)
    assert budget_bekijken(page)["Uitbetaald"] == "€ 1.250,00"

    # --- After the activity the member accounts for it: costs, a short report and a photo. --------
    via_menu(telefoon, "Mijn aanvragen")
    telefoon.wait_for_url("**/aanvragen/")
    rij = telefoon.get_by_role("row").filter(has_text=TITEL)
    expect(rij).to_contain_text("€ 1.250,00 toegekend")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    # The hidden part of the link text starts with a space and a bracket: a colon right after the
    # visible text would read "insturen : <titel>" (the hidden span is its own box).
    rij.get_by_role("link", name=f"Verantwoording insturen ({TITEL})", exact=True).click()
    telefoon.wait_for_url("**/verantwoording/")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    telefoon.get_by_label("Bestand").set_input_files(
        {"name": "burendag.jpg", "mimeType": "image/jpeg", "buffer": foto()}
    )
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Foto toevoegen").click()
    expect(melding(telefoon)).to_have_text("Het bestand is toegevoegd.")
    expect(
        telefoon.get_by_role("region", name="Foto's").get_by_role("link", name="burendag.jpg")
    ).to_be_visible()
    telefoon.get_by_label("Wat heeft de activiteit echt gekost?").fill("1.180,25")
    telefoon.get_by_label("Kort verslag").fill("Er kwamen 140 buren. De soep was op om vier uur.")
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Verantwoording indienen").click()
    telefoon.wait_for_url(aanvraag_url)
    expect(melding(telefoon)).to_have_text("Dank u wel! De verantwoording is ingediend.")
    assert status(telefoon) == "Verantwoording ingediend"
    assert gegevens(telefoon.get_by_role("region", name="Besluit"))["Werkelijke kosten"] == "€ 1.180,25"
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)

    # --- The adviseur (who did not pay) settles the amount; the rest is to be paid back. ----------
    uitloggen(page, live_server)
    inloggen(page, live_server, adviseur)
    page.goto(aanvraag_url)
    assert status(page) == "Verantwoording ingediend"
    check_a11y(page)
    page.get_by_role("link", name="Bedrag vaststellen").click()
    page.wait_for_url("**/vaststellen/")
    expect(page.get_by_label("Vastgesteld bedrag")).to_have_value("1250,00")
    check_a11y(page)
    page.get_by_label("Vastgesteld bedrag").fill("1.180,25")
    page.get_by_label("Motivering").fill(
        "De activiteit kostte minder dan begroot; het verschil vorderen wij terug."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Vaststellen").click()
    expect(melding(page)).to_have_text("Het bedrag is vastgesteld.")
    assert status(page) == "Vastgesteld"
    besluit = gegevens(page.get_by_role("region", name="Besluit"))
    assert besluit["Vastgesteld bedrag"] == "€ 1.180,25"
    assert besluit["Terug te betalen"] == "€ 69,75: nog niet ontvangen"
    check_a11y(page)
    assert budget_bekijken(page) == {
        "Totaal": "€ 12.500,00",
        "Toegekend, nog niet vastgesteld": "€ 0,00",
        "Uitbetaald": "€ 1.250,00",
        "Vastgesteld": "€ 1.180,25",
        "Vrij": "€ 11.319,75",
    }
    expect(page.get_by_text("Nog terug te ontvangen van groepen: € 69,75.")).to_be_visible()
    per_kern = tabel(page.get_by_role("table", name="Per kern"))
    assert per_kern["Breukelen"]["Toegekend"] == "€ 1.250,00"
    assert per_kern["Breukelen"]["Vastgesteld"] == "€ 1.180,25"

    telefoon.goto(aanvraag_url)
    assert status(telefoon) == "Vastgesteld"
    assert gegevens(telefoon.get_by_role("region", name="Besluit"))["Terug te betalen"] == (
        "€ 69,75: nog niet ontvangen"
    )
    check_a11y(telefoon)
    past_in_de_breedte(telefoon)
    with telefoon.expect_download() as download:
        telefoon.get_by_role("link", name="Vaststelling van het bedrag downloaden (PDF)").click()
    brief = download.value
    assert brief.suggested_filename == f"vaststelling-{kenmerk}.pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(brief.path()).read_bytes())).pages)
    tekst = " ".join(tekst.split())
    assert "vast op € 1.180,25" in tekst and "Wilt u € 69,75 binnen zes weken" in tekst

    # --- Journey 4: the raadslid sees the granted amount on the dashboard, and opens M-31. --------
    uitloggen(page, live_server)
    inloggen(page, live_server, budgetwereld["raadslid"])
    via_menu(page, "Raadsinformatie")
    page.wait_for_url("**/raad/dashboard/**")
    assert page.get_by_role("heading", level=1).inner_text() == f"Raadsinformatie Stichtse Vecht {JAAR}"
    geld = tabel(page.get_by_role("table", name=f"Leefbaarheidsbudget per kern, Stichtse Vecht {JAAR}"))
    assert geld["Breukelen"]["Toegekend"] == "€ 1.250,00"
    assert geld["Totaal Stichtse Vecht"]["Toegekend"] == "€ 1.250,00"
    assert geld["Totaal Stichtse Vecht"]["Budget"] == "€ 12.500,00"
    assert geld["Totaal Stichtse Vecht"]["Uitbetaald"] == "€ 1.250,00"
    inhoud = page.locator("main").inner_text()
    assert "Lotte Lid" not in inhoud and lid.email not in inhoud  # no personal data on council pages
    check_a11y(page)

    page.get_by_role("link", name="Moties en toezeggingen").click()
    page.wait_for_url("**/raad/moties/")
    check_a11y(page)
    page.get_by_role("link", name="M-31").click()
    page.wait_for_url("**/raad/moties/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "M-31 Versterking gebiedsgericht werken"
    stand = page.get_by_role("region", name="Stand van zaken")
    assert stand.get_by_role("heading", level=3).all_inner_texts() == [
        "Update 30-06-2022",
        "Update 01-01-2022",
    ]
    expect(stand).to_contain_text("Werkwijze in alle kernen.")
    check_a11y(page)
