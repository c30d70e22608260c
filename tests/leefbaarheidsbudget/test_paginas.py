"""The pages: members' list and form, staff's queue and decision, budgets, export, decision letter."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag, Bijlage
from tests.factories import UserFactory

from .conftest import JAAR
from .factories import AanvraagFactory, pdf_bytes

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def formulier(aanvraag, **velden):
    data = {
        "titel": aanvraag.titel,
        "omschrijving": "Een buurtfeest op het plein.",
        "doel": "Buren leren elkaar kennen.",
        "kern": aanvraag.kern_id,
        "wijk": "",
        "datum_van": (VANDAAG + datetime.timedelta(days=60)).isoformat(),
        "datum_tot": "",
        "verwacht_aantal_deelnemers": "120",
        "eigen_bijdrage": "50,00",
        "cofinanciering": "0",
        "cofinanciering_door": "",
        "kosten-TOTAL_FORMS": "3",
        "kosten-INITIAL_FORMS": "0",
        "kosten-MIN_NUM_FORMS": "0",
        "kosten-MAX_NUM_FORMS": "1000",
        "kosten-0-omschrijving": "Springkussen",
        "kosten-0-bedrag": "350,00",
        "kosten-1-omschrijving": "Muziek",
        "kosten-1-bedrag": "200",
        "kosten-2-omschrijving": "",
        "kosten-2-bedrag": "",
    }
    data.update(velden)
    return data


def test_nieuwe_aanvraag_concept_en_indienen(client, groep, lid, budget):
    client.force_login(lid)
    response = client.post(
        reverse("leefbaarheidsbudget:aanvraag_nieuw"),
        {"groep": groep.pk, "titel": "Buurtfeest", "voorwaarden_gelezen": "on"},
    )
    aanvraag = Aanvraag.objects.get(titel="Buurtfeest")
    assert response.url == reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    aanvraag.kern = groep.kernen.first()
    # Save a concept: saved, not submitted, amount derived from the lines.
    response = client.post(url, {**formulier(aanvraag), "opslaan": "1"})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.totale_kosten, aanvraag.gevraagd_bedrag) == (
        Status.CONCEPT,
        Decimal("550.00"),
        Decimal("500.00"),
    )
    pagina = client.get(url)
    assert 'value="Springkussen"' in pagina.text and "€ 500,00" in pagina.text
    response = client.post(url, {**formulier(aanvraag), "indienen": "1"})
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == aanvraag.get_absolute_url()
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    lijst = client.get(reverse("leefbaarheidsbudget:mijn_aanvragen"))
    assert "Buurtfeest" in lijst.text and "De gemeente bekijkt uw aanvraag." in lijst.text
    assert f"De gemeente beslist uiterlijk op {aanvraag.uiterste_beslisdatum:%d-%m-%Y}." in lijst.text


def test_fouten_bij_indienen_staan_bij_het_veld(client, aanvraag, lid):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    te_vroeg = (VANDAAG + datetime.timedelta(days=10)).isoformat()
    response = client.post(url, {**formulier(aanvraag, datum_van=te_vroeg, doel=""), "indienen": "1"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "minstens 6 weken" in form.errors["datum_van"][0]
    assert "Vertel wat de activiteit oplevert" in form.errors["doel"][0]
    assert "nog niet ingediend" in response.text and "nog niet opgeslagen" in response.text
    assert response.context["form"]["doel"].value() == ""  # what was typed stays in the form
    aanvraag.refresh_from_db()
    # Saving and submitting is one transaction: a refused submission saves nothing either.
    assert aanvraag.status == Status.CONCEPT and aanvraag.doel == "Buren leren elkaar kennen."


def test_kostenpost_zonder_bedrag(client, aanvraag, lid):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    response = client.post(url, {**formulier(aanvraag, **{"kosten-1-bedrag": ""}), "opslaan": "1"})
    # Kept as typed (a concept may hold errors); the edit page shows the error at the line.
    assert response.status_code == 302
    assert "Vul het bedrag van deze kostenpost in." in client.get(url).text


def test_bedragen_staan_in_het_formulier_met_een_komma_en_fouten_bij_hun_kostenpost(client, aanvraag, lid):
    """A saved amount reads 600,00 (as people here type it); a cost line's error is tied to its field."""
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    html = client.get(url).text
    assert 'name="kosten-0-bedrag" value="600,00"' in html and 'name="eigen_bijdrage" value="100,00"' in html
    html = client.post(
        url, {**formulier(aanvraag, **{"kosten-1-bedrag": ""}), "opslaan": "1"}, follow=True
    ).text
    assert 'aria-invalid="true" aria-describedby="id_kosten-1-bedrag_error"' in html
    assert '<div class="invalid-feedback d-block" id="id_kosten-1-bedrag_error">' in html


