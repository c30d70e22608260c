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


def test_menu_indelen_eigen_werk_boven_de_rest_onder_meer():
    from gebieden.menu import MenuItem, menu_indelen

    def item(label, order, voorrang=None):
        return MenuItem(label, f"x:{label}", lambda user: True, order, voorrang)

    items = [
        item("Mijn werk", 5, 1),
        item("Gebieden", 10, 3),
        item("Contactpersonen", 20, 4),
        item("Bewonersgroepen", 31, 2),
        item("Nieuws", 40),
        item("Werkvoorraad", 41, 2),
        item("Moties", 80, 3),
    ]
    boven, meer = menu_indelen(items, max_items=4)
    assert [i.label for i in boven] == ["Mijn werk", "Gebieden", "Bewonersgroepen", "Werkvoorraad"]
    assert [i.label for i in meer] == ["Contactpersonen", "Nieuws", "Moties"]
    # One item more than fits takes the place of "Meer" itself: no disclosure for a single link.
    assert menu_indelen(items[:5], max_items=4) == (items[:5], [])


def test_menu_van_een_medewerker_is_een_rij_plus_meer(client, medewerker):
    client.force_login(medewerker)
    tekst = client.get(reverse("portaal:mijn_werk")).text
    boven = tekst[tekst.index('<ul class="navbar-nav') : tekst.index('<details class="portaal-meer">')]
    assert boven.count('class="nav-link') == 4
    meer = tekst[tekst.index('<ul class="portaal-meer-lijst">') :].split("</ul>")[0]
    assert ">Budgetten<" in meer and ">Dekking<" in meer
