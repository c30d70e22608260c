"""No double or lost input on applications (issue 16, item 4).

- A create form sent twice (a double click, a retry after an error or a timeout) makes one object; the
  second request lands on it (`invoer.eenmalig`).
- A member who saves over a co-member's newer edit gets a clear message, keeps their input and saves
  nothing (`invoer.versie`).
- Save-and-submit is one transaction: what is submitted is what the submitter's form held, by them.
"""

import datetime
import re
import threading
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from invoer import eenmalig
from invoer.models import Formuliersleutel
from invoer.versie import VersieVerouderd
from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag, Bijlage
from tests.bewonersgroepen.factories import LidmaatschapFactory
from tests.factories import UserFactory

from .conftest import naar_status
from .factories import pdf_bytes
from .test_paginas import formulier

VERSIE = re.compile(r'name="versie" value="(\d+)"')
SLEUTEL = re.compile(r'name="formuliersleutel" value="([^"]+)"')
VERSTUURD = "U had dit formulier al verstuurd. Het is één keer verwerkt"


def sleutel_van(html: str, actie: str = "") -> str:
    """The one-time key of the form on the page (the one that posts to `actie`, if given)."""
    if actie:
        html = html[html.index(f'action="{actie}"') :]
    return SLEUTEL.search(html).group(1)


@pytest.fixture
def medelid(groep):
    return LidmaatschapFactory(
        groep=groep, gebruiker=UserFactory(groepslid=True, naam="Mo Medelid")
    ).gebruiker


# --- one object per sent form ------------------------------------------------------------------------


@pytest.mark.django_db
def test_nieuwe_aanvraag_twee_keer_verstuurd_is_een_aanvraag(client, groep, lid, budget):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_nieuw")
    data = {"groep": groep.pk, "titel": "Buurtfeest", "formuliersleutel": sleutel_van(client.get(url).text)}
    eerste = client.post(url, data)
    tweede = client.post(url, data)  # the double click, or the retry after a timeout
    aanvraag = Aanvraag.objects.get()
    assert eerste.status_code == tweede.status_code == 302
    assert eerste.url == tweede.url == reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    assert VERSTUURD in client.get(tweede.url).text
    # A new form is a new key: a second application on purpose is made.
    data["formuliersleutel"] = sleutel_van(client.get(url).text)
    client.post(url, data)
    assert Aanvraag.objects.count() == 2


@pytest.mark.django_db
def test_na_een_fout_maakt_hetzelfde_formulier_nog_wel_de_aanvraag(client, groep, lid, budget):
    """A form that came back with an error recorded nothing: correcting and sending again works."""
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_nieuw")
    sleutel = sleutel_van(client.get(url).text)
    fout = client.post(url, {"groep": groep.pk, "titel": "", "formuliersleutel": sleutel})
    assert fout.status_code == 200 and not Aanvraag.objects.exists()
    assert not Formuliersleutel.objects.exists()
    assert sleutel_van(fout.text) != sleutel  # the form shown again has a key of its own
    goed = client.post(url, {"groep": groep.pk, "titel": "Buurtfeest", "formuliersleutel": sleutel})
    assert goed.status_code == 302 and Aanvraag.objects.get().titel == "Buurtfeest"


@pytest.mark.django_db
def test_zonder_sleutel_werkt_het_formulier_als_vroeger(client, groep, lid, budget):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_nieuw")
    client.post(url, {"groep": groep.pk, "titel": "Buurtfeest"})
    client.post(url, {"groep": groep.pk, "titel": "Buurtfeest", "formuliersleutel": "te kort"})
    assert Aanvraag.objects.count() == 2 and not Formuliersleutel.objects.exists()


