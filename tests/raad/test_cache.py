"""The council dashboard and the public figures come from the cache for a while (issue 8: speed)."""

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewonersgroepen.constants import Groepstatus
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import KernFactory


@pytest.fixture
def met_cache(settings):
    settings.RAAD_CIJFERS_CACHE_SECONDEN = 300
    cache.clear()
    yield
    cache.clear()


def _telt(client, url, **params):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    cijfers = [(f.key, f.tabel, f.totaalrij) for f in response.context["dashboard"].figuren]
    return len(queries), cijfers


@pytest.mark.parametrize("naam", ["raad:dashboard", "raad:transparantie"])
def test_cijfers_uit_de_cache_tot_die_verloopt(client, raadslid, gemeente, met_cache, naam):
    kern = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Breukelen", status=Groepstatus.ACTIEF)
    client.force_login(raadslid)
    url = reverse(naam)
    eerste, tekst = _telt(client, url, jaar=2025)
    tweede, tekst_twee = _telt(client, url, jaar=2025)
    assert tweede < eerste  # the figures were not computed again
    assert tekst_twee == tekst
    # A new group shows once the cached figures expire (here: cleared), not before.
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Twee", status=Groepstatus.ACTIEF)
    assert _telt(client, url, jaar=2025)[1] == tekst
    cache.clear()
    assert _telt(client, url, jaar=2025)[1] != tekst