def test_bijlagen_worden_gecontroleerd(client, aanvraag, lid, ander_lid, medewerker):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:bijlage_toevoegen", args=[aanvraag.pk])
    client.post(
        url, {"bestand": SimpleUploadedFile("offerte.pdf", pdf_bytes(), content_type="application/pdf")}
    )
    nep = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 dit is geen pdf", content_type="application/pdf")
    response = client.post(url, {"bestand": nep}, follow=True)
    assert "Het bestand is niet toegevoegd. Dit bestand is geen PDF" in response.text
    bijlage = Bijlage.objects.get(aanvraag=aanvraag)
    assert bijlage.naam == "offerte.pdf" and "offerte" not in bijlage.bestand.name  # random name on disk
    download = reverse("leefbaarheidsbudget:bijlage", args=[aanvraag.pk, bijlage.pk])
    assert client.get(download).status_code == 200
    client.force_login(medewerker)
    assert client.get(download).status_code == 200
    client.force_login(ander_lid)
    assert client.get(download).status_code == 404


def test_werkvoorraad_op_termijn_met_te_laat_gemarkeerd(client, groep, kern, lid, medewerker, budget, op_dag):
    titels = {}
    for dagen_geleden in (10, 70, 30):
        op_dag(VANDAAG - datetime.timedelta(days=dagen_geleden))
        a = AanvraagFactory(groep=groep, kern=kern, titel=f"Aanvraag van {dagen_geleden} dagen")
        a.datum_van = VANDAAG + datetime.timedelta(days=60)
        a.save()
        titels[dagen_geleden] = services.aanvraag_indienen(aanvraag=a, door=lid)
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "gebied"})
    rijen = [a.titel for a in response.context["pagina"]]
    assert rijen == ["Aanvraag van 70 dagen", "Aanvraag van 30 dagen", "Aanvraag van 10 dagen"]
    assert response.text.count("Te laat") == 1
    te_laat = client.get(reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "te_laat"})
    assert [a.titel for a in te_laat.context["pagina"]] == ["Aanvraag van 70 dagen"]
    zoek = client.get(reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "alle", "q": "30 dagen"})
    assert [a.titel for a in zoek.context["pagina"]] == ["Aanvraag van 30 dagen"]
    kenmerk = client.get(
        reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "alle", "q": titels[10].kenmerk}
    )
    assert [a.titel for a in kenmerk.context["pagina"]] == ["Aanvraag van 10 dagen"]
    services.aanvraag_in_behandeling_nemen(aanvraag=titels[30], door=medewerker)
    mijn = client.get(reverse("leefbaarheidsbudget:werkvoorraad"))
    assert [a.titel for a in mijn.context["pagina"]] == ["Aanvraag van 30 dagen"]
    status = client.get(
        reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "alle", "status": "in_behandeling"}
    )
    assert [a.titel for a in status.context["pagina"]] == ["Aanvraag van 30 dagen"]


def test_besluit_via_het_formulier(
    client, aanvraag, flow, medewerker, budget, django_capture_on_commit_callbacks
):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    client.force_login(medewerker)
    url = reverse("leefbaarheidsbudget:besluit", args=[aanvraag.pk])
    response = client.post(url, {"besluit": "afwijzen", "motivering": ""})
    assert "Dit veld is verplicht." in response.text or response.context["form"].errors["motivering"]
    response = client.post(url, {"besluit": "toekennen", "bedrag": "€ 1.000,00", "motivering": "Goed plan."})
    assert "niet meer toekennen dan gevraagd" in response.context["form"].errors["bedrag"][0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"besluit": "toekennen", "bedrag": "900,00", "motivering": "Goed plan."})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND
    detail = client.get(aanvraag.get_absolute_url())
    assert "Toegekend: € 900,00" in detail.text
    # Four eyes: who decided does not get the payment button; the page says a colleague registers it.
    assert reverse("leefbaarheidsbudget:betaling", args=[aanvraag.pk]) not in detail.text
    assert "Wacht op een collega." in detail.text


