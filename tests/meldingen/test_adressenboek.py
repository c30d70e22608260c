"""The Doorzetting form's address book (meldingen.registry): apps above meldingen register callables;
the form offers their entries (those in the melding's area first) and copies name and e-mail."""

import pytest
from django.urls import reverse

from meldingen import registry, services
from meldingen.models import Doorzetting

from .factories import CategorieFactory, SubcategorieFactory


@pytest.fixture
def melding(gemeente, wijk):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Water", slug="water")
    categorie = SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Verstopte put")
    return services.melding_doen(gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Put loopt over.")


@pytest.fixture
def nep_boek(monkeypatch):
    """Only a fake book: independent of what installed apps registered."""
    gezien = []

    def boek(gemeente, wijk):
        gezien.append((gemeente, wijk))
        return [
            ("Zorgpunt", "", "Zorg"),
            ("Aannemer Groen", "groen@example.nl", "Overig", False),
            ("Waterschap", "water@example.nl", "Overig", True),
        ]

    monkeypatch.setattr(registry, "_adressenboeken", [])
    registry.register_adressenboek(boek)
    registry.register_adressenboek(boek)  # once only
    return gezien


def test_register_en_volgorde(nep_boek, gemeente, wijk):
    adressen = registry.adressen(gemeente, wijk)
    assert [a.naam for a in adressen] == ["Waterschap", "Aannemer Groen", "Zorgpunt"]
    assert nep_boek == [(gemeente, wijk)]


def test_formulier_kiest_partner_en_vult_naam_en_adres(client, nep_boek, melding, medewerker):
    client.force_login(medewerker)
    html = client.get(melding.get_absolute_url()).content.decode()
    assert 'name="ketenpartner"' in html
    assert html.index("Waterschap") < html.index("Aannemer Groen")
    url = reverse("meldingen:doorzetten", args=[melding.referentie])
    assert client.post(url, {"ketenpartner": "Waterschap", "aan": "", "vraag": "Put?"}).status_code == 302
    vraag = Doorzetting.objects.get()
    assert (vraag.aan, vraag.aan_email) == ("Waterschap", "water@example.nl")


def test_formulier_vrije_tekst_blijft_en_fouten(client, nep_boek, melding, medewerker):
    client.force_login(medewerker)
    url = reverse("meldingen:doorzetten", args=[melding.referentie])
    leeg = client.post(url, {"ketenpartner": "", "aan": "", "vraag": "Put?"})
    assert leeg.status_code == 400 and "Kies een ketenpartner of vul in" in leeg.content.decode()
    allebei = client.post(url, {"ketenpartner": "Waterschap", "aan": "Team Riolering", "vraag": "Put?"})
    assert "niet allebei" in allebei.content.decode()
    onbekend = client.post(url, {"ketenpartner": "Bestaat niet", "aan": "", "vraag": "Put?"})
    assert onbekend.status_code == 400
    assert not Doorzetting.objects.exists()
    assert client.post(url, {"ketenpartner": "", "aan": "Team Riolering", "vraag": "Put?"}).status_code == 302
    assert Doorzetting.objects.get().aan == "Team Riolering"


def test_zonder_boeken_alleen_vrije_tekst(client, monkeypatch, melding, medewerker):
    monkeypatch.setattr(registry, "_adressenboeken", [])
    client.force_login(medewerker)
    html = client.get(melding.get_absolute_url()).content.decode()
    assert 'name="ketenpartner"' not in html and 'name="aan"' in html