@pytest.mark.django_db
def test_bijlage_twee_keer_verstuurd_is_een_bijlage(client, aanvraag, lid):
    client.force_login(lid)
    bewerken = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    actie = reverse("leefbaarheidsbudget:bijlage_toevoegen", args=[aanvraag.pk])
    sleutel = sleutel_van(client.get(bewerken).text, actie)

    def versturen(inhoud):
        bestand = SimpleUploadedFile("offerte.pdf", inhoud, content_type="application/pdf")
        return client.post(actie, {"bestand": bestand, "formuliersleutel": sleutel})

    # A refused file recorded nothing (the view redirects after it): the same form tries again.
    assert versturen(b"MZ geen pdf").url == bewerken and not Bijlage.objects.exists()
    assert versturen(pdf_bytes()).url == bewerken
    assert versturen(pdf_bytes()).url == bewerken
    assert Bijlage.objects.filter(aanvraag=aanvraag).count() == 1


@pytest.mark.django_db
def test_besluit_twee_keer_verstuurd_landt_op_de_aanvraag(
    client, aanvraag, lid, medewerker, collega, django_capture_on_commit_callbacks
):
    """Before: the retry of a decision whose answer was lost said "Dit kan niet: …"."""
    aanvraag = naar_status(aanvraag, Status.IN_BEHANDELING, lid=lid, medewerker=medewerker, collega=collega)
    client.force_login(medewerker)
    url = reverse("leefbaarheidsbudget:besluit", args=[aanvraag.pk])
    data = {
        "besluit": "toekennen",
        "bedrag": "900,00",
        "motivering": "Goed plan.",
        "formuliersleutel": sleutel_van(client.get(url).text),
    }
    with django_capture_on_commit_callbacks(execute=True):
        eerste, tweede = client.post(url, data), client.post(url, data)
    assert eerste.status_code == 302, eerste.context["form"].errors
    assert eerste.url == tweede.url == aanvraag.get_absolute_url()
    pagina = client.get(tweede.url).text
    assert VERSTUURD in pagina and "Dit kan niet" not in pagina
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND
    assert aanvraag.statuswijzigingen.filter(naar=Status.TOEGEKEND).count() == 1


@pytest.mark.django_db
def test_oude_sleutels_worden_opgeruimd(client, groep, lid, budget):
    client.force_login(lid)
    url = reverse("leefbaarheidsbudget:aanvraag_nieuw")
    client.post(url, {"groep": groep.pk, "titel": "Oud", "formuliersleutel": "a" * 32})
    client.post(url, {"groep": groep.pk, "titel": "Nieuw", "formuliersleutel": "b" * 32})
    Formuliersleutel.objects.filter(sleutel="a" * 32).update(
        aangemaakt_op=timezone.now() - eenmalig.BEWAARDUUR - datetime.timedelta(minutes=1)
    )
    uitvoer = StringIO()
    call_command("onbevestigd_opruimen", stdout=uitvoer)
    assert "1 formuliersleutel(s) verwijderd" in uitvoer.getvalue()
    assert list(Formuliersleutel.objects.values_list("sleutel", flat=True)) == ["b" * 32]


# --- optimistic locking --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opslaan_over_een_nieuwere_versie_bewaart_niets_en_houdt_de_invoer(client, aanvraag, lid, medelid):
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    client.force_login(lid)
    getoond = int(VERSIE.search(client.get(url).text).group(1))
    # Meanwhile the co-member saves another budget.
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=medelid,
        gegevens={"titel": "Buurtfeest van Mo"},
        kostenposten=[services.Kostenregel("Tent", Decimal("300.00"))],
    )
    response = client.post(url, {**formulier(aanvraag, titel="Buurtfeest van Lotte"), "versie": getoond})
    assert response.status_code == 200
    assert (
        "Iemand anders heeft deze aanvraag intussen gewijzigd. Uw invoer staat hieronder nog; "
        "bekijk de nieuwe versie en sla opnieuw op." in response.text
    )
    assert "Bekijk de nieuwe versie" in response.text
    form = response.context["form"]
    assert form["titel"].value() == "Buurtfeest van Lotte"  # what Lotte typed is still there
    assert response.context["formset"].forms[0]["omschrijving"].value() == "Springkussen"
    aanvraag.refresh_from_db()
    assert aanvraag.titel == "Buurtfeest van Mo" and aanvraag.totale_kosten == Decimal("300.00")
    assert [k.omschrijving for k in aanvraag.kostenposten.all()] == ["Tent"]
    # The form now carries the stored version: saving again (after seeing it) is Lotte's choice.
    assert form["versie"].value() == str(aanvraag.versie)
    opnieuw = client.post(
        url, {**formulier(aanvraag, titel="Buurtfeest van Lotte"), "versie": aanvraag.versie}
    )
    assert opnieuw.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.titel == "Buurtfeest van Lotte" and aanvraag.totale_kosten == Decimal("550.00")


