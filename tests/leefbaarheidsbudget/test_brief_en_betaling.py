"""Letters and payment (issue 18, item 8): the decision letter has the group's address block, where to send an
objection and the date written out; a payment without the group's IBAN is refused and the group is asked
to fill it in."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bewonersgroepen import services as groepen
from bewonersgroepen.constants import IBAN_VRAGEN
from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from tests.bewonersgroepen.factories import LidmaatschapFactory

from .factories import AanvraagFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()
MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _pdf_tekst(response) -> str:
    inhoud = b"".join(response.streaming_content)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())


def test_beschikking_met_adresblok_bezwaaradres_en_datum_voluit(client, aanvraag, flow, lid, medewerker):
    groep = aanvraag.groep
    groep.adres, groep.postcode, groep.plaats = "Kerkstraat 12", "3621 AB", "Breukelen"
    groep.save()
    gemeente = aanvraag.gemeente
    gemeente.bezwaar_adres = "College van burgemeester en wethouders\nPostbus 1212\n3600 BE Maarssen"
    gemeente.bezwaar_email = "bezwaar@gemeente.example.nl"
    gemeente.save()
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    # 00:30 in Amsterdam is still the day before in UTC: the letter says the day here.
    morgen = VANDAAG + datetime.timedelta(days=1)
    moment = datetime.datetime.combine(morgen, datetime.time(0, 30), tzinfo=ZoneInfo("Europe/Amsterdam"))
    services.aanvraag_toekennen(
        aanvraag=aanvraag,
        door=medewerker,
        bedrag=aanvraag.gevraagd_bedrag,
        motivering="Goed plan.",
        nu=moment,
    )
    client.force_login(lid)
    tekst = _pdf_tekst(client.get(reverse("leefbaarheidsbudget:beschikking", args=[aanvraag.pk])))
    assert "Activiteitencommissie Breukelen Kerkstraat 12 3621 AB BREUKELEN" in tekst
    assert f"Datum: {morgen.day} {MAANDEN[morgen.month - 1]} {morgen.year} Kenmerk" in tekst
    assert (
        "Stuur uw brief naar: College van burgemeester en wethouders Postbus 1212 3600 BE Maarssen" in tekst
    )
    assert "Of mail naar: bezwaar@gemeente.example.nl" in tekst


def test_beschikking_zonder_postadres_en_bezwaaradres_blijft_een_brief(client, aanvraag, flow, lid):
    """Groups and gemeenten that have not filled these in yet still get a letter, without empty lines."""
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    client.force_login(lid)
    tekst = _pdf_tekst(client.get(reverse("leefbaarheidsbudget:beschikking", args=[aanvraag.pk])))
    assert "Activiteitencommissie Breukelen Datum:" in tekst
    assert "Stuur uw brief naar" not in tekst and "Of mail naar" not in tekst and "binnen zes weken" in tekst


def test_vaststelling_heeft_ook_het_adresblok_en_de_datum_voluit(client, groep, kern, budget, flow, lid):
    groep.adres, groep.postcode, groep.plaats = "Postbus 7", "3620 AA", "Breukelen"
    groep.save()
    aanvraag = flow(
        AanvraagFactory(groep=groep, kern=kern, kostenposten=[("Materiaal", "550.00")]), Status.TOEGEKEND
    )
    client.force_login(lid)
    tekst = _pdf_tekst(client.get(reverse("leefbaarheidsbudget:vaststelling", args=[aanvraag.pk])))
    dag = timezone.localdate(aanvraag.besluit_op)
    assert f"Datum: {dag.day} {MAANDEN[dag.month - 1]} {dag.year}" in tekst
    assert "Postbus 7 3620 AA BREUKELEN" in tekst


# --- payment without an IBAN ------------------------------------------------------------------------


@pytest.fixture
def zonder_iban(aanvraag, flow):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    aanvraag.groep.iban = aanvraag.groep.tenaamstelling = ""
    aanvraag.groep.save()
    return aanvraag


def test_service_weigert_betalen_zonder_iban(zonder_iban, collega):
    with pytest.raises(ValidationError) as fout:
        services.betaling_registreren(aanvraag=zonder_iban, door=collega, betaald_op=VANDAAG)
    assert "geen rekeningnummer (IBAN)" in fout.value.messages[0]
    assert "Activiteitencommissie Breukelen" in fout.value.messages[0]
    zonder_iban.refresh_from_db()
    assert zonder_iban.status == Status.TOEGEKEND and zonder_iban.uitbetaald_op is None
    assert zonder_iban.statuswijzigingen.filter(naar=Status.UITBETAALD).count() == 0


def test_betalen_kan_weer_zodra_het_iban_bevestigd_is(zonder_iban, collega, lid):
    penningmeester = LidmaatschapFactory(groep=zonder_iban.groep, contactpersoon=True).gebruiker
    wijziging = groepen.betaalgegevens_voorstellen(
        groep=zonder_iban.groep, door=penningmeester, iban="NL20INGB0001234567", tenaamstelling="De groep"
    )
    with pytest.raises(ValidationError):  # proposed is not yet confirmed
        services.betaling_registreren(aanvraag=zonder_iban, door=collega, betaald_op=VANDAAG)
    groepen.betaalgegevens_bevestigen(wijziging=wijziging, door=collega)
    aanvraag = services.betaling_registreren(aanvraag=zonder_iban, door=collega, betaald_op=VANDAAG)
    assert aanvraag.status == Status.UITBETAALD and aanvraag.betaling_iban == "NL20INGB0001234567"


def test_betaalformulier_zegt_het_vooraf_en_toont_de_weigering_bij_de_actie(client, zonder_iban, collega):
    url = reverse("leefbaarheidsbudget:betaling", args=[zonder_iban.pk])
    client.force_login(collega)
    assert "geen rekeningnummer (IBAN)" in client.get(url).text
    response = client.post(url, {"betaald_op": VANDAAG.isoformat(), "betaalkenmerk": "BET-1"})
    assert response.status_code == 200
    assert any("geen rekeningnummer (IBAN)" in f for f in response.context["form"].non_field_errors())
    zonder_iban.refresh_from_db()
    assert zonder_iban.status == Status.TOEGEKEND


def test_groep_wordt_gevraagd_het_iban_in_te_vullen(client, zonder_iban, lid):
    client.force_login(lid)
    werk = client.get(reverse("portaal:mijn_werk"))
    assert IBAN_VRAGEN in werk.text and [g.pk for g in werk.context["lidwerk"].zonder_iban] == [
        zonder_iban.groep_id
    ]
    assert f"{reverse('bewonersgroepen:detail', args=[zonder_iban.groep_id])}#betaalgegevens-kop" in werk.text
    # Once a new IBAN waits for confirmation, the ask gives way to the confirmation.
    penningmeester = LidmaatschapFactory(groep=zonder_iban.groep, contactpersoon=True).gebruiker
    groepen.betaalgegevens_voorstellen(
        groep=zonder_iban.groep, door=penningmeester, iban="NL20INGB0001234567"
    )
    werk = client.get(reverse("portaal:mijn_werk"))
    assert IBAN_VRAGEN not in werk.text and not werk.context["lidwerk"].zonder_iban


def test_groep_met_iban_of_zonder_toekenning_wordt_niets_gevraagd(client, aanvraag, flow, lid):
    aanvraag = flow(aanvraag, Status.INGEDIEND)
    client.force_login(lid)
    assert IBAN_VRAGEN not in client.get(reverse("portaal:mijn_werk")).text  # nothing granted yet
    aanvraag.groep.iban = ""
    aanvraag.groep.save()
    assert IBAN_VRAGEN not in client.get(reverse("portaal:mijn_werk")).text


# --- the group's postal address --------------------------------------------------------------------


def test_bestuur_vult_het_postadres_in_op_het_formulier(client, groep, kern):
    bestuurslid = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    client.force_login(bestuurslid)
    url = reverse("bewonersgroepen:wijzigen", args=[groep.pk])
    data = {"naam": groep.naam, "kernen": [kern.pk], "email": groep.email, "versie": groep.versie}
    response = client.post(url, {**data, "adres": "Kerkstraat 12", "postcode": "", "plaats": ""})
    assert response.status_code == 200
    assert "Vul het hele postadres in" in response.text
    response = client.post(
        url, {**data, "adres": "Kerkstraat 12", "postcode": "3621ab", "plaats": "Breukelen"}
    )
    assert response.status_code == 302
    groep.refresh_from_db()
    assert (groep.adres, groep.postcode, groep.plaats) == ("Kerkstraat 12", "3621 AB", "Breukelen")
    assert "Kerkstraat 12, 3621 AB Breukelen" in client.get(groep.get_absolute_url()).text
    response = client.post(
        url, {**data, "versie": groep.versie, "adres": "X 1", "postcode": "36", "plaats": "Y"}
    )
    assert "Vul een postcode in zoals 3621 AB" in response.text


def test_demo_ibans_kloppen_en_zijn_van_geen_bank():
    from bewonersgroepen.demo import demo_iban
    from bewonersgroepen.validators import iban_validator

    for nummer in (1, 1001, 99999):
        iban = demo_iban(nummer)
        iban_validator(iban)
        assert iban[4:8] == "DEMO" and len(iban) == 18
