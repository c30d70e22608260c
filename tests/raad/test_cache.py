"""The council dashboard and the public figures come from the cache for a while (issue 8: speed).

The figures (a Dashboard) and their rendered block of tables are cached per gemeente and year; the
block expires together with the figures it shows, and holds nothing about the user who asked first.
"""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import geheugen
from bewonersgroepen.constants import Groepstatus
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import KernFactory, UserFactory


@pytest.fixture
def met_cache(settings, lege_cache):
    settings.RAAD_CIJFERS_CACHE_SECONDEN = 300


@pytest.fixture
def breukelen(gemeente):
    kern = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Breukelen", status=Groepstatus.ACTIEF)
    return kern


def _telt(client, url, **params):
    """(queries, the rendered figure block) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    figuren = str(response.context["figuren"])
    assert figuren in response.text and "<table" in figuren
    return len(queries), figuren


@pytest.mark.parametrize("naam", ["raad:dashboard", "raad:transparantie"])
def test_cijfers_uit_de_cache_tot_die_verloopt(client, raadslid, gemeente, breukelen, met_cache, naam):
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


def test_dashboard_uit_de_cache_kost_alleen_de_pagina_zelf(client, raadslid, breukelen, met_cache):
    """From the cache the dashboard needs only session, user, kinds, gemeente and the menu's question."""
    client.force_login(raadslid)
    url = reverse("raad:dashboard")
    _telt(client, url, jaar=2025)
    assert _telt(client, url, jaar=2025)[0] <= 6


def test_weergave_verloopt_samen_met_de_cijfers(
    client, raadslid, gemeente, breukelen, met_cache, monkeypatch
):
    """A block rendered late from cached figures is dropped when those figures are, not later."""
    nu = [time.time()]
    monkeypatch.setattr(time, "time", lambda: nu[0])
    client.force_login(raadslid)
    url = reverse("raad:dashboard")
    _, oud = _telt(client, url, jaar=2025)
    geheugen.vergeten(f"raad:dashboard:{gemeente.pk}:2025:html")  # e.g. pushed out of a full cache
    nu[0] += 200
    assert _telt(client, url, jaar=2025)[1] == oud  # rendered again from the figures cached at t=0
    GroepFactory(gemeente=gemeente, kernen=[breukelen], naam="Dorpsraad Twee", status=Groepstatus.ACTIEF)
    nu[0] += 50
    assert _telt(client, url, jaar=2025)[1] == oud
    nu[0] += 60  # 310 s after the figures were built: both are gone
    assert _telt(client, url, jaar=2025)[1] != oud


def test_weergave_is_voor_raadslid_en_medewerker_gelijk(client, raadslid, gemeente, breukelen, met_cache):
    """The cached block is shared by everyone who may see the dashboard: nothing personal in it."""
    medewerker = UserFactory(medewerker=True, gemeente=gemeente, naam="Mila Medewerker")
    client.force_login(raadslid)
    _, voor_raadslid = _telt(client, reverse("raad:dashboard"), jaar=2025)
    client.force_login(medewerker)
    response = client.get(reverse("raad:dashboard"), {"jaar": 2025})
    assert str(response.context["figuren"]) == voor_raadslid
    assert "Mila Medewerker" in response.text  # the page header is the user's own
    for naam in (raadslid.naam, medewerker.naam, raadslid.email, "Dorpsraad Breukelen"):
        assert naam not in voor_raadslid


def test_keuzeformulier_volgt_namen_en_keuze(client, gemeente):
    """The form is rendered once per set of inputs (raad.views.keuzeformulier): a new name shows at once."""
    from tests.factories import GemeenteFactory

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

