"""Issue 19's journey: an anonymous resident reports on a phone (390 px) with a photo and follows the
status link; the demo's Beheerder Leefomgeving (kees.verhoef, password and TOTP) handles it with a standard
reply and publishes the photo; the reporter reads the closing mail from the durable queue, rates it 2 and
asks to reopen with the link in the mail; the beheerder reviews the request and reopens. Also the duplicate
and forward pages at 390 and 1280 px. axe on every page."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from PIL import Image

from accounts.demo import DEMO_TOTP_SLEUTEL, DEMO_WACHTWOORD
from accounts.models import User
from berichten.models import Bericht
from gebieden.models import Gemeente, Wijk
from meldingen import services
from meldingen.constants import MeldingStatus
from meldingen.models import Doorzetting, Melding, Standaardantwoord
from meldingen.selectors import wijken_van
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


def _melden(page, live_server, wijk, tmp_path, email, gemeente_slug=None):
    page.goto(
        f"{live_server.url}/meldingen/melden/" + (f"?gemeente={gemeente_slug}" if gemeente_slug else "")
    )
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


KEES = "kees.verhoef@stichtsevecht.demo"


@pytest.fixture
def demo(transactional_db):
    # As in production: staff log in in two steps, so the demo gives Kees his authenticator secret.
    with override_settings(OTP_VERPLICHT_VOOR_MEDEWERKERS=True):
        call_command("load_demo", stdout=io.StringIO())


def _link_uit_mail(aan: str, sjabloon_onderwerp: str, patroon: str) -> str:
    """The path of a link in the newest queued mail to `aan` whose subject holds `sjabloon_onderwerp`."""
    bericht = Bericht.objects.filter(aan=aan, onderwerp__contains=sjabloon_onderwerp).latest("pk")
    gevonden = re.search(r"https?://[^/\s]+(" + patroon + r")", bericht.tekst)
    assert gevonden, bericht.tekst
    return gevonden.group(1)


@override_settings(OTP_VERPLICHT_VOOR_MEDEWERKERS=True)
def test_reis_melden_afhandelen_beoordelen_en_heropenen(telefoon, page, live_server, demo, tmp_path):
    gemeente = Gemeente.objects.get(code="GM1904")
    kees = User.objects.get(email=KEES)
    wijk = Wijk.objects.get(pk=wijken_van(kees)[0])
    email = "bewoner.journey@example.nl"

    # 1. The resident reports on a phone, with a photo, without logging in.
    _melden(telefoon, live_server, wijk, tmp_path, email, gemeente_slug=gemeente.slug)
    melding = Melding.objects.get(email=email)
    assert melding.behandelaar == kees and melding.fotos.count() == 1
    _geen_zijwaarts_scrollen(telefoon)
    check_a11y(telefoon)

    # 2. The beheerder logs in with password and authenticator code and handles it with a standard reply.
    inloggen(
        page,
        live_server,
        KEES,
        wachtwoord=DEMO_WACHTWOORD,
        code=f"{totp(bytes.fromhex(DEMO_TOTP_SLEUTEL)):06d}",
    )
    page.goto(f"{live_server.url}/meldingen/werk/")
    check_a11y(page)
    # The beheerder follows the link in the mail "Nieuwe melding voor u" (the queue is long in the demo).
    page.goto(live_server.url + _link_uit_mail(KEES, melding.referentie, r"/meldingen/werk/M-[^/\s]+/"))
    check_a11y(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Foto 1 publiceren").click()
    assert page.get_by_text("openbaar", exact=True).is_visible()
    page.get_by_label("Nieuwe status").select_option(label="Afgehandeld")
    page.get_by_label("Standaardantwoord invoegen").select_option(label="Opgelost")
    assert (
        page.get_by_label("Toelichting", exact=True)
        .input_value()
        .startswith("Wij hebben het probleem opgelost.")
    )
    page.get_by_label("Stuur deze tekst naar de melder").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).first.click()
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.AFGEHANDELD
    check_a11y(page)

    # 3. The reporter reads the closing mail (from the durable queue) and rates it 2 on the phone.
    beoordelen = _link_uit_mail(email, "is afgehandeld", r"/meldingen/status/[^\s#]+/#reactie-kop")
    telefoon.goto(live_server.url + beoordelen)
    assert telefoon.get_by_role("img", name=f"Foto 1 bij melding {melding.referentie}").is_visible()
    check_a11y(telefoon)
    telefoon.get_by_label("2", exact=True).check()
    telefoon.get_by_label("Wilt u nog iets zeggen?").fill("De lamp is nog steeds uit.")
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Versturen").click()
    assert telefoon.get_by_text("Bedankt voor uw reactie.").is_visible()
    _geen_zijwaarts_scrollen(telefoon)
    check_a11y(telefoon)

    # 4. ... and asks to reopen with the one-click link of the same mail: a page to confirm, then a POST.
    heropenen = _link_uit_mail(email, "is afgehandeld", r"/meldingen/status/[^\s/]+/heropenen/")
    telefoon.goto(live_server.url + heropenen)
    check_a11y(telefoon)
    melding.refresh_from_db()
    assert melding.tevredenheid == 2 and melding.heropenverzoek_op is None  # the GET changed nothing
    with telefoon.expect_navigation():
        telefoon.get_by_role("button", name="Ja, vraag om heropenen").click()
    assert telefoon.get_by_text("Uw verzoek is verstuurd.").is_visible()
    check_a11y(telefoon)
    melding.refresh_from_db()
    assert melding.heropenverzoek_op is not None

    # 5. The beheerder reviews the request and reopens; the reporter hears it.
    page.goto(f"{live_server.url}/meldingen/werk/?lijst=heropenverzoek")
    check_a11y(page)
    assert page.get_by_role("link", name=melding.referentie).is_visible()
    page.goto(live_server.url + _link_uit_mail(KEES, "Verzoek om heropenen", r"/meldingen/werk/M-[^/\s]+/"))
    with page.expect_navigation():
        page.get_by_role("link", name="Beoordeel het verzoek").click()
    assert page.get_by_text("De lamp is nog steeds uit.").is_visible()
    check_a11y(page)
    page.get_by_label("Wat gaat u doen?").fill("We komen de lamp opnieuw bekijken.")
    with page.expect_navigation():
        page.get_by_role("button", name="Heropenen en melder informeren").click()
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.HEROPEND and melding.heropenverzoek_op is None
    check_a11y(page)
    assert Bericht.objects.filter(aan=email, tekst__contains="We komen de lamp opnieuw bekijken.").exists()


@pytest.mark.parametrize("scherm", ["telefoon", "page"])
def test_dubbel_en_doorzetten(request, scherm, live_server, wijk, categorie, beheerder_wijk):
    pagina = request.getfixturevalue(scherm)
    hoofd, dubbel = (
        services.melding_doen(
            gemeente=wijk.gemeente, categorie=categorie, wijk=wijk, tekst=tekst, email="m@example.nl"
        )
        for tekst in ("Lamp bij de kerk is uit.", "Lantaarn bij de kerk doet het niet.")
    )
    inloggen(pagina, live_server, beheerder_wijk)

    # Forward the main report as a tracked question, then record the answer.
    pagina.goto(live_server.url + hoofd.get_absolute_url())
    check_a11y(pagina)
    pagina.get_by_label("Aan welke afdeling of organisatie?").fill("Stedin")
    pagina.locator("#id_vraag").fill("Is de kabel naar de lamp kapot?")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Vraag vastleggen").click()
    hoofd.refresh_from_db()
    assert hoofd.status == MeldingStatus.DOORGEZET
    assert pagina.get_by_text("1 wacht op antwoord").is_visible()
    _geen_zijwaarts_scrollen(pagina)
    check_a11y(pagina)
    pagina.goto(f"{live_server.url}/meldingen/werk/?lijst=wacht_op_antwoord")
    assert pagina.get_by_role("link", name=hoofd.referentie).is_visible()
    check_a11y(pagina)
    pagina.goto(live_server.url + hoofd.get_absolute_url())
    pagina.get_by_label("Antwoord van Stedin").fill("Ja, we repareren hem deze week.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Antwoord vastleggen").click()
    hoofd.refresh_from_db()
    assert hoofd.status == MeldingStatus.IN_BEHANDELING
    assert Doorzetting.objects.get().antwoord == "Ja, we repareren hem deze week."
    check_a11y(pagina)

    # Merge the second report into the first from its duplicate page.
    pagina.goto(live_server.url + dubbel.get_absolute_url())
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Dubbele melding samenvoegen").click()
    assert pagina.get_by_role("link", name=hoofd.referentie).is_visible()  # suggested as the main report
    _geen_zijwaarts_scrollen(pagina)
    check_a11y(pagina)
    pagina.get_by_label("Nummer van de hoofdmelding").fill(hoofd.referentie)
    pagina.get_by_label("Waarom is dit dezelfde melding?").fill("Dezelfde lamp bij de kerk.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Samenvoegen").click()
    dubbel.refresh_from_db()
    assert dubbel.hoofdmelding == hoofd and dubbel.status == MeldingStatus.AFGEHANDELD
    check_a11y(pagina)
    # Its reporter follows the main report on the status page.
    pagina.goto(live_server.url + dubbel.get_status_url())
    assert pagina.get_by_text(f"Deze melding is samengevoegd met {hoofd.referentie}.").is_visible()
    check_a11y(pagina)
