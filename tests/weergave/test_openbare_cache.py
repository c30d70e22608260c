"""Public pages from Django's cache for visitors without a login (weergave/cache.py), never for a
logged-in user: staff must see at once what they just saved, and nobody may get another's page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebieden.models import Kern
from rollen.constants import Rol
from tests.factories import UserFactory
from tests.rollen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kernpagina(kern):
    return reverse("gebieden:kern", args=[kern.gemeente.slug, kern.slug])


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(ctx)


def test_bezoeker_krijgt_de_pagina_uit_de_cache_tot_die_verloopt(client, kern, kernpagina, lege_cache):
    Kern.objects.filter(pk=kern.pk).update(inwoners=15000)
    eerste, queries = _queries(client, kernpagina)
    assert "15.000" in eerste.text and queries > 0
    assert "max-age=60" in eerste["Cache-Control"] and "Cookie" in eerste["Vary"]

    Kern.objects.filter(pk=kern.pk).update(inwoners=16000)
    tweede, queries = _queries(client, kernpagina)
    assert queries == 0 and "15.000" in tweede.text  # at most a minute old, as documented

    lege_cache.clear()  # as when the minute has passed
    assert "16.000" in client.get(kernpagina).text


def test_ingelogde_ziet_meteen_wat_veranderde_en_zijn_pagina_wordt_niet_bewaard(
    client, kern, kernpagina, medewerker
):
    Kern.objects.filter(pk=kern.pk).update(inwoners=15000)
    assert "15.000" in client.get(kernpagina).text  # stored for visitors without a login
    Kern.objects.filter(pk=kern.pk).update(inwoners=16000)

    ingelogd = Client()
    ingelogd.force_login(medewerker)
    response, queries = _queries(ingelogd, kernpagina)
    assert queries > 0 and "16.000" in response.text and "Uitloggen" in response.text
    assert "private" in response["Cache-Control"] and "max-age" not in response["Cache-Control"]

    # The staff member's page (with the log-out button) was not stored: a visitor still gets the stored one.
    bezoeker = client.get(kernpagina)
    assert "Uitloggen" not in bezoeker.text and "15.000" in bezoeker.text


def test_pagina_van_een_ingelogde_gaat_nooit_naar_een_bezoeker(client, kern, kernpagina, medewerker):
    ingelogd = Client()
    ingelogd.force_login(medewerker)
    assert "Uitloggen" in ingelogd.get(kernpagina).text
    assert "Uitloggen" in ingelogd.get(kernpagina).text
    response, queries = _queries(client, kernpagina)
    assert queries > 0 and "Uitloggen" not in response.text


def test_contactpersoon_uit_de_cache_maar_een_zoekvraag_altijd_vers(client, kern, lege_cache):
    url = reverse("rollen:contactpersonen")
    beheerder = UserFactory(medewerker=True, gemeente=kern.gemeente, naam="Bea Beheer")
    ToewijzingFactory(rol=Rol.BEHEERDER, medewerker=beheerder, kern=kern)
    eerste, _ = _queries(client, url, gebied=f"kern-{kern.pk}")
    assert "Bea Beheer" in eerste.text
    _, queries = _queries(client, url, gebied=f"kern-{kern.pk}")
    assert queries == 0

    for _ in range(2):
        _, queries = _queries(client, url, q="Breukelen")
        assert queries > 0


def test_open_cijfers_uit_de_cache(client, kern):
    url = reverse("raad:transparantie")
    _queries(client, url, gemeente=kern.gemeente.slug)
    _, queries = _queries(client, url, gemeente=kern.gemeente.slug)
    assert queries == 0
