"""The main menu of a logged-in user is kept in their session for a minute (gebieden.menu, issue 8)."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.constants import Gebruikerssoort
from accounts.services import soort_toevoegen
from tests.bewonersgroepen.factories import LidmaatschapFactory

MIJN_GROEP = 'href="/mijn-groep/"'


@pytest.fixture
def met_menucache(settings):
    settings.MENU_CACHE_SECONDEN = 60


def _pagina(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("rollen:rollen"))
    assert response.status_code == 200
    return len(queries), response.text


def test_menu_uit_de_sessie_scheelt_queries(client, groepslid, met_menucache):
    assert reverse("bewonersgroepen:mijn_groep") == "/mijn-groep/"
    LidmaatschapFactory(gebruiker=groepslid)
    client.force_login(groepslid)
    eerste, tekst = _pagina(client)
    tweede, tekst_twee = _pagina(client)
    assert MIJN_GROEP in tekst and MIJN_GROEP in tekst_twee
    assert tweede < eerste


def test_nieuwe_soort_ververst_het_menu_meteen(client, raadslid, met_menucache):
    client.force_login(raadslid)
    assert MIJN_GROEP not in _pagina(client)[1]
    LidmaatschapFactory(gebruiker=raadslid)
    soort_toevoegen(user=raadslid, soort=Gebruikerssoort.GROEPSLID)  # as accepting an invitation does
    assert MIJN_GROEP in _pagina(client)[1]


def test_ander_verschil_toont_het_menu_binnen_een_minuut(client, groepslid, met_menucache, monkeypatch):
    nu = [time.time()]
    monkeypatch.setattr(time, "time", lambda: nu[0])
    lid = LidmaatschapFactory(gebruiker=groepslid)
    client.force_login(groepslid)
    assert MIJN_GROEP in _pagina(client)[1]
    lid.tot = datetime.date.today() - datetime.timedelta(days=1)
    lid.save()
    nu[0] += 30
    assert MIJN_GROEP in _pagina(client)[1]  # the menu kept in the session (the page itself asks anew)
    nu[0] += 31
    assert MIJN_GROEP not in _pagina(client)[1]


def test_zonder_menucache_elke_keer_opnieuw(client, groepslid, settings):
    settings.MENU_CACHE_SECONDEN = 0
    lid = LidmaatschapFactory(gebruiker=groepslid)
    client.force_login(groepslid)
    assert MIJN_GROEP in _pagina(client)[1]
    lid.tot = datetime.date.today() - datetime.timedelta(days=1)
    lid.save()
    assert MIJN_GROEP not in _pagina(client)[1]
