"""Issue 18, items 1 and 3: a concept keeps what was typed (also wrong input), submitting shows every
error at once, the six-week rule and the decision date before typing, messages that say "opgeslagen" only
when something was saved; the gemeente's question shown to the group, who answer it in a text field."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from leefbaarheidsbudget.termijnen import uiterste_beslisdatum

from .test_paginas import formulier

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def _bewerken(aanvraag):
    return reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- a concept keeps everything typed -------------------------------------------------------------------


def test_concept_met_een_fout_veld_bewaart_alles_zoals_getypt(client, aanvraag, lid):
    client.force_login(lid)
    url = _bewerken(aanvraag)
    data = formulier(aanvraag, eigen_bijdrage="tien euro", omschrijving="Nieuwe tekst die ik typte.")
    response = client.post(url, {**data, "opslaan": "1"})
    assert response.status_code == 302 and response.url == url
    assert any("Het concept is opgeslagen" in m for m in _meldingen(response))
    aanvraag.refresh_from_db()
    # The columns keep the last correct save; the typed input is kept beside it.
    assert aanvraag.eigen_bijdrage == Decimal("100.00")
    assert aanvraag.concept_invoer["eigen_bijdrage"] == ["tien euro"]
    assert "csrfmiddlewaretoken" not in aanvraag.concept_invoer and "opslaan" not in aanvraag.concept_invoer

    # Reload: every field as typed, the wrong one with its error next to it.
    pagina = client.get(url)
    form = pagina.context["form"]
    assert form["eigen_bijdrage"].value() == "tien euro"
    assert form["omschrijving"].value() == "Nieuwe tekst die ik typte."
    assert form.errors["eigen_bijdrage"]
    assert 'value="Springkussen"' in pagina.text  # the cost lines too
    # A concept is not told what is still missing for submission: only what is wrong.
    assert set(form.errors) == {"eigen_bijdrage"}


def test_concept_met_velden_die_elkaar_tegenspreken_bewaart_ook_alles(client, aanvraag, lid):
    client.force_login(lid)
    url = _bewerken(aanvraag)
    van = VANDAAG + datetime.timedelta(days=70)
    data = formulier(
        aanvraag,
        datum_van=van.isoformat(),
        datum_tot=(van - datetime.timedelta(days=2)).isoformat(),
        eigen_bijdrage="9999",
    )
    assert client.post(url, {**data, "opslaan": "1"}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.datum_tot is None  # the database never holds the wrong order
    form = client.get(url).context["form"]
    assert form["datum_tot"].value() == (van - datetime.timedelta(days=2)).isoformat()
    assert "vóór de eerste dag" in form.errors["datum_tot"][0]
    assert "hoger dan de kosten" in form.errors["eigen_bijdrage"][0]


def test_een_goed_concept_wist_de_bewaarde_invoer(client, aanvraag, lid):
    client.force_login(lid)
    url = _bewerken(aanvraag)
    client.post(url, {**formulier(aanvraag, verwacht_aantal_deelnemers="veel"), "opslaan": "1"})
    aanvraag.refresh_from_db()
    assert aanvraag.concept_invoer is not None
    data = formulier(aanvraag, verwacht_aantal_deelnemers="75")
    data["versie"] = str(aanvraag.versie)
    response = client.post(url, {**data, "opslaan": "1"})
    assert _meldingen(response)[-1] == "Het concept is opgeslagen."
    aanvraag.refresh_from_db()
    assert aanvraag.concept_invoer is None and aanvraag.verwacht_aantal_deelnemers == 75
    assert not client.get(url).context["form"].is_bound


def test_concept_van_een_oudere_versie_wordt_niet_opgeslagen_en_zegt_dat(client, aanvraag, lid):
    client.force_login(lid)
    url = _bewerken(aanvraag)
    data = {**formulier(aanvraag, verwacht_aantal_deelnemers="veel"), "versie": str(aanvraag.versie)}
    Aanvraag.objects.filter(pk=aanvraag.pk).update(versie=aanvraag.versie + 1)  # a co-member saved
    response = client.post(url, {**data, "opslaan": "1"})
    assert response.status_code == 200
    assert "Iemand anders heeft deze aanvraag intussen gewijzigd" in response.text
    assert _meldingen(response) == ["Uw wijzigingen zijn niet opgeslagen."]
    aanvraag.refresh_from_db()
    assert aanvraag.concept_invoer is None


def test_alleen_een_lid_bewaart_invoer_van_een_concept(aanvraag, medewerker):
    with pytest.raises(PermissionDenied):
        services.concept_invoer_bewaren(aanvraag=aanvraag, door=medewerker, invoer={"titel": ["x"]})


# --- submitting: every error at once --------------------------------------------------------------------


def test_indienen_toont_alle_fouten_tegelijk(client, aanvraag, lid):
    client.force_login(lid)
    te_vroeg = VANDAAG + datetime.timedelta(days=10)
    data = formulier(
        aanvraag,
        datum_van=te_vroeg.isoformat(),
        datum_tot=(te_vroeg - datetime.timedelta(days=1)).isoformat(),
        eigen_bijdrage="2000",
        doel="",
    )
    response = client.post(_bewerken(aanvraag), {**data, "indienen": "1"})
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert "minstens 6 weken" in fouten["datum_van"][0]  # the six-week rule
    assert "vóór de eerste dag" in fouten["datum_tot"][0]  # date order
    assert "hoger dan de kosten" in fouten["eigen_bijdrage"][0]  # own contribution
    assert "Vertel wat de activiteit oplevert" in fouten["doel"][0]  # missing
    assert "nog niet opgeslagen" in response.text and "Het concept is opgeslagen" not in response.text
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT and aanvraag.doel == "Buren leren elkaar kennen."


def test_indienen_met_een_onleesbaar_veld_toont_ook_de_andere_fouten(client, aanvraag, lid):
    client.force_login(lid)
    data = formulier(
        aanvraag,
        verwacht_aantal_deelnemers="heel veel",
        datum_van=(VANDAAG + datetime.timedelta(days=3)).isoformat(),
        omschrijving="",
    )
    response = client.post(_bewerken(aanvraag), {**data, "indienen": "1"})
    fouten = response.context["form"].errors
    assert set(fouten) >= {"verwacht_aantal_deelnemers", "datum_van", "omschrijving"}
    assert len(fouten["verwacht_aantal_deelnemers"]) == 1  # no "fill it in" on top of "not a number"
    assert any("nog niet ingediend" in m for m in _meldingen(response))
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT and aanvraag.concept_invoer is None


def test_kostenfouten_staan_boven_de_begroting_samen_met_de_rest(client, aanvraag, lid):
    client.force_login(lid)
    data = formulier(aanvraag, doel="", eigen_bijdrage="0")
    for regel in (0, 1):
        data.update({f"kosten-{regel}-omschrijving": "", f"kosten-{regel}-bedrag": ""})
    response = client.post(_bewerken(aanvraag), {**data, "indienen": "1"})
    assert "Zet minstens één kostenpost in de begroting." in response.context["kostenfouten"]
    assert "doel" in response.context["form"].errors


def test_de_dienst_weigert_alle_fouten_in_een_keer(aanvraag, lid):
    te_vroeg = VANDAAG + datetime.timedelta(days=5)
    gegevens = {
        "datum_van": te_vroeg,
        "datum_tot": te_vroeg - datetime.timedelta(days=1),
        "eigen_bijdrage": Decimal("5000"),
        "doel": "",
    }
    regels = [services.Kostenregel("Huur", Decimal("100"))]
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_opslaan_en_indienen(
            aanvraag=aanvraag, door=lid, gegevens=gegevens, kostenposten=regels
        )
    assert {"datum_van", "datum_tot", "eigen_bijdrage", "doel"} <= set(fout.value.message_dict)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_bijwerken(aanvraag=aanvraag, door=lid, gegevens=gegevens, kostenposten=regels)
    assert {"datum_tot", "eigen_bijdrage"} == set(fout.value.message_dict)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT and aanvraag.eigen_bijdrage == Decimal("100.00")


def test_zeswekenregel_en_beslisdatum_staan_er_voordat_het_lid_een_datum_typt(client, aanvraag, lid):
    client.force_login(lid)
    html = client.get(_bewerken(aanvraag)).text
    vroegst = VANDAAG + datetime.timedelta(days=42)
    beslist = uiterste_beslisdatum(
        ingediend_op=VANDAAG,
        termijn_dagen=aanvraag.gemeente.budgetregelingen.get().beslistermijn_dagen,
        opgeschort_dagen=0,
        verdaging_dagen=0,
    )
    assert "minstens 6 weken vóór de activiteit" in html
    assert f"op of na {vroegst:%d-%m-%Y}" in html
    assert f"beslist de gemeente uiterlijk op {beslist:%d-%m-%Y}" in html


# --- the gemeente's question and the group's answer -----------------------------------------------------


@pytest.fixture
def met_vraag(aanvraag, flow):
    return flow(aanvraag, Status.AANVULLING_GEVRAAGD)


def test_de_vraag_staat_bij_wat_nu_en_boven_het_formulier(client, met_vraag, lid):
    client.force_login(lid)
    detail = client.get(met_vraag.get_absolute_url()).text
    wat_nu = detail[detail.index("Wat nu?") : detail.index("Acties")]
    assert "Stuur een offerte mee." in wat_nu
    assert reverse("leefbaarheidsbudget:informatie_beantwoorden", args=[met_vraag.pk]) in detail
    bewerken = client.get(_bewerken(met_vraag)).text
    assert bewerken.index("Stuur een offerte mee.") < bewerken.index('name="titel"')


def test_het_lid_beantwoordt_de_vraag_in_een_tekstveld(client, met_vraag, lid):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:informatie_beantwoorden", args=[met_vraag.pk])
    pagina = client.get(url)
    assert "Stuur een offerte mee." in pagina.text and 'name="antwoord"' in pagina.text
    leeg = client.post(url, {"antwoord": "  "})
    assert leeg.status_code == 200 and leeg.context["form"].errors["antwoord"]
    response = client.post(url, {"antwoord": "De offerte zit als bijlage bij de aanvraag."})
    assert response.status_code == 302 and response.url == met_vraag.get_absolute_url()
    met_vraag.refresh_from_db()
    assert met_vraag.status == Status.INGEDIEND and met_vraag.opgeschort_sinds is None
    laatste = met_vraag.statuswijzigingen.order_by("-op", "-pk").first()
    assert "De offerte zit als bijlage bij de aanvraag." in laatste.toelichting
    tijdlijn = client.get(met_vraag.get_absolute_url()).text
    assert "De offerte zit als bijlage bij de aanvraag." in tijdlijn


def test_beantwoorden_alleen_door_de_groep_en_alleen_als_er_een_vraag_open_staat(
    client, met_vraag, aanvraag, medewerker, lid, ander_lid
):
    url = reverse("leefbaarheidsbudget:informatie_beantwoorden", args=[met_vraag.pk])
    client.force_login(medewerker)
    assert client.get(url).status_code == 403
    client.force_login(ander_lid)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.informatie_beantwoorden(aanvraag=met_vraag, door=medewerker, antwoord="Ja.")
    services.informatie_beantwoorden(aanvraag=met_vraag, door=lid, antwoord="Ja.")
    with pytest.raises(ValidationError):  # answered: nothing open any more
        services.informatie_beantwoorden(aanvraag=met_vraag, door=lid, antwoord="Nog eens.")
    client.force_login(lid)
    assert client.get(url).status_code == 403


def test_de_medewerker_ziet_de_eigen_vraag_maar_geen_knop_om_te_antwoorden(client, met_vraag, medewerker):
    client.force_login(medewerker)
    html = client.get(met_vraag.get_absolute_url()).text
    assert "Stuur een offerte mee." in html
    assert "Vraag beantwoorden" not in html


# --- phone-first lists ----------------------------------------------------------------------------------


def test_mijn_aanvragen_is_een_kaarttabel_met_labels(client, aanvraag, lid):
    client.force_login(lid)
    html = client.get(reverse("leefbaarheidsbudget:mijn_aanvragen")).text
    assert 'class="table kaarttabel"' in html
    for label in ("Status", "Wat nu?", "Bedrag"):
        assert f'data-label="{label}"' in html


def test_bij_aanpassen_en_indienen_kan_het_antwoord_mee(client, met_vraag, lid, medewerker):
    client.force_login(lid)
    url = _bewerken(met_vraag)
    assert 'name="antwoord"' in client.get(url).text
    data = {**formulier(met_vraag), "versie": str(met_vraag.versie), "antwoord": "Muziek staat er nu in."}
    response = client.post(url, {**data, "indienen": "1"})
    assert response.status_code == 302, response.context["form"].errors
    met_vraag.refresh_from_db()
    assert met_vraag.status == Status.INGEDIEND
    assert "Muziek staat er nu in." in met_vraag.statuswijzigingen.order_by("-op", "-pk").first().toelichting


def test_zonder_open_vraag_geen_antwoordveld(client, aanvraag, lid):
    client.force_login(lid)
    assert 'name="antwoord"' not in client.get(_bewerken(aanvraag)).text