def test_beschikking_pdf_bevat_bedrag_en_bezwaar(client, aanvraag, flow, lid, ander_lid, medewerker):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    aanvraag = services.aanvraag_toekennen(
        aanvraag=aanvraag,
        door=medewerker,
        bedrag=Decimal("750.00"),
        motivering="Het materiaal leent u van de gemeente; daarvoor is geen geld nodig.",
        voorwaarden="Noem de gemeente op de affiche.",
    )
    url = reverse("leefbaarheidsbudget:beschikking", args=[aanvraag.pk])
    for wie in (lid, medewerker):  # the group and staff
        client.force_login(wie)
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        tekst = pdf_tekst(response)
        assert "€ 750,00" in tekst and "minder dan u vroeg (€ 900,00)" in tekst
        assert aanvraag.kenmerk in tekst
        assert "Het materiaal leent u van de gemeente" in tekst  # motivation
        assert "Noem de gemeente op de affiche." in tekst  # conditions
        assert "binnen zes weken" in tekst and "bezwaar" in tekst
    client.force_login(ander_lid)
    assert client.get(url).status_code == 404


def pdf_inhoud(response) -> bytes:
    """The bytes of a stored letter (a streamed file response)."""
    return b"".join(response.streaming_content)


def pdf_tekst(response) -> str:
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_inhoud(response))).pages)
    return " ".join(tekst.split())


def test_beschikking_bij_afwijzing_en_niet_voor_het_besluit(client, aanvraag, flow, lid, medewerker):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    url = reverse("leefbaarheidsbudget:beschikking", args=[aanvraag.pk])
    client.force_login(lid)
    assert client.get(url).status_code == 403  # no decision yet, no letter
    services.aanvraag_afwijzen(
        aanvraag=aanvraag, door=medewerker, motivering="Dit is een commerciële activiteit."
    )
    tekst = pdf_tekst(client.get(url))
    assert "Wij wijzen uw aanvraag af." in tekst and "commerciële activiteit" in tekst
    assert "binnen zes weken" in tekst and "bezwaar" in tekst


