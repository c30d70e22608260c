"""Pages: registration, staff list and detail (with query counts), agreement upload and download."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bewonersgroepen.constants import Groepsoort, Groepstatus
from bewonersgroepen.models import Groep, Samenwerkingsovereenkomst
from leefbaarheidsbudget.constants import Status
from tests.factories import GemeenteFactory, KernFactory, WijkFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory

from .factories import GroepFactory, LidmaatschapFactory, SamenwerkingsovereenkomstFactory, pdf_bytes


def test_publieke_aanmelding(client, gemeente, kern, django_capture_on_commit_callbacks):
    GemeenteFactory()  # with two gemeenten the page first asks which one
    assert "Stichtse Vecht" in client.get(reverse("bewonersgroepen:aanmelden")).text
    url = reverse("bewonersgroepen:aanmelden") + f"?gemeente={gemeente.slug}&kern={kern.slug}"
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert re.search(rf'<input[^>]*name="kernen"[^>]*value="{kern.pk}"[^>]*checked', pagina.text)
    data = {
        "gemeente": gemeente.slug,
        "soort": Groepsoort.PROJECTCOMMISSIE,
        "naam": "Commissie Speeltuin",
        "kernen": [kern.pk],
        "email": "speeltuin@example.nl",
        "aanmelder_naam": "Piet",
        "aanmelder_email": "piet@example.nl",
    }
    response = client.post(reverse("bewonersgroepen:aanmelden"), data)
    assert response.status_code == 200
    assert "Een projectcommissie hoort bij één project" in response.text
    assert not Groep.objects.exists()
    data["soort"] = Groepsoort.ACTIVITEITENCOMMISSIE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bewonersgroepen:aanmelden"), data)
    assert response["Location"] == reverse("bewonersgroepen:aanmelding_ontvangen")
    assert "Commissie Speeltuin" in client.get(response["Location"]).text
    assert not Groep.objects.exists()  # until the registrant confirms (test_aanmelden_anoniem.py)
    assert [m.to for m in mail.outbox] == [["piet@example.nl"]]
    link = re.search(r"http\S+/bevestigen/\S+/", mail.outbox[0].body).group(0)
    client.post(urlsplit(link).path)
    assert Groep.objects.get().status == Groepstatus.AANGEMELD


def test_medewerker_accepteert_aanmelding_via_detailpagina(client, gemeente, kern, medewerker):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], aangemeld=True, aanmelder_email="a@example.nl")
    client.force_login(medewerker)
    lijst = client.get(reverse("bewonersgroepen:lijst"))
    assert "Te behandelen aanmeldingen" in lijst.text and groep.naam in lijst.text
    response = client.post(
        reverse("bewonersgroepen:status", args=[groep.pk]), {"naar": Groepstatus.AFGEWEZEN}
    )
    assert response.status_code == 200  # the page again, with the error at the reason field
    assert "Geef een reden" in response.context["statusform"].errors["toelichting"][0]
    assert 'aria-invalid="true"' in response.text and "Geef een reden" in response.text
    groep.refresh_from_db()
    assert groep.status == Groepstatus.AANGEMELD  # a rejection needs a reason
    client.post(
        reverse("bewonersgroepen:status", args=[groep.pk]), {"naar": Groepstatus.ACTIEF, "toelichting": ""}
    )
    groep.refresh_from_db()
    assert groep.status == Groepstatus.ACTIEF
    detail = client.get(reverse("bewonersgroepen:detail", args=[groep.pk]))
    assert "Aangemeld → Actief" in detail.text and medewerker.naam in detail.text


def test_statusformulier_kiest_niets_voor(client, gemeente, kern, medewerker):
    """No new status is preselected (Enter by mistake changes nothing); sending without a choice
    gives a Dutch error at the field, and the status and its history stay as they were."""
    import re

    groep = GroepFactory(gemeente=gemeente, kernen=[kern], aangemeld=True)
    client.force_login(medewerker)
    pagina = client.get(reverse("bewonersgroepen:detail", args=[groep.pk]))
    [keuzelijst] = re.findall(r'<select name="naar"[^>]*>.*?</select>', pagina.text, re.S)
    assert " required" in keuzelijst
    opties = re.findall(r'<option value="([^"]*)"( selected)?', keuzelijst)
    # Only the empty "Kies een status" is selected; no status is.
    assert opties == [("", " selected"), (Groepstatus.ACTIEF, ""), (Groepstatus.AFGEWEZEN, "")]

    voor = groep.statusovergangen.count()
    response = client.post(reverse("bewonersgroepen:status", args=[groep.pk]), {"toelichting": ""})
    assert response.status_code == 200
    assert response.context["statusform"].errors["naar"] == ["Kies de nieuwe status van de groep."]
    [keuzelijst] = re.findall(r'<select name="naar"[^>]*>.*?</select>', response.text, re.S)
    assert 'aria-invalid="true"' in keuzelijst and "Kies de nieuwe status van de groep." in response.text
    groep.refresh_from_db()
    assert groep.status == Groepstatus.AANGEMELD and groep.statusovergangen.count() == voor


def test_lid_kan_status_niet_wijzigen(client, groep, lid):
    client.force_login(lid)
    response = client.post(
        reverse("bewonersgroepen:status", args=[groep.pk]),
        {"naar": Groepstatus.OPGEHEVEN, "toelichting": "x"},
    )
    assert response.status_code == 403
    groep.refresh_from_db()
    assert groep.status == Groepstatus.ACTIEF


def test_lijst_filters_en_zoeken(client, gemeente, kern, medewerker):
    andere_kern = KernFactory(gemeente=gemeente, naam="Loenen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Kockengen", bewonersgroep=True)
    GroepFactory(gemeente=gemeente, kernen=[andere_kern], naam="Feestcommissie Loenen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Oude club", status=Groepstatus.OPGEHEVEN)
    verloopt = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Nigtevecht", bewonersgroep=True)
    SamenwerkingsovereenkomstFactory(
        groep=verloopt, actief=True, einddatum=datetime.date.today() + datetime.timedelta(days=30)
    )
    GroepFactory(gemeente=GemeenteFactory(), naam="Groep elders")
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:lijst")

    def namen(**params):
        tekst = client.get(url, params).text
        return {
            n
            for n in (
                "Dorpsraad Kockengen",
                "Feestcommissie Loenen",
                "Oude club",
                "Dorpsraad Nigtevecht",
                "Groep elders",
            )
            if n in tekst
        }

    assert namen() == {"Dorpsraad Kockengen", "Feestcommissie Loenen", "Oude club", "Dorpsraad Nigtevecht"}
    assert namen(soort=Groepsoort.BEWONERSGROEP) == {"Dorpsraad Kockengen", "Dorpsraad Nigtevecht"}
    assert namen(kern=andere_kern.pk) == {"Feestcommissie Loenen"}
    assert namen(status=Groepstatus.OPGEHEVEN) == {"Oude club"}
    assert namen(verloopt="on") == {"Dorpsraad Nigtevecht"}
    assert namen(zoek="dorpsraad") == {"Dorpsraad Kockengen", "Dorpsraad Nigtevecht"}
    verlopend = client.get(reverse("bewonersgroepen:verlopend")).text
    assert "Dorpsraad Nigtevecht" in verlopend and "Dorpsraad Kockengen" not in verlopend


def _vul(gemeente, kern, aantal):
    for i in range(aantal):
        wijk = WijkFactory(kern=kern, gemeente=gemeente, code=f"WK1904{50 + i:02d}")
        groep = GroepFactory(
            gemeente=gemeente, kernen=[kern], wijken=[wijk], bewonersgroep=True, aangemeld=i % 2 == 0
        )
        LidmaatschapFactory(groep=groep, contactpersoon=True)
        LidmaatschapFactory(groep=groep)
        SamenwerkingsovereenkomstFactory(groep=groep, actief=True)


@pytest.mark.parametrize("aantal", [1, 6])
def test_lijst_vast_aantal_queries(client, gemeente, kern, medewerker, django_assert_num_queries, aantal):
    _vul(gemeente, kern, aantal)
    client.force_login(medewerker)
    client.get(reverse("bewonersgroepen:lijst"))  # warm the session
    # 14 before the menu stopped asking Django's permission tables and the user came with their kinds in
    # one query; 9 since the registrations to handle no longer fetch the areas their table does not show
    with django_assert_num_queries(9):
        response = client.get(reverse("bewonersgroepen:lijst"))
    assert response.status_code == 200


@pytest.mark.parametrize("aantal", [1, 6])
def test_detail_vast_aantal_queries(client, gemeente, kern, medewerker, django_assert_num_queries, aantal):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    for i in range(aantal):
        LidmaatschapFactory(groep=groep, contactpersoon=i == 0)
        groep.wijken.add(WijkFactory(kern=kern, gemeente=gemeente, code=f"WK1904{60 + i:02d}"))
        SamenwerkingsovereenkomstFactory(groep=groep, ondertekend=True)
        AanvraagFactory(groep=groep, kern=kern, status=Status.INGEDIEND)  # the section of leefbaarheidsbudget
    client.force_login(medewerker)
    client.get(reverse("bewonersgroepen:detail", args=[groep.pk]))
    # 13, minus three since the menu stopped asking Django's permission tables and the user came with their
    # kinds in one query, plus two for leefbaarheidsbudget's section (applications, regulation), plus one
    # for the history of the payment details, plus one for the jaarbijdragen section (the agreements that give
    # money; their contributions come in one more query when any is active: test_jaarbijdrage_paginas.py)
    with django_assert_num_queries(14):
        response = client.get(reverse("bewonersgroepen:detail", args=[groep.pk]))
    assert response.status_code == 200


def test_overeenkomst_uploaden_via_pagina(client, gemeente, kern, medewerker):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    client.force_login(medewerker)
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
    }
    url = reverse("bewonersgroepen:overeenkomst_nieuw", args=[groep.pk])
    nep = SimpleUploadedFile("overeenkomst.pdf", b"<html>geen pdf</html>", content_type="application/pdf")
    response = client.post(url, {**data, "ondertekend_document": nep})
    assert response.status_code == 200
    assert "Dit bestand is geen PDF" in response.text
    assert not Samenwerkingsovereenkomst.objects.exists()

    echt = SimpleUploadedFile("overeenkomst.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(url, {**data, "ondertekend_document": echt})
    assert response.status_code == 302, response.context["form"].errors
    overeenkomst = Samenwerkingsovereenkomst.objects.get()
    assert response["Location"] == overeenkomst.get_absolute_url()
    assert overeenkomst.jaarbijdrage == 2500
    pagina = client.get(overeenkomst.get_absolute_url()).text
    assert "€ 2.500,00" in pagina and "01-01-2025" in pagina


@pytest.mark.parametrize("getypt", ["2.500,00", "€ 2.500", "2500,00", "2500.00"])
def test_jaarbijdrage_zoals_mensen_hem_typen(db, getypt):
    from bewonersgroepen.forms import OvereenkomstForm

    form = OvereenkomstForm({"jaarbijdrage": getypt})
    form.is_valid()
    assert "jaarbijdrage" not in form.errors and form.cleaned_data["jaarbijdrage"] == 2500
    assert 'value="2500,00"' in str(
        OvereenkomstForm(initial={"jaarbijdrage": Decimal("2500")})["jaarbijdrage"]
    )


def test_download_alleen_voor_eigen_groep_en_staf(
    client, gemeente, kern, medewerker, medewerker_elders, raadslid
):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    lid_a = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    lid_b = LidmaatschapFactory(groep=GroepFactory(gemeente=gemeente), contactpersoon=True).gebruiker
    overeenkomst = SamenwerkingsovereenkomstFactory(groep=groep, actief=True)
    url = reverse("bewonersgroepen:overeenkomst_document", args=[overeenkomst.pk])
    for wie in (lid_a, medewerker):
        client.force_login(wie)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for wie in (lid_b, medewerker_elders, raadslid):
        client.force_login(wie)
        assert client.get(url).status_code == 404
        assert client.get(overeenkomst.get_absolute_url()).status_code == 404


def test_kernpagina_toont_actieve_groepen(client, gemeente, kern, wijk):
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Actief")
    GroepFactory(gemeente=gemeente, kernen=[], wijken=[wijk], naam="Wijkcomité Via Wijk")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Nog Aangemeld", aangemeld=True)
    GroepFactory(gemeente=gemeente, naam="Ergens Anders")
    tekst = client.get(kern.get_absolute_url()).text
    assert "Dorpsraad Actief" in tekst and "Wijkcomité Via Wijk" in tekst
    assert "Nog Aangemeld" not in tekst and "Ergens Anders" not in tekst
    assert "Meld een nieuwe groep aan" in tekst
    wijktekst = client.get(wijk.get_absolute_url()).text
    assert "Wijkcomité Via Wijk" in wijktekst and "Ergens Anders" not in wijktekst


def test_menu(client, groep, lid, medewerker, raadslid):
    client.force_login(lid)
    tekst = client.get(reverse("portaal:home")).text
    assert 'href="/mijn-groep/"' in tekst and 'href="/bewonersgroepen/"' not in tekst
    client.force_login(medewerker)
    tekst = client.get(reverse("portaal:home")).text
    assert 'href="/bewonersgroepen/"' in tekst and 'href="/mijn-groep/"' not in tekst
    client.force_login(raadslid)
    tekst = client.get(reverse("portaal:home")).text
    assert 'href="/bewonersgroepen/"' not in tekst and 'href="/mijn-groep/"' not in tekst


def test_overeenkomst_status_fout_staat_bij_het_veld(client, gemeente, kern, medewerker):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    concept = SamenwerkingsovereenkomstFactory(groep=groep)
    actief = SamenwerkingsovereenkomstFactory(
        groep=GroepFactory(gemeente=gemeente, bewonersgroep=True), actief=True
    )
    client.force_login(medewerker)
    response = client.post(
        reverse("bewonersgroepen:overeenkomst_status", args=[actief.pk]),
        {"naar": "beeindigd", "toelichting": ""},
    )
    assert response.status_code == 200
    assert "Geef de reden" in response.context["statusform"].errors["toelichting"][0]
    actief.refresh_from_db()
    assert actief.status == "actief"
    client.post(
        reverse("bewonersgroepen:overeenkomst_status", args=[concept.pk]), {"naar": "ter_ondertekening"}
    )
    response = client.post(
        reverse("bewonersgroepen:overeenkomst_status", args=[concept.pk]),
        {"naar": "actief", "toelichting": ""},
    )
    assert response.status_code == 200
    assert "ondertekende overeenkomst (PDF)" in " ".join(response.context["statusform"].non_field_errors())
    concept.refresh_from_db()
    assert concept.status == "ter_ondertekening"


def test_aanmelding_staat_in_de_werklijst_van_de_medewerker_van_het_gebied(
    client, gemeente, kern, medewerker
):
    """Routed to the kern's adviseur (rollen), who sees it in the list and in the open work; a colleague
    elsewhere in the gemeente does not get it in their list."""
    from bewonersgroepen.services import groep_registreren
    from tests.rollen.factories import ToewijzingFactory

    adviseur = ToewijzingFactory(kern=kern).medewerker
    groep = groep_registreren(
        soort=Groepsoort.ACTIVITEITENCOMMISSIE,
        naam="Buurtcomité De Brug",
        gemeente=gemeente,
        kernen=[kern],
        email="info@debrug.nl",
        aanmelder_email="anna@example.nl",
    )
    client.force_login(adviseur)
    lijst = client.get(reverse("bewonersgroepen:lijst"))
    assert [g.naam for g in lijst.context["aanmeldingen"]] == ["Buurtcomité De Brug"]
    assert groep.get_absolute_url() in lijst.text.split("Te behandelen aanmeldingen", 1)[1]
    client.force_login(medewerker)
    assert list(client.get(reverse("bewonersgroepen:lijst")).context["aanmeldingen"]) == []


def test_overeenkomst_status_kiest_niets_vooraf(client, gemeente, kern, medewerker):
    """No status is chosen for the user (a slip of Enter changes nothing); sending without a choice says so
    next to the field."""
    concept = SamenwerkingsovereenkomstFactory(
        groep=GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    )
    client.force_login(medewerker)
    pagina = client.get(reverse("bewonersgroepen:overeenkomst", args=[concept.pk])).content.decode()
    assert '<option value="" selected>Kies een status</option>' in pagina
    response = client.post(reverse("bewonersgroepen:overeenkomst_status", args=[concept.pk]), {"naar": ""})
    assert response.status_code == 200
    assert response.context["statusform"].errors["naar"] == ["Kies de nieuwe status van de overeenkomst."]
    concept.refresh_from_db()
    assert concept.status == "concept" and not concept.statusovergangen.exists()
