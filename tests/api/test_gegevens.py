"""Per endpoint: the public fields a client gets, and that personal data never comes out (README,
"Open data API"). Requests as a client makes them: plain GETs, JSON back."""

import json

import pytest
from django.utils import timezone

from gebiedsagenda.models import Nieuwsbericht
from meldingen.selectors import afgerond_punt
from tests.api.conftest import PERSOONSGEGEVENS

pytestmark = pytest.mark.django_db


def _get(client, pad, **params):
    response = client.get(pad, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def _enige(client, pad, **params):
    data = _get(client, pad, **params)
    assert data["totaal"] == 1, data
    return data["resultaten"][0]


def test_gemeenten(client, wereld):
    data = _get(client, "/api/v1/gemeenten")
    assert data["resultaten"] == [
        {
            "code": "GM1904",
            "naam": "Stichtse Vecht",
            "slug": "stichtse-vecht",
            "inwoners": wereld.gemeente.inwoners,
            "telefoonAlgemeen": wereld.gemeente.telefoon_algemeen,
            "emailAlgemeen": wereld.gemeente.email_algemeen,
        }
    ]
    assert _get(client, "/api/v1/gemeenten/GM1904")["naam"] == "Stichtse Vecht"


def test_kernen(client, wereld):
    kern = _enige(client, "/api/v1/kernen", gemeente="GM1904")
    assert kern == {
        "id": wereld.kern.pk,
        "naam": "Breukelen",
        "slug": "breukelen",
        "gemeente": "GM1904",
        "inwoners": wereld.kern.inwoners,
    }
    assert _get(client, f"/api/v1/kernen/{wereld.kern.pk}") == kern
    assert _get(client, "/api/v1/kernen", gemeente="GM0000")["totaal"] == 0


def test_wijken_en_buurten(client, wereld):
    wijk = _enige(client, "/api/v1/wijken", kern=wereld.kern.pk)
    assert wijk == {
        "code": "WK190402",
        "naam": "Wijk 02 Breukelen",
        "slug": wereld.wijk.slug,
        "gemeente": "GM1904",
        "kern": wereld.kern.pk,
        "inwoners": wereld.wijk.inwoners,
    }
    assert _get(client, "/api/v1/wijken/WK190402") == wijk
    buurt = _enige(client, "/api/v1/buurten", wijk="WK190402")
    assert buurt == {
        "code": "BU19040201",
        "naam": "Centrum Breukelen",
        "slug": wereld.buurt.slug,
        "wijk": "WK190402",
        "gemeente": "GM1904",
        "inwoners": None,
    }
    assert _get(client, "/api/v1/buurten/BU19040201") == buurt
    assert _get(client, "/api/v1/buurten", kern=wereld.kern.pk)["totaal"] == 1


def test_contactpersonen_met_werkgegevens(client, wereld):
    data = _get(client, "/api/v1/contactpersonen", kern=wereld.kern.pk)
    assert data["resultaten"] == [
        {
            "rol": "adviseur",
            "rolNaam": "Adviseur Leefomgeving",
            "naam": "Mila Medewerker",
            "email": "mila@stichtsevecht.example",
            "telefoon": "0346254000",
            "gemeente": "GM1904",
            "kern": wereld.kern.pk,
            "wijk": None,
            "project": None,
        }
    ]
    # The omgevingsmanager of the running project is a contact too.
    rollen = {c["rol"] for c in _get(client, "/api/v1/contactpersonen", gemeente="GM1904")["resultaten"]}
    assert rollen == {"adviseur", "omgevingsmanager"}


def test_bewonersgroepen_alleen_actieve_zonder_leden(client, wereld):
    groep = _enige(client, "/api/v1/bewonersgroepen", gemeente="GM1904")
    assert groep == {
        "id": wereld.groep.pk,
        "naam": "Dorpsraad Breukelen",
        "soort": wereld.groep.soort,
        "thema": "",
        "email": "info@dorpsraad.example",
        "gemeente": "GM1904",
        "kernen": [wereld.kern.pk],
        "wijken": [],
    }
    assert _get(client, f"/api/v1/bewonersgroepen/{wereld.groep.pk}") == groep
    assert _get(client, "/api/v1/bewonersgroepen", kern=wereld.kern.pk)["totaal"] == 1


def test_opgaven(client, wereld):
    opgave = _enige(client, "/api/v1/opgaven", kern=wereld.kern.pk)
    assert opgave["titel"] == "Meer woningen voor starters"
    assert opgave["thema"] == "Wonen"
    assert opgave["niveau"] == "kern" and opgave["kern"] == wereld.kern.pk and opgave["gemeente"] == "GM1904"
    assert set(opgave) == {
        "id", "titel", "thema", "status", "beschrijving", "gemeente", "niveau", "kern", "wijk", "buurt",
        "aangemaaktOp", "gewijzigdOp",
    }  # fmt: skip
    assert _get(client, f"/api/v1/opgaven/{wereld.opgave.pk}")["titel"] == opgave["titel"]


def test_nieuws_alleen_gepubliceerd(client, wereld):
    jaar = wereld.nieuws.gepubliceerd_op.year
    bericht = _enige(client, "/api/v1/nieuws", gemeente="GM1904", jaar=jaar)
    assert bericht["titel"] == "Nieuw speelveld"
    assert bericht["kernen"] == [wereld.kern.pk]
    assert set(bericht) == {"id", "titel", "tekst", "gemeente", "kernen", "wijken", "gepubliceerdOp"}
    assert _get(client, "/api/v1/nieuws", jaar=jaar - 1)["totaal"] == 0
    verborgen = Nieuwsbericht.objects.get(titel="Verborgen voorstel")
    assert client.get(f"/api/v1/nieuws/{verborgen.pk}").status_code == 404


def test_budgetcijfers_per_kern(client, wereld):
    jaar = timezone.localdate().year
    rij = _enige(client, "/api/v1/budgetcijfers", gemeente="GM1904", jaar=jaar)
    assert rij == {
        "kern": wereld.kern.pk,
        "kernNaam": "Breukelen",
        "gemeente": "GM1904",
        "jaar": jaar,
        "plafond": "25000.00",
        "toegekend": "900.00",
        "gereserveerd": "900.00",
        "uitbetaald": "0.00",
        "vastgesteld": "0.00",
        "terugTeVorderen": "0.00",
        "vrij": "24100.00",
    }
    assert _enige(client, "/api/v1/budgetcijfers", kern=wereld.kern.pk, jaar=jaar) == rij
    assert _get(client, "/api/v1/budgetcijfers", jaar=jaar - 1)["resultaten"][0]["toegekend"] == "0.00"
    fout = client.get("/api/v1/budgetcijfers?gemeente=Breukelen")
    assert fout.status_code == 400
    assert fout["Content-Type"] == "application/problem+json"
    assert fout.json()["invalidParams"][0]["name"] == "gemeente"


def test_meldingen_alleen_open_en_afgerond(client, wereld):
    melding = _enige(client, "/api/v1/meldingen", wijk="WK190402")
    assert melding == {
        "referentie": wereld.melding.referentie,
        "categorie": wereld.melding.categorie.naam,
        "hoofdcategorie": wereld.melding.categorie.hoofdcategorie.naam,
        "status": "gemeld",
        "gemeente": "GM1904",
        "kern": wereld.kern.pk,
        "wijk": "WK190402",
        "gemeldOp": melding["gemeldOp"],
        "locatie": dict(
            zip(("lat", "lon"), afgerond_punt(wereld.melding.lat, wereld.melding.lon), strict=True)
        ),
    }
    assert melding["locatie"] != {"lat": float(wereld.melding.lat), "lon": float(wereld.melding.lon)}
    assert _get(client, f"/api/v1/meldingen/{wereld.melding.referentie}") == melding
    # A closed melding is not on the area page, so not in the API either.
    assert client.get("/api/v1/meldingen/M-2026-999999").status_code == 404


def test_projecten(client, wereld):
    project = _enige(client, "/api/v1/projecten", kern=wereld.kern.pk)
    assert project["naam"] == "Stationsgebied"
    assert project["kernen"] == [wereld.kern.pk]
    assert project["omgevingsmanager"]  # a staff member's name, as on the project page
    assert set(project) == {
        "id", "naam", "slug", "gemeente", "fase", "beschrijving", "kernen", "wijken", "omgevingsmanager",
    }  # fmt: skip
    assert _get(client, f"/api/v1/projecten/{wereld.project.pk}") == project


def _adressen(wereld):
    return [
        "/api/v1/gemeenten",
        "/api/v1/gemeenten/GM1904",
        "/api/v1/kernen",
        f"/api/v1/kernen/{wereld.kern.pk}",
        "/api/v1/wijken",
        "/api/v1/wijken/WK190402",
        "/api/v1/buurten",
        "/api/v1/buurten/BU19040201",
        "/api/v1/contactpersonen",
        "/api/v1/bewonersgroepen",
        f"/api/v1/bewonersgroepen/{wereld.groep.pk}",
        "/api/v1/opgaven",
        f"/api/v1/opgaven/{wereld.opgave.pk}",
        "/api/v1/nieuws",
        f"/api/v1/nieuws/{wereld.nieuws.pk}",
        "/api/v1/budgetcijfers?gemeente=GM1904",
        "/api/v1/meldingen",
        f"/api/v1/meldingen/{wereld.melding.referentie}",
        "/api/v1/projecten",
        f"/api/v1/projecten/{wereld.project.pk}",
    ]


@pytest.mark.parametrize("nummer", range(20))
def test_nooit_persoonsgegevens(client, wereld, nummer):
    adres = _adressen(wereld)[nummer]
    response = client.get(adres)
    assert response.status_code == 200, adres
    tekst = json.dumps(response.json(), ensure_ascii=False)
    gevonden = [p for p in PERSOONSGEGEVENS if p in tekst]
    assert not gevonden, f"{adres} toont {gevonden}"


def test_de_lijst_met_persoonsgegevens_staat_wel_in_de_database(wereld):
    """The check above means something only if the world really holds that data."""
    assert wereld.melding.email == "melder.pietersen@bewoner.example"
    assert wereld.groep.lidmaatschappen.filter(gebruiker__email="lid.jansen@bewoner.example").exists()
