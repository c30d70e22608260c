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


def test_gemeenten(client, api_gegevens):
    data = _get(client, "/api/v1/gemeenten")
    assert data["resultaten"] == [
        {
            "code": "GM1904",
            "naam": "Stichtse Vecht",
            "slug": "stichtse-vecht",
            "inwoners": api_gegevens.gemeente.inwoners,
            "telefoonAlgemeen": api_gegevens.gemeente.telefoon_algemeen,
            "emailAlgemeen": api_gegevens.gemeente.email_algemeen,
        }
    ]
    assert _get(client, "/api/v1/gemeenten/GM1904")["naam"] == "Stichtse Vecht"


def test_kernen(client, api_gegevens):
    kern = _enige(client, "/api/v1/kernen", gemeente="GM1904")
    assert kern == {
        "id": api_gegevens.kern.pk,
        "naam": "Breukelen",
        "slug": "breukelen",
        "gemeente": "GM1904",
        "inwoners": api_gegevens.kern.inwoners,
    }
    assert _get(client, f"/api/v1/kernen/{api_gegevens.kern.pk}") == kern
    assert _get(client, "/api/v1/kernen", gemeente="GM0000")["totaal"] == 0


def test_wijken_en_buurten(client, api_gegevens):
    wijk = _enige(client, "/api/v1/wijken", kern=api_gegevens.kern.pk)
    assert wijk == {
        "code": "WK190402",
        "naam": "Wijk 02 Breukelen",
        "slug": api_gegevens.wijk.slug,
        "gemeente": "GM1904",
        "kern": api_gegevens.kern.pk,
        "inwoners": api_gegevens.wijk.inwoners,
    }
    assert _get(client, "/api/v1/wijken/WK190402") == wijk
    buurt = _enige(client, "/api/v1/buurten", wijk="WK190402")
    assert buurt == {
        "code": "BU19040201",
        "naam": "Centrum Breukelen",
        "slug": api_gegevens.buurt.slug,
        "wijk": "WK190402",
        "gemeente": "GM1904",
        "inwoners": None,
    }
    assert _get(client, "/api/v1/buurten/BU19040201") == buurt
    assert _get(client, "/api/v1/buurten", kern=api_gegevens.kern.pk)["totaal"] == 1


def test_contactpersonen_met_werkgegevens(client, api_gegevens):
    data = _get(client, "/api/v1/contactpersonen", kern=api_gegevens.kern.pk)
    assert data["resultaten"] == [
        {
            "rol": "adviseur",
            "rolNaam": "Adviseur Leefomgeving",
            "naam": "Mila Medewerker",
            "email": "mila@stichtsevecht.example",
            "telefoon": "0346254000",
            "gemeente": "GM1904",
            "kern": api_gegevens.kern.pk,
            "wijk": None,
            "project": None,
        }
    ]
    # The omgevingsmanager of the running project is a contact too.
    rollen = {c["rol"] for c in _get(client, "/api/v1/contactpersonen", gemeente="GM1904")["resultaten"]}
    assert rollen == {"adviseur", "omgevingsmanager"}


def test_bewonersgroepen_alleen_actieve_zonder_leden(client, api_gegevens):
    groep = _enige(client, "/api/v1/bewonersgroepen", gemeente="GM1904")
    assert groep == {
        "id": api_gegevens.groep.pk,
        "naam": "Dorpsraad Breukelen",
        "soort": api_gegevens.groep.soort,
        "thema": "",
        "email": "info@dorpsraad.example",
        "gemeente": "GM1904",
        "kernen": [api_gegevens.kern.pk],
        "wijken": [],
    }
    assert _get(client, f"/api/v1/bewonersgroepen/{api_gegevens.groep.pk}") == groep
    assert _get(client, "/api/v1/bewonersgroepen", kern=api_gegevens.kern.pk)["totaal"] == 1


def test_opgaven(client, api_gegevens):
    opgave = _enige(client, "/api/v1/opgaven", kern=api_gegevens.kern.pk)
    assert opgave["titel"] == "Meer woningen voor starters"
    assert opgave["thema"] == "Wonen"
    assert (
        opgave["niveau"] == "kern"
        and opgave["kern"] == api_gegevens.kern.pk
        and opgave["gemeente"] == "GM1904"
    )
    assert set(opgave) == {
        "id", "titel", "thema", "status", "beschrijving", "gemeente", "niveau", "kern", "wijk", "buurt",
        "aangemaaktOp", "gewijzigdOp",
    }  # fmt: skip
    assert _get(client, f"/api/v1/opgaven/{api_gegevens.opgave.pk}")["titel"] == opgave["titel"]


