"""The map parts of meldingen: the point on the report form gives the wijk (ray casting over the stored
GeoJSON), and the public wijk page shows open meldingen with their point rounded on the server to about
50 m — never the exact point, never text or personal data — in a fixed number of queries."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebieden.services import grens_opslaan
from meldingen import services
from meldingen.constants import MeldingStatus as S
from meldingen.models import Melding
from meldingen.selectors import RASTER_M, afgerond_punt, kern_bij_punt, wijk_bij_punt
from tests.factories import BuurtFactory, KernFactory, WijkFactory

from .factories import L_MET_GAT, LAT, LON, WEST, MeldingFactory, SubcategorieFactory

MELDEN = reverse("meldingen:melden")


# --- point in polygon, wijk from the point --------------------------------------------------------------
@pytest.mark.parametrize(
    ("lat", "lon", "verwacht"),
    [
        (52.17, 5.005, "Breukelen-West"),
        (52.17, 5.015, "Breukelen-Oost"),
        (52.19, 5.005, None),  # north of both
        (52.15, 4.91, "L"),  # in the upright of the L
        (52.11, 4.95, "L"),  # in the foot of the L
        (52.14, 4.95, None),  # in the corner the L leaves open
        (52.11, 4.91, None),  # in the hole
        (52.005, 4.805, "L"),  # in the second polygon of the MultiPolygon
    ],
)
def test_punt_in_veelhoek(gemeente, kern, west, oost, lat, lon, verwacht):
    WijkFactory(gemeente=gemeente, kern=kern, code="WK190413", naam="L", grens=L_MET_GAT)
    WijkFactory(gemeente=gemeente, kern=kern, code="WK190414", naam="Zonder grens", grens=None)
    wijk = wijk_bij_punt(gemeente, lat, lon)
    assert (wijk.naam if wijk else None) == verwacht


def test_punt_van_de_kaart_wint_en_anders_blijft_de_keuze(gemeente, kern, categorie, west, oost):
    # The list said West, the map points in Oost: the point is more precise.
    melding = services.melding_doen(
        gemeente=gemeente, categorie=categorie, tekst="Lamp", wijk=west, lat="52.170000", lon="5.015000"
    )
    assert melding.wijk == oost and melding.kern == kern
    # A point in no known wijk keeps the chosen wijk.
    melding = services.melding_doen(
        gemeente=gemeente, categorie=categorie, tekst="Lamp", wijk=west, lat="52.300000", lon="5.015000"
    )
    assert melding.wijk == west


def test_kern_zonder_wijken_volgt_uit_zijn_eigen_grens(gemeente, categorie, west):
    dorp = KernFactory(gemeente=gemeente, naam="Nieuwersluis", slug="nieuwersluis", grens=L_MET_GAT)
    assert kern_bij_punt(gemeente, 52.15, 4.91) == dorp
    melding = services.melding_doen(
        gemeente=gemeente, categorie=categorie, tekst="Lamp", lat="52.150000", lon="4.910000"
    )
    assert melding.wijk is None and melding.kern == dorp


def test_formulier_met_punt_zonder_javascript_velden(client, gemeente, categorie, west, oost):
    """The map only fills the hidden fields: a POST with just lat/lon (no wijk, no street) is enough."""
    response = client.post(
        MELDEN,
        {
            "gemeente": gemeente.slug,
            "categorie": categorie.pk,
            "tekst": "Lamp stuk",
            "lat": "52.170000",
            "lon": "5.015000",
        },
    )
    assert response.status_code == 302
    assert Melding.objects.get().wijk == oost


def test_formulier_toont_kaart_alleen_met_grenzen_en_werkt_ook_zonder(client, gemeente, kern, categorie):
    wijk = WijkFactory(gemeente=gemeente, kern=kern, code="WK190415", naam="Zonder grens", grens=None)
    html = client.get(MELDEN, {"gemeente": gemeente.slug}).content.decode()
    assert "data-meldingen-kaart" not in html and "leaflet.js" not in html
    assert 'name="waar"' in html and 'name="straat"' in html
    grens_opslaan(wijk, WEST)
    html = client.get(MELDEN, {"gemeente": gemeente.slug}).content.decode()
    assert "data-meldingen-kaart" in html and "leaflet.js" in html
    data = json.loads(re.search(r'id="meldkaart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["grenzen"] == [{"naam": "Zonder grens", "grens": WEST}]
    # The text fallback is still there, in the same form.
    assert 'name="waar"' in html and 'name="straat"' in html and 'type="hidden" name="lat"' in html


# --- rounding --------------------------------------------------------------------------------------------
def test_afronden_op_ongeveer_vijftig_meter():
    assert afgerond_punt(None, None) is None
    lat, lon = afgerond_punt(LAT, LON)
    assert (lat, lon) != (float(LAT), float(LON))
    # Within half a cell (diagonal) of the real point: about 35 m.
    dy = (lat - float(LAT)) * 111_200
    dx = (lon - float(LON)) * 111_200 * 0.6134  # cos(52.17°)
    assert (dx * dx + dy * dy) ** 0.5 <= RASTER_M * 0.75
    # Every point in the same cell lands on the same centre: nearby reports share one marker.
    assert afgerond_punt("52.171240", "5.004330") == (lat, lon)
    assert afgerond_punt(lat, lon) == (lat, lon)


# --- the public wijk page ---------------------------------------------------------------------------------
def _open(gemeente, categorie, wijk, aantal, **extra):
    return [
        MeldingFactory(gemeente=gemeente, categorie=categorie, wijk=wijk, kern=wijk.kern, **extra)
        for _ in range(aantal)
    ]


def test_publieke_wijkpagina_zonder_exacte_punten_en_persoonsgegevens(client, gemeente, categorie, west):
    buurt = BuurtFactory(wijk=west, code="BU19041101", naam="Kerkbuurt")
    melding = services.melding_doen(
        gemeente=gemeente,
        categorie=categorie,
        tekst="Buurman Jan laat zijn hond hier poepen",
        straat="Kerkstraat 4",
        herkenningspunt="voor het huis van Piet",
        lat=LAT,
        lon=LON,
        email="geheim@example.nl",
        telefoon="0612345678",
    )
    Melding.objects.filter(pk=melding.pk).update(buurt=buurt)
    dicht = MeldingFactory(
        gemeente=gemeente,
        categorie=SubcategorieFactory(gemeente=gemeente, naam="Gesloten zaak"),
        wijk=west,
        status=S.AFGEHANDELD,
    )
    response = client.get(reverse("meldingen:wijk", args=[west.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meldingen in Breukelen-West" in html and "Lamp kapot" in html and "Kerkbuurt" in html
    # The reference names the report, not the reporter: public here as in the API ("al gemeld").
    assert melding.referentie in html
    for verborgen in (
        "Buurman Jan",
        "Kerkstraat",
        "huis van Piet",
        "geheim@example.nl",
        "0612345678",
        melding.token,
        dicht.categorie.naam,
        # the exact point, in any notation
        LAT,
        LON,
        LAT.rstrip("0"),
        LON.rstrip("0"),
        "52.17123",
        "5.00432",
    ):
        assert verborgen not in html
    data = json.loads(re.search(r'id="wijkkaart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["grens"] == WEST
    assert data["punten"] == [
        {
            "nr": 1,
            "lat": afgerond_punt(LAT, LON)[0],
            "lon": afgerond_punt(LAT, LON)[1],
            "tekst": "Verlichting: Lamp kapot: Gemeld",
        }
    ]


def test_publieke_wijkpagina_bestaat_niet(client, db):
    assert client.get(reverse("meldingen:wijk", args=["WK000000"])).status_code == 404


def test_publieke_wijkpagina_vast_aantal_queries_en_pagina_s(
    client, gemeente, categorie, west, django_assert_num_queries
):
    url = reverse("meldingen:wijk", args=[west.code])
    _open(gemeente, categorie, west, 3, lat="52.170000", lon="5.005000")
    client.get(url)  # warm up (session)
    # The wijk, the count, the rows of the page and their published photos (no session: none is read).
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    _open(gemeente, categorie, west, 40, lat="52.171000", lon="5.006000")
    _open(gemeente, categorie, west, 5)  # without a point: in the list, not on the map
    with django_assert_num_queries(4):
        html = client.get(url).content.decode()
    assert "Open meldingen in Breukelen-West: 48" in html and "Pagina 1 van 2" in html
    with django_assert_num_queries(4):
        html = client.get(url, {"pagina": 2}).content.decode()
    data = json.loads(re.search(r'id="wijkkaart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert [p["nr"] for p in data["punten"]][:1] == [26]


def test_wijkpagina_zonder_grens_en_punten_heeft_geen_kaart(client, gemeente, kern, categorie):
    wijk = WijkFactory(gemeente=gemeente, kern=kern, code="WK190416", naam="Kaal", grens=None)
    _open(gemeente, categorie, wijk, 1)
    html = client.get(reverse("meldingen:wijk", args=[wijk.code])).content.decode()
    assert "wijkkaart-data" not in html and "leaflet" not in html and "Lamp kapot" in html


def test_gebiedspagina_linkt_naar_de_kaart(client, gemeente, categorie, west):
    html = client.get(west.get_absolute_url()).content.decode()
    assert reverse("meldingen:wijk", args=[west.code]) in html


def test_een_opgeslagen_melding_leest_geen_grenzen_voor_de_kaart(client, gemeente, categorie, west, oost):
    """The map's boundaries are read for the form on screen, not for a report that is stored and answered
    with a redirect (said by its wijk, so no point to look up)."""
    gegevens = {
        "gemeente": gemeente.slug,
        "categorie": categorie.pk,
        "tekst": "Lamp stuk",
        "waar": f"w{west.pk}",
        "email": "bewoner@example.nl",
    }
    with CaptureQueriesContext(connection) as vragen:
        response = client.post(MELDEN, gegevens)
    assert response.status_code == 302 and Melding.objects.get().wijk == west
    assert not [v["sql"] for v in vragen.captured_queries if "gebiedsgrens" in v["sql"]]
    fout = client.post(MELDEN, {**gegevens, "tekst": ""})  # refused: the form again, with its map
    assert fout.status_code == 200 and 'id="meldkaart-data"' in fout.content.decode()
