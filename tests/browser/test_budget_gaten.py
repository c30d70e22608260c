"""Issue 18, item 10 (a) and (b) in a real browser at 390 px and 1280 px, with axe:
(a) a staff member enters and submits an application on a group's behalf; the group's member sees
"ingevoerd door … namens …" and the staff member is not offered the decision (four eyes);
(b) the regulation's checklist on the start page, and "Ik heb de voorwaarden gelezen" needed to submit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from tests.browser.helpers import check_a11y, ingelogd_als, past_in_de_breedte

pytestmark = pytest.mark.browser

VANDAAG = timezone.localdate()
SCHERMEN = ["page", "telefoon"]  # 1280 px and 390 px


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_medewerker_voert_in_namens_de_groep(request, live_server, groep_met_budget, kern, scherm):
    pagina = request.getfixturevalue(scherm)
    groep, lid, collega = groep_met_budget
    ingelogd_als(pagina, live_server, collega)
    pagina.goto(live_server.url + reverse("leefbaarheidsbudget:werkvoorraad"))
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Aanvraag invoeren namens een groep").click()
    check_a11y(pagina)
    past_in_de_breedte(pagina)
    pagina.get_by_label("Voor welke groep?").select_option(label=groep.naam)
    pagina.get_by_label("Hoe kwam de aanvraag binnen?").fill("Telefoon met de voorzitter.")
    pagina.get_by_label("Titel").fill("Burendag op het plein")
    pagina.get_by_label("Wat gaat u doen?").fill("Spelletjes en muziek op het plein.")
    pagina.get_by_label("Wat levert het op?").fill("Buren leren elkaar kennen.")
    pagina.get_by_label("Kern").select_option(label=kern.naam)
    pagina.get_by_label("Datum (of eerste dag)").fill((VANDAAG + datetime.timedelta(days=70)).isoformat())
    pagina.get_by_label("Verwacht aantal deelnemers").fill("60")
    pagina.get_by_label("Omschrijving regel 1").fill("Huur tent")
    pagina.get_by_label("Bedrag regel 1").fill("450")
    # Without the tick the submission is refused, and nothing is saved.
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Indienen namens de groep").click()
    expect(pagina.get_by_text("Lees de voorwaarden en zet een vinkje")).to_be_visible()
    assert not Aanvraag.objects.exists()
    check_a11y(pagina)
    past_in_de_breedte(pagina)
    pagina.get_by_label("Ik heb de voorwaarden met de groep doorgenomen").check()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Indienen namens de groep").click()
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Status.INGEDIEND and aanvraag.ingevoerd_door == collega
    namens = "Ingevoerd door Cas Collega (gemeente) namens Activiteitencommissie Breukelen."
    expect(pagina.locator(".lb-namens")).to_have_text(namens)
    expect(pagina.get_by_text("Wacht op een collega.")).to_be_visible()
    expect(pagina.get_by_role("link", name="Besluiten")).to_have_count(0)
    check_a11y(pagina)
    past_in_de_breedte(pagina)

    # The group's member sees it, with who entered it, also in the timeline.
    pagina.context.clear_cookies()
    ingelogd_als(pagina, live_server, lid)
    pagina.goto(live_server.url + aanvraag.get_absolute_url())
    expect(pagina.locator(".lb-namens")).to_have_text(namens)
    expect(pagina.get_by_text("Telefoon met de voorzitter.")).to_be_visible()
    check_a11y(pagina)
    past_in_de_breedte(pagina)


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_voorwaarden_voor_de_start_en_vinkje_voor_indienen(request, live_server, groep_met_budget, scherm):
    pagina = request.getfixturevalue(scherm)
    groep, lid, _ = groep_met_budget
    ingelogd_als(pagina, live_server, lid)
    pagina.goto(live_server.url + "/aanvragen/nieuw/")
    voorwaarden = pagina.get_by_role("region", name="Lees eerst de voorwaarden")
    for tekst in ["Niet voor eten en drinken.", "minstens zes weken vóór de activiteit", "eigen bijdrage"]:
        expect(voorwaarden).to_contain_text(tekst)
    check_a11y(pagina)
    past_in_de_breedte(pagina)
    pagina.get_by_label("Titel van de activiteit").fill("Buurtfeest")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Aanvraag starten").click()  # a concept: no tick needed
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == Status.CONCEPT and aanvraag.voorwaarden_gelezen_op is None
    # On the form the conditions wait behind a summary, with the tick below it.
    pagina.get_by_text("Lees de voorwaarden van het leefbaarheidsbudget").click()
    expect(pagina.get_by_text("Niet voor speeltoestellen.")).to_be_visible()
    check_a11y(pagina)
    past_in_de_breedte(pagina)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Opslaan en indienen").click()
    expect(pagina.get_by_text("Lees de voorwaarden en zet een vinkje").first).to_be_visible()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT
    pagina.get_by_label("Ik heb de voorwaarden gelezen").check()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Opslaan als concept").click()
    aanvraag.refresh_from_db()
    assert aanvraag.voorwaarden_gelezen_op is not None
    expect(pagina.get_by_text("De voorwaarden zijn gelezen op")).to_be_visible()
