"""No double or lost input on groups (issue 16, item 4): a registration, an invitation, an agreement or a
proposed IBAN sent twice is made once and the second request lands on it; an officer who saves the
group's details over a newer edit keeps their input and saves nothing."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bewonersgroepen import services
from bewonersgroepen.constants import Functie, Overeenkomststatus
from bewonersgroepen.models import (
    Betaalgegevenswijziging,
    Groep,
    Groepaanmelding,
    Samenwerkingsovereenkomst,
    Uitnodiging,
)
from invoer.models import Formuliersleutel
from tests.factories import UserFactory
from tests.leefbaarheidsbudget.factories import pdf_bytes

from .factories import GroepFactory, LidmaatschapFactory, SamenwerkingsovereenkomstFactory
from .test_aanmelden_anoniem import _formulier

pytestmark = pytest.mark.django_db
SLEUTEL = re.compile(r'name="formuliersleutel" value="([^"]+)"')
VERSTUURD = "U had dit formulier al verstuurd. Het is één keer verwerkt"


def sleutel(client, url) -> str:
    return SLEUTEL.search(client.get(url).text).group(1)


def twee_keer(client, url, data, capture, **kwargs):
    """The same POST twice (a double click, or a retry after an error page or a timeout)."""
    with capture(execute=True):
        eerste = client.post(url, data, **kwargs)
        tweede = client.post(url, data, **kwargs)
    assert eerste.status_code == tweede.status_code == 302, getattr(eerste, "context", None)
    assert eerste.url == tweede.url
    assert VERSTUURD in client.get(tweede.url).text
    return eerste


@pytest.fixture
def bestuurder(groep):
    return LidmaatschapFactory(
        groep=groep, functie=Functie.VOORZITTER, gebruiker=UserFactory(groepslid=True, naam="Vera Voorzitter")
    ).gebruiker


@pytest.fixture
def secretaris(groep):
    return LidmaatschapFactory(
        groep=groep, functie=Functie.SECRETARIS, gebruiker=UserFactory(groepslid=True, naam="Sam Secretaris")
    ).gebruiker


def test_anonieme_aanmelding_twee_keer_is_een_aanmelding_en_een_mail(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    url = reverse("bewonersgroepen:aanmelden") + f"?gemeente={gemeente.slug}"
    data = {**_formulier(gemeente, kern), "formuliersleutel": sleutel(client, url)}
    eerste = twee_keer(client, reverse("bewonersgroepen:aanmelden"), data, django_capture_on_commit_callbacks)
    assert eerste.url == reverse("bewonersgroepen:aanmelding_ontvangen")
    assert Groepaanmelding.objects.count() == 1 and len(mail.outbox) == 1


def test_uitnodiging_twee_keer_is_een_uitnodiging(
    client, groep, medewerker, django_capture_on_commit_callbacks
):
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:uitnodigen", args=[groep.pk])
    data = {
        "naam": "Nina Nieuw",
        "email": "nina@example.nl",
        "functie": Functie.LID,
        "formuliersleutel": sleutel(client, url),
    }
    eerste = twee_keer(client, url, data, django_capture_on_commit_callbacks)
    assert eerste.url == groep.get_absolute_url()
    assert Uitnodiging.objects.filter(groep=groep).count() == 1
    assert [m.to for m in mail.outbox] == [["nina@example.nl"]]


def test_betaalgegevens_twee_keer_is_een_voorstel(
    client, groep, bestuurder, django_capture_on_commit_callbacks
):
    client.force_login(bestuurder)
    url = reverse("bewonersgroepen:betaalgegevens", args=[groep.pk])
    data = {
        "iban": "NL91ABNA0417164300",
        "tenaamstelling": "Stichting",
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data, django_capture_on_commit_callbacks)
    assert Betaalgegevenswijziging.objects.filter(groep=groep).count() == 1


def test_overeenkomst_twee_keer_is_een_overeenkomst(
    client, gemeente, kern, medewerker, django_capture_on_commit_callbacks
):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:overeenkomst_nieuw", args=[groep.pk])
    data = {
        "startdatum": "2025-01-01",
        "einddatum": "2028-12-31",
        "jaarbijdrage": "2500,00",
        "overlegfrequentie": "Vier keer per jaar",
        "onderwerpen": "Groen",
        "verplichtingen_groep": "Meedenken",
        "verplichtingen_gemeente": "Informeren",
        "ondertekenaar_naam": "M. Wethouder",
        "ondertekenaar_functie": "Wethouder",
        "formuliersleutel": sleutel(client, url),
    }
    with django_capture_on_commit_callbacks(execute=True):
        eerste = client.post(url, {**data, "ondertekend_document": SimpleUploadedFile("o.pdf", pdf_bytes())})
        tweede = client.post(url, {**data, "ondertekend_document": SimpleUploadedFile("o.pdf", pdf_bytes())})
    overeenkomst = Samenwerkingsovereenkomst.objects.get()
    assert eerste.url == tweede.url == overeenkomst.get_absolute_url()


def test_verlengen_twee_keer_landt_op_de_nieuwe_versie(client, gemeente, kern, medewerker):
    """Before: the second press said "Deze overeenkomst is al verlengd."; now it shows the new version."""
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    eerste = SamenwerkingsovereenkomstFactory(groep=groep, actief=True)
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:overeenkomst_verlengen", args=[eerste.pk])
    pagina = client.get(eerste.get_absolute_url()).text
    knop = pagina[pagina.index(f'action="{url}"') :]
    data = {"formuliersleutel": SLEUTEL.search(knop).group(1)}
    a, b = client.post(url, data), client.post(url, data)
    nieuw = Samenwerkingsovereenkomst.objects.get(vorige=eerste)
    assert a.url == b.url == nieuw.get_absolute_url() and nieuw.status == Overeenkomststatus.CONCEPT
    assert "al verlengd" not in client.get(b.url).text


def test_verlengen_dat_niet_kan_legt_de_sleutel_niet_vast(client, gemeente, kern, medewerker):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    concept = SamenwerkingsovereenkomstFactory(groep=groep)
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:overeenkomst_verlengen", args=[concept.pk])
    response = client.post(url, {"formuliersleutel": "v" * 32}, follow=True)
    assert "Alleen een actieve of verlopen overeenkomst kunt u verlengen." in response.text
    assert not Formuliersleutel.objects.exists()


# --- optimistic locking on the group's details ------------------------------------------------------------


def _gegevens(groep, **velden):
    return {
        "naam": groep.naam,
        "kernen": [k.pk for k in groep.kernen.all()],
        "beschrijving": groep.beschrijving,
        "email": groep.email or "info@example.nl",
        "kvk_nummer": groep.kvk_nummer,
        **velden,
    }


def test_gegevens_opslaan_over_een_nieuwere_versie_bewaart_niets_en_houdt_de_invoer(
    client, groep, bestuurder, secretaris
):
    url = reverse("bewonersgroepen:wijzigen", args=[groep.pk])
    client.force_login(bestuurder)
    getoond = int(re.search(r'name="versie" value="(\d+)"', client.get(url).text).group(1))
    services.groep_bijwerken(groep=groep, door=secretaris, beschrijving="Door Sam bijgewerkt.")
    response = client.post(url, _gegevens(groep, beschrijving="Door Vera bijgewerkt.", versie=getoond))
    assert response.status_code == 200
    assert (
        "Iemand anders heeft de gegevens van deze groep intussen gewijzigd. Uw invoer staat hieronder nog; "
        "bekijk de nieuwe versie en sla opnieuw op." in response.text
    )
    assert response.context["form"]["beschrijving"].value() == "Door Vera bijgewerkt."
    groep = Groep.objects.get(pk=groep.pk)
    assert groep.beschrijving == "Door Sam bijgewerkt." and groep.versie == getoond + 1
    assert response.context["form"]["versie"].value() == str(groep.versie)
    opnieuw = client.post(url, _gegevens(groep, beschrijving="Door Vera bijgewerkt.", versie=groep.versie))
    assert opnieuw.status_code == 302
    groep.refresh_from_db()
    assert groep.beschrijving == "Door Vera bijgewerkt." and groep.versie == getoond + 2