def test_vaststelling_pdf_met_terugvordering(
    client, groep, kern, budget, flow, lid, ander_lid, medewerker, medewerker_elders
):
    """The settlement letter: the group and the staff of the gemeente download it once the amount is
    settled, with the final and granted amount, what to pay back and how, why, and the objection."""
    aanvraag = AanvraagFactory(
        groep=groep, kern=kern, kostenposten=[("Huur tent", "1500.00"), ("Materiaal", "600.00")]
    )
    aanvraag = flow(aanvraag, Status.VERANTWOORDING_INGEDIEND)  # € 2.000,00 granted and paid
    url = reverse("leefbaarheidsbudget:vaststelling", args=[aanvraag.pk])
    for wie in (lid, medewerker):
        client.force_login(wie)
        assert client.get(url).status_code == 404  # not settled yet: there is no letter
        assert url not in client.get(aanvraag.get_absolute_url()).text

    aanvraag = services.aanvraag_vaststellen(
        aanvraag=aanvraag,
        door=medewerker,
        bedrag=Decimal("1234.56"),
        motivering="De tent was goedkoper dan begroot.",
    )
    for wie in (lid, medewerker):  # the group and staff
        client.force_login(wie)
        assert url in client.get(aanvraag.get_absolute_url()).text
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert (
            response["Content-Disposition"] == f'attachment; filename="vaststelling-{aanvraag.kenmerk}.pdf"'
        )
        tekst = pdf_tekst(response)
        assert "Vaststellingsbeschikking" in tekst and aanvraag.kenmerk in tekst
        assert "Wij stellen uw subsidie vast op € 1.234,56." in tekst
        assert "Toegekend bedrag € 2.000,00" in tekst
        assert "€ 765,44" in tekst and "terugbetalen aan de gemeente" in tekst  # reclaim, and how
        assert "De tent was goedkoper dan begroot." in tekst  # motivation
        assert "binnen zes weken" in tekst and "bezwaar" in tekst
    for wie in (ander_lid, medewerker_elders, UserFactory(beheerder=True, gemeente=groep.gemeente)):
        client.force_login(wie)
        assert client.get(url).status_code in (403, 404)
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_vaststelling_pdf_bij_direct_vaststellen(client, groep, kern, budget, flow, lid, medewerker, collega):
    """A grant settled at once with the decision has its settlement letter from the decision on."""
    aanvraag = AanvraagFactory(groep=groep, kern=kern, kostenposten=[("Materiaal", "550.00")])
    aanvraag = flow(aanvraag, Status.TOEGEKEND)  # € 450,00: up to € 500 is settled at once
    assert aanvraag.direct_vastgesteld and aanvraag.status == Status.TOEGEKEND
    url = reverse("leefbaarheidsbudget:vaststelling", args=[aanvraag.pk])
    client.force_login(lid)
    response = client.get(url)
    inhoud = pdf_inhoud(response)
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())
    assert "Wij stellen uw subsidie vast op € 450,00." in tekst and "meteen vast" in tekst
    assert "Wij betalen u nog € 450,00" in tekst and "bezwaar" in tekst
    # The letter is the one sent with the decision: the payment afterwards does not rewrite it.
    services.betaling_registreren(aanvraag=aanvraag, door=collega, betaald_op=VANDAAG)
    assert pdf_inhoud(client.get(url)) == inhoud


def test_export_rijen_en_totalen(client, groep, kern, flow, medewerker, budget):
    flow(AanvraagFactory(groep=groep, kern=kern, titel="Feest; met puntkomma"), Status.VASTGESTELD)
    flow(AanvraagFactory(groep=groep, kern=kern, titel="Afgewezen plan"), Status.AFGEWEZEN)
    AanvraagFactory(groep=groep, kern=kern, titel="Nog een concept")  # concepts are not exported
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:export", args=[JAAR]))
    inhoud = b"".join(response.streaming_content).decode("utf-8")
    assert inhoud.startswith("\ufeff")
    rijen = list(csv.DictReader(io.StringIO(inhoud.lstrip("\ufeff")), delimiter=";"))
    assert [r["titel"] for r in rijen] == ["Feest; met puntkomma", "Afgewezen plan", ""]
    assert rijen[0]["toegekend_bedrag"] == "900,00" and rijen[0]["status"] == "Vastgesteld"
    totaal = rijen[-1]
    assert totaal["kenmerk"] == "Totaal"
    assert (totaal["gevraagd_bedrag"], totaal["toegekend_bedrag"], totaal["vastgesteld_bedrag"]) == (
        "1800,00",
        "900,00",
        "900,00",
    )


