"""The public kern page (meldingen:kern: open meldingen of the kern and its wijken, as the wijk page) and
"show all open meldingen on the map" (meldingen:wijk_punten / kern_punten: rounded points, category and
status only, capped at the newest ALLE_PUNTEN_MAX, in a fixed number of queries)."""

import json
import re

from django.urls import reverse

from meldingen import selectors, services
from meldingen.constants import MeldingStatus as S
from meldingen.selectors import afgerond_punt
from tests.factories import KernFactory, WijkFactory

from .factories import LAT, LON, OOST, WEST, MeldingFactory


def _open(gemeente, categorie, wijk, aantal, *, kern=None, **extra):
    return [
        MeldingFactory(gemeente=gemeente, categorie=categorie, wijk=wijk, kern=kern or wijk.kern, **extra)
        for _ in range(aantal)
    ]


def _kaart(html):
    return json.loads(re.search(r'id="wijkkaart-data"[^>]*>(.*?)</script>', html, re.S).group(1))


def test_kernpagina_toont_kern_en_wijken_zonder_persoonsgegevens(
    client, gemeente, kern, categorie, west, oost
):
    services.melding_doen(
        gemeente=gemeente,
        categorie=categorie,
        tekst="Buurman Jan laat zijn hond hier poepen",
        straat="Kerkstraat 4",
        lat=LAT,
        lon=LON,
        email="geheim@example.nl",
    )
    _open(gemeente, categorie, oost, 2)
    # The kern itself (no wijk), and meldingen elsewhere or closed: not on the page.
    MeldingFactory(gemeente=gemeente, categorie=categorie, kern=kern, wijk=None)
    ander = KernFactory(gemeente=gemeente, naam="Maarssen", slug="maarssen")
    _open(gemeente, categorie, WijkFactory(gemeente=gemeente, kern=ander, code="WK190420"), 3)
    _open(gemeente, categorie, west, 1, status=S.AFGEHANDELD)
    response = client.get(reverse("meldingen:kern", args=[gemeente.slug, kern.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meldingen in Breukelen" in html and "Open meldingen in Breukelen: 4" in html
    assert reverse("meldingen:wijk", args=[west.code]) in html
    for verborgen in ("Buurman Jan", "Kerkstraat", "geheim@example.nl", LAT, LON, "52.17123", "5.00432"):
        assert verborgen not in html
    data = _kaart(html)
    # The kern has no boundary of its own: its wijken's.
    assert data["grens"] is None and data["grenzen"] == [OOST, WEST]  # by name
    assert [(p["lat"], p["lon"]) for p in data["punten"]] == [afgerond_punt(LAT, LON)]
    assert reverse("meldingen:kern_punten", args=[gemeente.slug, kern.slug]) in html


def test_kernpagina_met_eigen_grens_en_onbekend(client, gemeente, categorie):
    kern = KernFactory(gemeente=gemeente, naam="Loenen", slug="loenen", grens=WEST)
    html = client.get(reverse("meldingen:kern", args=[gemeente.slug, kern.slug])).content.decode()
    assert _kaart(html)["grens"] == WEST and _kaart(html)["grenzen"] == []
    assert client.get(reverse("meldingen:kern", args=[gemeente.slug, "bestaat-niet"])).status_code == 404
    assert client.get(reverse("meldingen:kern", args=["elders", kern.slug])).status_code == 404


def test_kernpagina_vast_aantal_queries_en_pagina_s(
    client, gemeente, kern, categorie, west, oost, django_assert_num_queries
):
    url = reverse("meldingen:kern", args=[gemeente.slug, kern.slug])
    _open(gemeente, categorie, west, 3, lat="52.170000", lon="5.005000")
    client.get(url)
    # The kern, its wijken, the count, the rows of the page and their published photos.
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
    _open(gemeente, categorie, oost, 40, lat="52.171000", lon="5.015000")
    _open(gemeente, categorie, west, 5)
    with django_assert_num_queries(5):
        html = client.get(url).content.decode()
    assert "Open meldingen in Breukelen: 48" in html and "Pagina 1 van 2" in html
    with django_assert_num_queries(5):
        html = client.get(url, {"pagina": 2}).content.decode()
    assert [p["nr"] for p in _kaart(html)["punten"]][:1] == [26]


def test_kernpagina_gelinkt_vanaf_de_kern(client, gemeente, kern, west):
    html = client.get(kern.get_absolute_url()).content.decode()
    assert reverse("meldingen:kern", args=[gemeente.slug, kern.slug]) in html


def test_alle_punten_van_de_wijk_zonder_tekst_en_persoonsgegevens(client, gemeente, categorie, west):
    services.melding_doen(
        gemeente=gemeente,
        categorie=categorie,
        tekst="Buurman Jan",
        straat="Kerkstraat 4",
        lat=LAT,
        lon=LON,
        email="geheim@example.nl",
        telefoon="0612345678",
    )
    _open(gemeente, categorie, west, 2)  # no point: not on the map
    _open(gemeente, categorie, west, 1, lat="52.17", lon="5.005", status=S.AFGEHANDELD)
    response = client.get(reverse("meldingen:wijk_punten", args=[west.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    tekst = response.content.decode()
    for verborgen in ("Buurman", "Kerkstraat", "geheim", "0612345678", "M-20", LAT, LON, "52.17123"):
        assert verborgen not in tekst
    lat, lon = afgerond_punt(LAT, LON)
    assert response.json() == {
        "punten": [{"lat": lat, "lon": lon, "categorie": "Verlichting: Lamp kapot", "status": "Gemeld"}],
        "afgekapt": False,
        "maximum": selectors.ALLE_PUNTEN_MAX,
    }
    html = client.get(reverse("meldingen:wijk", args=[west.code])).content.decode()
    assert reverse("meldingen:wijk_punten", args=[west.code]) in html
    assert client.get(reverse("meldingen:wijk_punten", args=["WK000000"])).status_code == 404


def test_alle_punten_afgekapt_en_vaste_queries(
    client, monkeypatch, gemeente, kern, categorie, west, oost, django_assert_num_queries
):
    monkeypatch.setattr(selectors, "ALLE_PUNTEN_MAX", 5)
    monkeypatch.setattr(selectors.alle_punten_publiek, "__kwdefaults__", {"wijk_ids": None, "maximum": 5})
    wijk_url = reverse("meldingen:wijk_punten", args=[west.code])
    kern_url = reverse("meldingen:kern_punten", args=[gemeente.slug, kern.slug])
    _open(gemeente, categorie, west, 3, lat="52.170000", lon="5.005000")
    client.get(wijk_url)
    with django_assert_num_queries(2):  # the wijk, the points
        data = client.get(wijk_url).json()
    assert len(data["punten"]) == 3 and not data["afgekapt"]
    with django_assert_num_queries(3):  # the kern, its wijken, the points
        assert len(client.get(kern_url).json()["punten"]) == 3
    _open(gemeente, categorie, west, 30, lat="52.171000", lon="5.006000")
    _open(gemeente, categorie, oost, 4, lat="52.171000", lon="5.016000")
    with django_assert_num_queries(2):
        data = client.get(wijk_url).json()
    assert len(data["punten"]) == 5 and data["afgekapt"] and data["maximum"] == 5
    with django_assert_num_queries(3):
        data = client.get(kern_url).json()
    # The newest first: the 4 of Oost were made last.
    assert len(data["punten"]) == 5 and data["afgekapt"]
    assert sum(1 for p in data["punten"] if p["lon"] > 5.01) == 4
