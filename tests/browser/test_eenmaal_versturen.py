"""`static/js/eenmaal-versturen.js`: after the first submit a form's buttons are disabled and a second
click sends nothing; the pressed button still goes along. The guarantee is on the server
(`invoer.eenmalig`, tests/test_dubbele_invoer.py); this spares the second request."""

import pytest
from playwright.sync_api import expect

from leefbaarheidsbudget.models import Aanvraag
from tests.browser.helpers import ingelogd_als

pytestmark = pytest.mark.browser


@pytest.fixture
def lid(groep_met_budget):
    return groep_met_budget[1]


def test_na_de_eerste_klik_zijn_de_knoppen_uit(page, live_server, lid):
    ingelogd_als(page, live_server, lid)
    page.goto(f"{live_server.url}/aanvragen/nieuw/")
    page.get_by_label("Titel van de activiteit").fill("Spelletjesmiddag")
    # Hold the form on the page (a listener after the script's), to look at it after the first click.
    page.evaluate(
        """() => {
            window.verzonden = 0;
            window.addEventListener("submit", (e) => { if (!e.defaultPrevented) window.verzonden += 1; e.preventDefault(); });
        }"""
    )
    knop = page.get_by_role("button", name="Aanvraag starten")
    knop.click()
    expect(knop).to_be_disabled()
    expect(knop).to_have_attribute("aria-disabled", "true")
    knop.dispatch_event("click")  # a disabled button: no second submit either way
    page.evaluate("() => document.querySelector('main form[method=post]').requestSubmit()")
    assert page.evaluate("() => window.verzonden") == 1


def test_de_ingedrukte_knop_gaat_mee(page, live_server, lid):
    """ "Opslaan en indienen" is told apart from "Opslaan als concept" by the button's name."""
    ingelogd_als(page, live_server, lid)
    page.goto(f"{live_server.url}/aanvragen/nieuw/")
    page.get_by_label("Titel van de activiteit").fill("Spelletjesmiddag")
    page.get_by_label("Ik heb de voorwaarden gelezen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Aanvraag starten").click()
    aanvraag = Aanvraag.objects.get()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan en indienen").click()
    # Submitted (not saved as a concept): the refusal names what is missing for a submission.
    expect(page.get_by_text("De aanvraag is nog niet ingediend")).to_be_visible()
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == "concept"