def test_export_zet_geen_formules_in_de_spreadsheet_en_wordt_niet_bewaard(
    client, groep, kern, flow, medewerker, budget
):
    """OWASP CSV injection: what members typed is text in finance's spreadsheet, amounts stay numbers."""
    groep.naam = '=HYPERLINK("http://x","y")'
    groep.save()
    titels = ["+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "\tTab", "\rRegel"]
    for titel in titels:
        flow(AanvraagFactory(groep=groep, kern=kern, titel=titel), Status.INGEDIEND)
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:export", args=[JAAR]))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    inhoud = b"".join(response.streaming_content).decode("utf-8")
    rijen = list(csv.DictReader(io.StringIO(inhoud.lstrip("\ufeff")), delimiter=";"))[:-1]
    assert sorted(r["titel"] for r in rijen) == sorted("'" + t for t in titels)
    assert {r["groep"] for r in rijen} == {"'" + groep.naam}
    assert {r["gevraagd_bedrag"] for r in rijen} == {"900,00"}


def test_budgetoverzicht(client, aanvraag, flow, medewerker, budget):
    flow(aanvraag, Status.UITBETAALD)
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:budgetten"))
    budget_rij, cijfers = response.context["rijen"][0]
    assert (cijfers.totaal, cijfers.gereserveerd, cijfers.uitbetaald, cijfers.vastgesteld, cijfers.vrij) == (
        Decimal("50000"),
        Decimal("900"),
        Decimal("900"),
        0,
        Decimal("49100"),
    )
    detail = client.get(reverse("leefbaarheidsbudget:budget", args=[budget.pk]))
    assert "€ 49.100,00" in detail.text and "Breukelen" in detail.text


def test_budgetsectie_op_de_kernpagina(client, aanvraag, flow, kern):
    flow(aanvraag, Status.TOEGEKEND)
    response = client.get(kern.get_absolute_url())
    assert (
        "Leefbaarheidsbudget" in response.text
        and "Toegekend in" in response.text
        and "€ 900,00" in response.text
    )


def test_overdracht_via_rollen(aanvraag, flow, medewerker, collega, kern):
    from rollen.registry import open_werk_providers

    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    provider = next(p for p in open_werk_providers() if p.key == "aanvragen")
    assert provider.count_for(medewerker) == 1
    assert provider.counts([medewerker, collega]) == {medewerker.pk: 1}
    assert provider.transfer(van=medewerker, naar=collega, gebied=kern, toewijzing=None) == 1
    aanvraag.refresh_from_db()
    assert aanvraag.behandelaar == collega
    assert aanvraag.statuswijzigingen.last().gebeurtenis == "Behandelaar gewijzigd"


@pytest.mark.parametrize("aantal", [1, 6])
def test_werkvoorraad_vast_aantal_queries(
    client, groep, kern, lid, medewerker, budget, aantal, django_assert_num_queries
):
    for _ in range(aantal):
        services.aanvraag_indienen(aanvraag=AanvraagFactory(groep=groep, kern=kern), door=lid)
    client.force_login(medewerker)
    # session+user, count, page, kernen in the filter
    with django_assert_num_queries(QUERIES_WERKVOORRAAD):
        response = client.get(reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "gebied"})
    assert len(response.context["pagina"]) == aantal


@pytest.mark.parametrize("regels", [1, 6])
def test_detailpagina_vast_aantal_queries(
    client, groep, kern, lid, medewerker, flow, budget, regels, django_assert_num_queries
):
    aanvraag = AanvraagFactory(
        groep=groep,
        kern=kern,
        kostenposten=[(f"Post {i}", "100.00") for i in range(regels)],
        eigen_bijdrage=Decimal(0),
    )
    for i in range(regels):
        Bijlage.objects.create(aanvraag=aanvraag, naam=f"bijlage-{i}.pdf", bestand=f"aanvragen/x{i}")
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    client.force_login(medewerker)
    with django_assert_num_queries(QUERIES_DETAIL):
        response = client.get(aanvraag.get_absolute_url())
    assert response.text.count("Post ") == regels


# Three fewer since the menu asks the policy directly instead of also Django's permission tables, and
# the logged-in user comes with their kinds in one query (accounts.backends).
QUERIES_WERKVOORRAAD = 6
# One more for the regulation when staff see a money step: its four-eyes rule decides the button.
# One fewer since "intrekken" is asked only for a member (is_lid is known): staff no longer look up membership.
QUERIES_DETAIL = 11


def test_nieuwe_aanvraag_alleen_voor_groepen_die_mogen_en_uitleg_voor_de_rest(
    client, gemeente, kern, groep, lid, budget
):
    from bewonersgroepen.constants import Groepsoort
    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

    dorpsraad = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True, naam="Dorpsraad Kockengen")
    LidmaatschapFactory(groep=dorpsraad, gebruiker=lid)
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_nieuw")
    pagina = client.get(url)
    assert list(pagina.context["form"].fields["groep"].queryset) == [groep]
    assert "Dorpsraad Kockengen" in pagina.text and "via haar samenwerkingsovereenkomst" in pagina.text
    response = client.post(url, {"groep": dorpsraad.pk, "titel": "Via de dorpsraad"})
    assert response.status_code == 200 and response.context["form"].errors["groep"]
    assert not Aanvraag.objects.filter(groep=dorpsraad).exists()
    with pytest.raises(services.ValidationError) as fout:
        services.aanvraag_aanmaken(groep=dorpsraad, door=lid, titel="Via de service")
    assert "samenwerkingsovereenkomst" in fout.value.message_dict["groep"][0]
    assert not Aanvraag.objects.filter(groep=dorpsraad).exists()

    alleen_dorpsraad = LidmaatschapFactory(groep=dorpsraad).gebruiker
    client.force_login(alleen_dorpsraad)
    pagina = client.get(url)
    assert "Uw groep kan geen geld aanvragen" in pagina.text and "Aanvraag starten" not in pagina.text
    assert dorpsraad.soort == Groepsoort.BEWONERSGROEP