@pytest.mark.django_db
def test_opslaan_en_indienen_over_een_nieuwere_versie_dient_niets_in(client, aanvraag, lid, medelid):
    """The fault found: a co-member's edit at the same moment was submitted under someone else's name."""
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    client.force_login(lid)
    getoond = aanvraag.versie
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=medelid,
        gegevens={"eigen_bijdrage": Decimal("0")},
        kostenposten=[services.Kostenregel("Tent", Decimal("3000.00"))],
    )
    response = client.post(url, {**formulier(aanvraag), "versie": getoond, "indienen": "1"})
    assert (
        response.status_code == 200
        and "Iemand anders heeft deze aanvraag intussen gewijzigd" in response.text
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT and aanvraag.gevraagd_bedrag == Decimal("3000.00")
    assert not aanvraag.statuswijzigingen.filter(naar=Status.INGEDIEND).exists()


@pytest.mark.django_db
def test_elke_wijziging_door_een_dienst_verhoogt_de_versie(aanvraag, lid, medewerker):
    versie = aanvraag.versie
    aanvraag = services.aanvraag_bijwerken(
        aanvraag=aanvraag, door=lid, gegevens={}, kostenposten=[services.Kostenregel("Zaal", Decimal("600"))]
    )
    assert aanvraag.versie == versie + 1
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    aanvraag = services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker)
    aanvraag.refresh_from_db()
    assert aanvraag.versie == versie + 3


@pytest.mark.django_db
def test_de_versie_is_een_voorwaarde_bij_het_schrijven(aanvraag, lid):
    """The conditional UPDATE holds also where the row lock is ignored (SQLite): an object read before a
    change elsewhere cannot be written over it."""
    oud = Aanvraag.objects.get(pk=aanvraag.pk)
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=lid,
        gegevens={"titel": "Eerst"},
        kostenposten=[services.Kostenregel("Zaal", Decimal("600"))],
    )
    oud.titel = "Daarna"
    with pytest.raises(VersieVerouderd):
        services._opslaan(oud)
    aanvraag.refresh_from_db()
    assert aanvraag.titel == "Eerst"


# --- save and submit: one transaction ------------------------------------------------------------------


def _regels():
    return [
        services.Kostenregel("Springkussen", Decimal("350.00")),
        services.Kostenregel("Muziek", Decimal("200")),
    ]


def _gegevens(aanvraag):
    return {
        "omschrijving": "Een buurtfeest op het plein.",
        "doel": "Buren leren elkaar kennen.",
        "kern": aanvraag.kern,
        "datum_van": timezone.localdate() + datetime.timedelta(days=60),
        "verwacht_aantal_deelnemers": 120,
        "eigen_bijdrage": Decimal("50.00"),
        "cofinanciering": Decimal("0"),
    }


