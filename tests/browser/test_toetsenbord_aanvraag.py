"""Keyboard only: a member starts, completes and submits an application with Tab, typing and Enter.

The form has no "add a line" button: it offers empty cost lines, and after saving there are new empty
ones ("Meer regels nodig? Sla op"). The test fills the three offered lines, saves, and adds a fourth in
the new empty line, all by keyboard. On the way it submits once too early: focus goes to the field
with the error, whose message is read with it.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import beschrijving, check_a11y, gefocust, inloggen, tab_naar

pytestmark = pytest.mark.browser


@pytest.fixture
def lid(groep_met_budget):
    return groep_met_budget[1]


def dag_en_maand_gelijk(vanaf: datetime.date) -> datetime.date:
    """The first date from `vanaf` whose day equals its month (2 February, 3 March, ...): typed into a
    date field it means the same whether the browser shows dd-mm-jjjj or mm/dd/jjjj."""
    dag = vanaf
    while dag.day != dag.month:
        dag += datetime.timedelta(days=1)
    return dag


def volgende(page, veld_id):
    """Tab to the next field; a date field takes a Tab per part (day, month, year) before it lets go."""
    tab_naar(page, f"#{veld_id}", max_stappen=4)


def test_aanvraag_invullen_en_indienen_met_alleen_het_toetsenbord(page, live_server, lid):
    datum = dag_en_maand_gelijk(timezone.localdate() + datetime.timedelta(days=45))
    inloggen(page, live_server, lid)

    tab_naar(page, "a[href='/aanvragen/']")  # "Mijn aanvragen" in the main menu
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_naar(page, "a[href='/aanvragen/nieuw/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_naar(page, "#id_groep")
    volgende(page, "id_titel")
    page.keyboard.type("Spelletjesmiddag in het dorpshuis")
    volgende(page, "id_voorwaarden_gelezen")  # "Ik heb de voorwaarden gelezen", needed to submit
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert gefocust(page)["tekst"] == "Aanvraag starten"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/aanvragen/*/bewerken/")
    check_a11y(page)

    # Everything but what the activity brings (doel): submitting now must bring focus to that field.
    tab_naar(page, "#id_titel", max_stappen=40)
    volgende(page, "id_omschrijving")
    page.keyboard.type("Een middag met bordspellen en een kleine quiz.")
    volgende(page, "id_doel")
    volgende(page, "id_kern")
    page.keyboard.type("Breu")  # a select picks the option you type
    volgende(page, "id_wijk")
    volgende(page, "id_datum_van")
    page.keyboard.type(f"{datum:%d%m%Y}")
    volgende(page, "id_datum_tot")
    volgende(page, "id_verwacht_aantal_deelnemers")
    page.keyboard.type("45")
    for regel, (omschrijving, bedrag) in enumerate(
        [("Huur dorpshuis", "180,00"), ("Spellen en prijzen", "95,50"), ("Koffie en limonade", "40")]
    ):
        volgende(page, f"id_kosten-{regel}-omschrijving")
        page.keyboard.type(omschrijving)
        volgende(page, f"id_kosten-{regel}-bedrag")
        page.keyboard.type(bedrag)
        volgende(page, f"id_kosten-{regel}-DELETE")  # the "remove this line" checkbox, left alone
    volgende(page, "id_eigen_bijdrage")
    page.keyboard.type("25,50")
    tab_naar(page, "button[name=indienen]", max_stappen=4)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("#id_doel")).to_be_focused()
    assert beschrijving(page, "#id_doel").endswith("Vertel wat de activiteit oplevert voor de buurt.")
    expect(
        page.get_by_text("De aanvraag is nog niet ingediend en uw wijzigingen zijn nog niet opgeslagen.")
    ).to_be_visible()
    expect(page.locator("#id_kosten-2-bedrag")).to_have_value("40")  # nothing typed is lost
    check_a11y(page)
    page.keyboard.type("Dorpsgenoten van alle leeftijden ontmoeten elkaar.")

    # Save the concept with Enter on its button: a new empty line appears for a fourth cost.
    tab_naar(page, "button[name=opslaan]", max_stappen=30)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Het concept is opgeslagen.")
    tab_naar(page, "#id_kosten-3-omschrijving", max_stappen=80)
    page.keyboard.type("Muziek")
    volgende(page, "id_kosten-3-bedrag")
    page.keyboard.type("150")
    tab_naar(page, "button[name=indienen]", max_stappen=20)
    assert gefocust(page)["tekst"] == "Opslaan en indienen"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.wait_for_url("**/aanvragen/*/")
    expect(page.get_by_role("status")).to_have_text(
        "Uw aanvraag is ingediend. U krijgt een bevestiging per e-mail."
    )
    assert page.locator(".lead .lb-status").inner_text() == "Ingediend"
    kosten = page.get_by_role("table", name="Kostenposten")
    expect(kosten.locator("tbody tr td:first-child")).to_have_text(
        ["Huur dorpshuis", "Spellen en prijzen", "Koffie en limonade", "Muziek"]
    )
    expect(kosten.locator("tfoot tr").last).to_contain_text("€ 440,00")  # 465,50 − 25,50
    wanneer = page.get_by_role("region", name="De activiteit").locator("dd").nth(3)
    expect(wanneer).to_have_text(f"{datum:%d-%m-%Y}")
    check_a11y(page)