def test_groepspagina_toont_de_aanvragen_van_de_groep(
    client, groep, kern, lid, ander_lid, medewerker, flow, budget
):
    toegekend = flow(AanvraagFactory(groep=groep, kern=kern, titel="Zomerfeest"), Status.TOEGEKEND)
    AanvraagFactory(groep=groep, kern=kern, titel="Nog een idee")  # a concept
    AanvraagFactory(groep=ander_lid.lidmaatschappen.get().groep, kern=kern, titel="Van een ander")
    url = reverse("bewonersgroepen:detail", args=[groep.pk])

    client.force_login(lid)
    tekst = client.get(url).text
    assert "Aanvragen leefbaarheidsbudget" in tekst
    assert "Zomerfeest" in tekst and toegekend.get_absolute_url() in tekst and "€ 900,00 toegekend" in tekst
    assert "Nog een idee" in tekst  # members see their own concepts
    assert "Van een ander" not in tekst

    client.force_login(medewerker)
    tekst = client.get(url).text
    assert "Zomerfeest" in tekst and "Nog een idee" not in tekst  # staff: submitted ones only


def test_werkvoorraad_mijn_kernen_en_wijken(client, gemeente, kern, wijk, lid, groep, medewerker, budget):
    """'Open in mijn kernen en wijken': where the staff member holds a role today (rollen)."""
    from tests.factories import KernFactory, WijkFactory
    from tests.rollen.factories import ToewijzingFactory

    loenen = KernFactory(gemeente=gemeente, naam="Loenen")
    wijk_loenen = WijkFactory(kern=loenen, gemeente=gemeente, code="WK190420")
    nigtevecht = KernFactory(gemeente=gemeente, naam="Nigtevecht")
    ToewijzingFactory(kern=kern, medewerker=medewerker)  # adviseur of Breukelen
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk_loenen, medewerker=medewerker)  # beheerder of one wijk
    ToewijzingFactory(
        kern=nigtevecht, medewerker=medewerker, tot=VANDAAG - datetime.timedelta(days=1)
    )  # over
    for titel, k, w in [
        ("In Breukelen", kern, None),
        ("In een wijk van Breukelen", kern, wijk),
        ("In de wijk in Loenen", loenen, wijk_loenen),
        ("Elders in Loenen", loenen, None),
        ("In Nigtevecht", nigtevecht, None),
    ]:
        services.aanvraag_indienen(
            aanvraag=AanvraagFactory(groep=groep, kern=k, wijk=w, titel=titel), door=lid
        )
    client.force_login(medewerker)
    response = client.get(reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "mijn_gebieden"})
    assert {a.titel for a in response.context["pagina"]} == {
        "In Breukelen",
        "In een wijk van Breukelen",
        "In de wijk in Loenen",
    }
    assert "Open in mijn kernen en wijken" in response.text
    alle_open = client.get(reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "gebied"})
    assert len(alle_open.context["pagina"]) == 5


