"""The main menu: worked out on every request (gebieden.menu, portaal.context_processors), so what a
user may see shows at once, and only the current page's item is marked."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.constants import Gebruikerssoort
from accounts.services import soort_toevoegen
from tests.bewonersgroepen.factories import LidmaatschapFactory

MIJN_GROEP = 'href="/mijn-groep/"'


def _pagina(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("rollen:rollen"))
    assert response.status_code == 200
    return len(queries), response.text


def test_nieuwe_soort_toont_het_menu_meteen(client, raadslid):
    assert reverse("bewonersgroepen:mijn_groep") == "/mijn-groep/"
    client.force_login(raadslid)
    assert MIJN_GROEP not in _pagina(client)[1]
    LidmaatschapFactory(gebruiker=raadslid)
    soort_toevoegen(user=raadslid, soort=Gebruikerssoort.GROEPSLID)  # as accepting an invitation does
    assert MIJN_GROEP in _pagina(client)[1]


def test_einde_lidmaatschap_haalt_het_menu_meteen_weg(client, groepslid):
    lid = LidmaatschapFactory(gebruiker=groepslid)
    client.force_login(groepslid)
    eerste, tekst = _pagina(client)
    assert MIJN_GROEP in tekst
    lid.tot = datetime.date.today() - datetime.timedelta(days=1)
    lid.save()
    tweede, tekst = _pagina(client)
    assert MIJN_GROEP not in tekst
    assert tweede == eerste  # the same questions each time, nothing remembered in between


def test_hoofdmenu_markeert_alleen_de_huidige_pagina(client, medewerker):
    """On the work queue (/aanvragen/werkvoorraad/) only that item, not also "Aanvragen" (/aanvragen/)."""
    client.force_login(medewerker)
    tekst = client.get(reverse("leefbaarheidsbudget:werkvoorraad")).text
    menu = tekst[tekst.index('<ul class="navbar-nav') : tekst.index("</ul>")]
    assert menu.count('aria-current="page"') == 1
    assert menu.count(" active") == 1
    huidig = menu[: menu.index('aria-current="page"')].rsplit("<a ", 1)[1]
    assert huidig.split('href="')[1].split('"')[0] == reverse("leefbaarheidsbudget:werkvoorraad")