def test_nieuws_alleen_gepubliceerd(client, api_gegevens):
    jaar = api_gegevens.nieuws.gepubliceerd_op.year
    bericht = _enige(client, "/api/v1/nieuws", gemeente="GM1904", jaar=jaar)
    assert bericht["titel"] == "Nieuw speelveld"
    assert bericht["kernen"] == [api_gegevens.kern.pk]
    assert set(bericht) == {"id", "titel", "tekst", "gemeente", "kernen", "wijken", "gepubliceerdOp"}
    assert _get(client, "/api/v1/nieuws", jaar=jaar - 1)["totaal"] == 0
    verborgen = Nieuwsbericht.objects.get(titel="Verborgen voorstel")
    assert client.get(f"/api/v1/nieuws/{verborgen.pk}").status_code == 404


def test_budgetcijfers_per_kern(client, api_gegevens):
    jaar = timezone.localdate().year
    rij = _enige(client, "/api/v1/budgetcijfers", gemeente="GM1904", jaar=jaar)
    assert rij == {
        "kern": api_gegevens.kern.pk,
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
    assert _enige(client, "/api/v1/budgetcijfers", kern=api_gegevens.kern.pk, jaar=jaar) == rij
    assert _get(client, "/api/v1/budgetcijfers", jaar=jaar - 1)["resultaten"][0]["toegekend"] == "0.00"
    fout = client.get("/api/v1/budgetcijfers?gemeente=Breukelen")
    assert fout.status_code == 400
    assert fout["Content-Type"] == "application/problem+json"
    assert fout.json()["invalidParams"][0]["name"] == "gemeente"


def test_meldingen_alleen_open_en_afgerond(client, api_gegevens):
    melding = _enige(client, "/api/v1/meldingen", wijk="WK190402")
    assert melding == {
        "referentie": api_gegevens.melding.referentie,
        "categorie": api_gegevens.melding.categorie.naam,
        "hoofdcategorie": api_gegevens.melding.categorie.hoofdcategorie.naam,
        "status": "gemeld",
        "gemeente": "GM1904",
        "kern": api_gegevens.kern.pk,
        "wijk": "WK190402",
        "gemeldOp": melding["gemeldOp"],
        "locatie": dict(
            zip(
                ("lat", "lon"), afgerond_punt(api_gegevens.melding.lat, api_gegevens.melding.lon), strict=True
            )
        ),
    }
    assert melding["locatie"] != {
        "lat": float(api_gegevens.melding.lat),
        "lon": float(api_gegevens.melding.lon),
    }
    assert _get(client, f"/api/v1/meldingen/{api_gegevens.melding.referentie}") == melding
    # A closed melding is not on the area page, so not in the API either.
    assert client.get("/api/v1/meldingen/M-2026-999999").status_code == 404


def test_projecten(client, api_gegevens):
    project = _enige(client, "/api/v1/projecten", kern=api_gegevens.kern.pk)
    assert project["naam"] == "Stationsgebied"
    assert project["kernen"] == [api_gegevens.kern.pk]
    assert project["omgevingsmanager"]  # a staff member's name, as on the project page
    assert set(project) == {
        "id", "naam", "slug", "gemeente", "fase", "beschrijving", "kernen", "wijken", "omgevingsmanager",
    }  # fmt: skip
    assert _get(client, f"/api/v1/projecten/{api_gegevens.project.pk}") == project


def _adressen(api_gegevens):
    return [
        "/api/v1/gemeenten",
        "/api/v1/gemeenten/GM1904",
        "/api/v1/kernen",
        f"/api/v1/kernen/{api_gegevens.kern.pk}",
        "/api/v1/wijken",
        "/api/v1/wijken/WK190402",
        "/api/v1/buurten",
        "/api/v1/buurten/BU19040201",
        "/api/v1/contactpersonen",
        "/api/v1/bewonersgroepen",
        f"/api/v1/bewonersgroepen/{api_gegevens.groep.pk}",
        "/api/v1/opgaven",
        f"/api/v1/opgaven/{api_gegevens.opgave.pk}",
        "/api/v1/nieuws",
        f"/api/v1/nieuws/{api_gegevens.nieuws.pk}",
        "/api/v1/budgetcijfers?gemeente=GM1904",
        "/api/v1/meldingen",
        f"/api/v1/meldingen/{api_gegevens.melding.referentie}",
        "/api/v1/projecten",
        f"/api/v1/projecten/{api_gegevens.project.pk}",
    ]


@pytest.mark.parametrize("nummer", range(20))
def test_nooit_persoonsgegevens(client, api_gegevens, nummer):
    adres = _adressen(api_gegevens)[nummer]
    response = client.get(adres)
    assert response.status_code == 200, adres
    tekst = json.dumps(response.json(), ensure_ascii=False)
    gevonden = [p for p in PERSOONSGEGEVENS if p in tekst]
    assert not gevonden, f"{adres} toont {gevonden}"


def test_de_lijst_met_persoonsgegevens_staat_wel_in_de_database(api_gegevens):
    """The check above means something only if the world really holds that data."""
    assert api_gegevens.melding.email == "melder.pietersen@bewoner.example"
    assert api_gegevens.groep.lidmaatschappen.filter(gebruiker__email="lid.jansen@bewoner.example").exists()