def test_detailpagina_toont_termijn_dwangsom_en_tijdlijn_aan_de_groep(
    client, aanvraag, lid, medewerker, budget, op_dag
):
    start = VANDAAG - datetime.timedelta(days=100)
    op_dag(start)
    aanvraag.datum_van = start + datetime.timedelta(days=60)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    op_dag(start + datetime.timedelta(days=3))
    aanvraag = services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker)
    op_dag(VANDAAG)
    ontvangen = aanvraag.uiterste_beslisdatum + datetime.timedelta(days=1)
    services.ingebrekestelling_registreren(aanvraag=aanvraag, door=lid, ontvangen_op=ontvangen)
    client.force_login(lid)
    tekst = client.get(aanvraag.get_absolute_url()).text
    assert f"{aanvraag.uiterste_beslisdatum:%d-%m-%Y}" in tekst.split("Uiterste beslisdatum", 1)[1][:100]
    assert "Te laat: de termijn is voorbij." in tekst
    # 28 whole days in default (see test_aanvragen.test_ingebrekestelling_en_dwangsom): 14 x 23 + 14 x 35.
    assert "Dwangsom vanaf" in tekst and "28 dagen, € 812,00" in tekst and "hoogstens € 1.442,00" in tekst
    # The timeline: every step with when, who and what.
    assert "Ingediend" in tekst and "Gevraagd bedrag: € 900,00." in tekst and lid.naam in tekst
    assert "In behandeling" in tekst and f"Behandelaar: {medewerker.naam}." in tekst
    assert (
        "Ingebrekestelling ontvangen" in tekst and f"{start + datetime.timedelta(days=3):%d-%m-%Y}" in tekst
    )


def test_fotos_bij_de_verantwoording(client, aanvraag, flow, lid, ander_lid):
    """Photos go with the accountability only (after payment), lose their EXIF data, and stay once it
    is sent in."""
    from PIL import Image

    from leefbaarheidsbudget.constants import BijlageSoort
    from tests.bestanden.test_bestanden import jpeg_met_exif

    url = reverse("leefbaarheidsbudget:bijlage_toevoegen", args=[aanvraag.pk])
    client.force_login(lid)

    def foto():
        return SimpleUploadedFile("feest.jpg", jpeg_met_exif(), content_type="image/jpeg")

    response = client.post(url, {"bestand": foto(), "soort": "foto"}, follow=True)
    assert "Bij deze stap kunt u geen bestanden meer toevoegen" in response.text  # still a concept
    aanvraag = flow(aanvraag, Status.UITBETAALD)
    response = client.post(url, {"bestand": foto(), "soort": "foto"})
    assert response.url == reverse("leefbaarheidsbudget:verantwoording", args=[aanvraag.pk])
    bijlage = Bijlage.objects.get(aanvraag=aanvraag, soort=BijlageSoort.FOTO)
    with bijlage.bestand.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif()  # no camera or location data kept
    assert "feest.jpg" in client.get(reverse("leefbaarheidsbudget:verantwoording", args=[aanvraag.pk])).text
    client.force_login(ander_lid)
    assert client.post(url, {"bestand": foto(), "soort": "foto"}).status_code == 404

    client.force_login(lid)
    client.post(
        reverse("leefbaarheidsbudget:verantwoording", args=[aanvraag.pk]),
        {"werkelijke_kosten": "880,00", "verslag": "Zestig buren kwamen."},
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.VERANTWOORDING_INGEDIEND and aanvraag.werkelijke_kosten == Decimal("880")
    weg = reverse("leefbaarheidsbudget:bijlage_verwijderen", args=[aanvraag.pk, bijlage.pk])
    assert "blijft bewaard" in client.post(weg, follow=True).text
    assert Bijlage.objects.filter(pk=bijlage.pk).exists()


def test_betaling_registreren_via_het_formulier_met_vier_ogen(client, aanvraag, flow, medewerker, collega):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)  # decided by medewerker
    url = reverse("leefbaarheidsbudget:betaling", args=[aanvraag.pk])
    client.force_login(medewerker)
    response = client.post(url, {"betaald_op": VANDAAG.isoformat(), "betaalkenmerk": "BET-9"})
    assert response.status_code == 200
    assert "Vier ogen" in response.context["form"].errors["betaald_op"][0]
    client.force_login(collega)
    morgen = (VANDAAG + datetime.timedelta(days=1)).isoformat()
    assert "toekomst" in client.post(url, {"betaald_op": morgen}).context["form"].errors["betaald_op"][0]
    response = client.post(url, {"betaald_op": VANDAAG.isoformat(), "betaalkenmerk": "BET-9"})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.betaling_door, aanvraag.betaalkenmerk) == (
        Status.UITBETAALD,
        collega,
        "BET-9",
    )
