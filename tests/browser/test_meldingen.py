"""A resident reports on a phone (with a photo) and on a desktop, gets the receipt and follows the status
link; the Beheerder Leefomgeving handles it with a standard reply, the reporter rates it 2 and asks to
reopen, the beheerder reopens. axe on every page, 390 and 1280 px."""

import pytest
from django.core import mail
from PIL import Image

from meldingen.constants import MeldingStatus
from meldingen.models import Melding, Standaardantwoord
from tests.browser.helpers import check_a11y, inloggen
from tests.factories import UserFactory
from tests.meldingen.factories import CategorieFactory, SubcategorieFactory
from tests.rollen.factories import ToewijzingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def categorie(gemeente):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Verlichting", slug="verlichting")
    Standaardantwoord.objects.create(
        categorie=hoofd,
        titel="Lamp vervangen",
        tekst="Wij hebben de lamp vervangen. Bedankt voor uw melding.",
    )
    return SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Lamp brandt niet")


@pytest.fixture
def beheerder_wijk(wijk):
    return ToewijzingFactory(
        beheerder_wijk=True,
        wijk=wijk,
        medewerker=UserFactory(medewerker=True, gemeente=wijk.gemeente, naam="Kees Verhoef"),
    ).medewerker


def _foto(tmp_path):
    pad = tmp_path / "lamp.jpg"
    Image.new("RGB", (60, 40), "orange").save(pad, format="JPEG")
    return pad


def _geen_zijwaarts_scrollen(page):
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"de pagina scrolt zijwaarts: {breedte}"


def _melden(page, live_server, wijk, tmp_path, email):
    page.goto(f"{live_server.url}/meldingen/melden/")
    _geen_zijwaarts_scrollen(page)
    check_a11y(page)
    page.get_by_label("Waar gaat het over?").select_option(label="Lamp brandt niet")
    page.get_by_label("Wat is er aan de hand?").fill("De lamp bij het bankje doet het niet.")
    page.get_by_label("In welke kern of wijk?").select_option(label=wijk.naam)
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 4")
    page.get_by_label("Foto's (hoogstens 3)").set_input_files(str(_foto(tmp_path)))
    page.get_by_label("Uw e-mailadres").fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name="Melding versturen").click()


def test_bewoner_meldt_op_een_telefoon_en_volgt_de_status(
    telefoon, live_server, wijk, categorie, beheerder_wijk, tmp_path
):
    _melden(telefoon, live_server, wijk, tmp_path, "bewoner@example.nl")
    melding = Melding.objects.get()
    assert melding.behandelaar == beheerder_wijk and melding.fotos.count() == 1
    assert telefoon.get_by_text(melding.referentie).first.is_visible()
    _geen_zijwaarts_scrollen(telefoon)
    check_a11y(telefoon)
    with telefoon.expect_navigation():
        telefoon.get_by_role("link", name=melding.get_status_url(), exact=False).click()
    assert telefoon.get_by_role("heading", name=f"Melding {melding.referentie}").is_visible()
    assert "bewoner@example.nl" not in telefoon.content()
    _geen_zijwaarts_scrollen(telefoon)
    check_a11y(telefoon)


def test_bewoner_meldt_op_een_computer_en_de_beheerder_handelt_af(
    page, live_server, wijk, categorie, beheerder_wijk, tmp_path, browser, django_capture_on_commit_callbacks
):
    _melden(page, live_server, wijk, tmp_path, "bewoner@example.nl")
    melding = Melding.objects.get()
    check_a11y(page)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    staf = context.new_page()
    try:
        inloggen(staf, live_server, beheerder_wijk)
        staf.goto(f"{live_server.url}/meldingen/werk/")
        check_a11y(staf)
        with staf.expect_navigation():
            staf.get_by_role("link", name=melding.referentie).click()
        check_a11y(staf)
        staf.get_by_label("Nieuwe status").select_option(label="Afgehandeld")
        staf.get_by_label("Standaardantwoord invoegen").select_option(label="Lamp vervangen")
        assert staf.get_by_label("Toelichting").input_value().startswith("Wij hebben de lamp vervangen.")
        staf.get_by_label("Stuur deze tekst naar de melder").check()
        mail.outbox.clear()
        with staf.expect_navigation():
            staf.get_by_role("button", name="Opslaan").first.click()
        melding.refresh_from_db()
        assert melding.status == MeldingStatus.AFGEHANDELD
        assert melding.statuswijzigingen.last().melder_geinformeerd

        # The reporter follows the link, is not satisfied (2) and asks to reopen.
        page.goto(live_server.url + melding.get_status_url())
        check_a11y(page)
        page.get_by_label("2", exact=True).check()
        page.get_by_label("Wilt u nog iets zeggen?").fill("De lamp is nog steeds uit.")
        page.get_by_label("Het probleem is niet opgelost. Open de melding opnieuw.").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Versturen").click()
        assert page.get_by_text("Bedankt voor uw reactie.").is_visible()
        check_a11y(page)

        # Staff see the request and reopen.
        staf.goto(f"{live_server.url}/meldingen/werk/?lijst=heropenverzoek")
        with staf.expect_navigation():
            staf.get_by_role("link", name=melding.referentie).click()
        assert staf.get_by_text("De melder vraagt de melding te heropenen", exact=True).is_visible()
        check_a11y(staf)
        staf.get_by_label("Nieuwe status").select_option(label="Heropend")
        staf.get_by_label("Toelichting").fill("De melder zegt dat de lamp nog uit is.")
        with staf.expect_navigation():
            staf.get_by_role("button", name="Opslaan").first.click()
        melding.refresh_from_db()
        assert melding.status == MeldingStatus.HEROPEND and melding.heropenverzoek_op is None
        check_a11y(staf)
    finally:
        context.close()