@pytest.mark.django_db
def test_opslaan_en_indienen_dient_in_wat_het_formulier_had_door_wie_het_verstuurde(aanvraag, lid):
    aanvraag = services.aanvraag_opslaan_en_indienen(
        aanvraag=aanvraag,
        door=lid,
        gegevens=_gegevens(aanvraag),
        kostenposten=_regels(),
        versie=aanvraag.versie,
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND and aanvraag.gevraagd_bedrag == Decimal("500.00")
    stap = aanvraag.statuswijzigingen.get(naar=Status.INGEDIEND)
    assert stap.door == lid and "Gevraagd bedrag: € 500,00." in stap.toelichting


@pytest.mark.django_db
def test_mislukt_het_indienen_dan_is_ook_niets_opgeslagen(aanvraag, lid, monkeypatch):
    """A failure inside the submission (here: queueing its mail) rolls back the saved values too."""
    voor = (aanvraag.titel, aanvraag.totale_kosten, aanvraag.versie)

    def stuk(*args, **kwargs):
        raise RuntimeError("wachtrij onbereikbaar")

    monkeypatch.setattr(services.mail, "mail_ontvangstbevestiging", stuk)
    with pytest.raises(RuntimeError):
        services.aanvraag_opslaan_en_indienen(
            aanvraag=aanvraag,
            door=lid,
            gegevens={**_gegevens(aanvraag), "titel": "Nooit opgeslagen"},
            kostenposten=_regels(),
        )
    aanvraag.refresh_from_db()
    assert (aanvraag.titel, aanvraag.totale_kosten, aanvraag.versie) == voor
    assert aanvraag.status == Status.CONCEPT
    assert [k.omschrijving for k in aanvraag.kostenposten.all()] != ["Springkussen", "Muziek"]


@pytest.mark.django_db
def test_geweigerd_indienen_bewaart_de_wijzigingen_niet(aanvraag, lid):
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_opslaan_en_indienen(
            aanvraag=aanvraag, door=lid, gegevens={**_gegevens(aanvraag), "doel": ""}, kostenposten=_regels()
        )
    assert "doel" in fout.value.message_dict
    aanvraag.refresh_from_db()
    assert aanvraag.doel == "Buren leren elkaar kennen." and aanvraag.status == Status.CONCEPT


# --- at the same moment (PostgreSQL: SQLite cannot run two writing transactions at once) ------------------


def _gelijktijdig(taken):
    start = threading.Barrier(len(taken))
    uitkomsten = [None] * len(taken)

    def draai(i, taak):
        try:
            start.wait()
            uitkomsten[i] = taak()
        except Exception as fout:  # noqa: BLE001 - the outcome is what the test asserts
            uitkomsten[i] = fout
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draai, args=(i, t)) for i, t in enumerate(taken)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return uitkomsten


postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Gelijktijdige transacties vragen PostgreSQL; SQLite vergrendelt de hele database.",
)


@postgresql
@pytest.mark.django_db(transaction=True)
def test_dubbelklik_tegelijk_maakt_een_aanvraag(groep, lid, budget):
    data = {"groep": groep.pk, "titel": "Buurtfeest", "formuliersleutel": "d" * 32}

    def versturen():
        client = Client()
        client.force_login(lid)
        return client.post(reverse("leefbaarheidsbudget:aanvraag_nieuw"), data)

    antwoorden = _gelijktijdig([versturen] * 4)
    aanvraag = Aanvraag.objects.get()
    doel = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    assert [(a.status_code, a.url) for a in antwoorden] == [(302, doel)] * 4


@postgresql
@pytest.mark.django_db(transaction=True)
def test_twee_leden_dienen_tegelijk_in_een_wint_en_de_ander_hoort_het(aanvraag, lid, medelid):
    versie = aanvraag.versie

    def indienen(wie, bedrag):
        def taak():
            return services.aanvraag_opslaan_en_indienen(
                aanvraag=aanvraag,
                door=wie,
                gegevens=_gegevens(aanvraag),
                kostenposten=[services.Kostenregel("Alles", Decimal(bedrag))],
                versie=versie,
            )

        return taak

    uitkomsten = _gelijktijdig([indienen(lid, "700"), indienen(medelid, "900")])
    gelukt = [u for u in uitkomsten if isinstance(u, Aanvraag)]
    geweigerd = [u for u in uitkomsten if isinstance(u, VersieVerouderd)]
    assert len(gelukt) == 1 and len(geweigerd) == 1, uitkomsten
    aanvraag.refresh_from_db()
    stap = aanvraag.statuswijzigingen.get(naar=Status.INGEDIEND)
    # Submitted by the one whose form holds the amount submitted.
    verwacht = {lid: Decimal("650.00"), medelid: Decimal("850.00")}[stap.door]
    assert aanvraag.gevraagd_bedrag == verwacht
