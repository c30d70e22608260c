"""The council dashboard and the public figures come from the cache for a while (issue 8: speed).

The figures (a Dashboard) are cached per gemeente and year for RAAD_CIJFERS_CACHE_SECONDEN, in Django's
cache (Redis in production, memory in tests, on in both); the page renders them on every request, so
the figures hold nothing about the user who asked first.
"""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewonersgroepen.constants import Groepstatus
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import GemeenteFactory, KernFactory, UserFactory


@pytest.fixture
def breukelen(gemeente):
    kern = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Breukelen", status=Groepstatus.ACTIEF)
    return kern


def _figuren(tekst: str) -> str:
    """The figures part of a dashboard page: from the first figure to the end of the main content."""
    return tekst[tekst.index('<section aria-labelledby="figuur-') : tekst.index("</main>")]


def _telt(client, url, **params):
    """(queries, the figures part of the page) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    figuren = _figuren(response.text)
    assert "<table" in figuren
    return len(queries), figuren


def test_cache_staat_aan_in_de_tests(settings):
    """Tests run the production path: the figures cache on, in memory where production has Redis."""
    assert settings.RAAD_CIJFERS_CACHE_SECONDEN > 0
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("naam", ["raad:dashboard", "raad:transparantie"])
def test_cijfers_uit_de_cache_tot_die_verloopt(client, raadslid, gemeente, breukelen, naam):
    client.force_login(raadslid)
    url = reverse(naam)
    eerste, tekst = _telt(client, url, jaar=2025)
    tweede, tekst_twee = _telt(client, url, jaar=2025)
    assert tweede < eerste  # the figures were not computed again
    assert tekst_twee == tekst
    # A new group shows once the cached figures expire (here: cleared), not before.
    GroepFactory(gemeente=gemeente, kernen=[breukelen], naam="Dorpsraad Twee", status=Groepstatus.ACTIEF)
    assert _telt(client, url, jaar=2025)[1] == tekst
    cache.clear()
    assert _telt(client, url, jaar=2025)[1] != tekst


def test_cijfers_verlopen_na_de_ingestelde_tijd(client, raadslid, gemeente, breukelen, settings, monkeypatch):
    settings.RAAD_CIJFERS_CACHE_SECONDEN = 300
    nu = [time.time()]
    monkeypatch.setattr(time, "time", lambda: nu[0])  # the memory cache's clock
    client.force_login(raadslid)
    url = reverse("raad:dashboard")
    _, oud = _telt(client, url, jaar=2025)
    GroepFactory(gemeente=gemeente, kernen=[breukelen], naam="Dorpsraad Twee", status=Groepstatus.ACTIEF)
    nu[0] += 299
    assert _telt(client, url, jaar=2025)[1] == oud
    nu[0] += 2
    assert _telt(client, url, jaar=2025)[1] != oud


def test_zonder_cache_elke_keer_nieuwe_cijfers(client, raadslid, gemeente, breukelen, settings):
    settings.RAAD_CIJFERS_CACHE_SECONDEN = 0
    client.force_login(raadslid)
    url = reverse("raad:dashboard")
    eerste, oud = _telt(client, url, jaar=2025)
    GroepFactory(gemeente=gemeente, kernen=[breukelen], naam="Dorpsraad Twee", status=Groepstatus.ACTIEF)
    tweede, nieuw = _telt(client, url, jaar=2025)
    assert nieuw != oud and tweede == eerste


def test_cijfers_zijn_voor_raadslid_en_medewerker_gelijk(client, raadslid, gemeente, breukelen):
    """The cached figures are shared by everyone who may see the dashboard: nothing personal in them."""
    medewerker = UserFactory(medewerker=True, gemeente=gemeente, naam="Mila Medewerker")
    client.force_login(raadslid)
    _, voor_raadslid = _telt(client, reverse("raad:dashboard"), jaar=2025)
    client.force_login(medewerker)
    response = client.get(reverse("raad:dashboard"), {"jaar": 2025})
    assert _figuren(response.text) == voor_raadslid
    assert "Mila Medewerker" in response.text  # the page header is the user's own
    for naam in (raadslid.naam, medewerker.naam, raadslid.email, "Dorpsraad Breukelen"):
        assert naam not in voor_raadslid


def test_keuzeformulier_volgt_namen_en_keuze(client, gemeente):
    """The gemeente-and-year form shows the choice made and a gemeente's new name at once."""
    GemeenteFactory(naam="De Ronde Venen", slug="de-ronde-venen")
    url = reverse("raad:transparantie")
    tekst = client.get(url, {"gemeente": "stichtse-vecht", "jaar": 2025}).text
    assert '<option value="stichtse-vecht" selected>Stichtse Vecht</option>' in tekst
    assert '<option value="2025" selected>2025</option>' in tekst
    gemeente.naam = "Vechtstreek"
    gemeente.save()
    tekst = client.get(url, {"gemeente": "de-ronde-venen", "jaar": 2024}).text
    assert '<option value="stichtse-vecht">Vechtstreek</option>' in tekst
    assert '<option value="de-ronde-venen" selected>De Ronde Venen</option>' in tekst
    assert '<option value="2024" selected>2024</option>' in tekst


def test_dashboard_uit_de_cache_kost_alleen_de_pagina_zelf(client, raadslid, breukelen):
    """From the cache the dashboard asks the database only for the session, the user (with kinds and
    gemeente), the budget years and the menu's question; the figures cost none."""
    client.force_login(raadslid)
    url = reverse("raad:dashboard")
    _telt(client, url, jaar=2025)
    assert _telt(client, url, jaar=2025)[0] <= 4
