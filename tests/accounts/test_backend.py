"""The logged-in user of a request comes with their kinds and gemeente in one query (accounts.backends),
read on every request: a change of the user, their kinds or their gemeente counts at the next one."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import Gebruikersbackend
from accounts.constants import Gebruikerssoort
from accounts.services import soort_toevoegen


def test_gebruiker_en_soorten_in_een_query(raadslid):
    soort_toevoegen(user=raadslid, soort=Gebruikerssoort.GROEPSLID)
    Group.objects.create(name="Iets anders").user_set.add(raadslid)
    with CaptureQueriesContext(connection) as queries:
        user = Gebruikersbackend().get_user(raadslid.pk)
        soorten = user.soorten
        assert user.is_raadslid and user.is_groepslid and not user.is_medewerker
        assert user.gemeente.naam == "Stichtse Vecht"
    assert len(queries) == 1
    assert soorten == {Gebruikerssoort.RAADSLID, Gebruikerssoort.GROEPSLID}
    assert user.soort_label == "Lid van een bewonersgroep, Raadslid"


def test_inactieve_of_onbekende_gebruiker_is_niemand(raadslid):
    raadslid.is_active = False
    raadslid.save()
    assert Gebruikersbackend().get_user(raadslid.pk) is None
    assert Gebruikersbackend().get_user(999_999) is None


def test_soort_weg_geldt_bij_het_volgende_verzoek(client, raadslid):
    client.force_login(raadslid)
    assert "(Raadslid)" in client.get(reverse("portaal:home")).text
    raadslid.groups.clear()
    tekst = client.get(reverse("portaal:home")).text
    assert "(Gebruiker)" in tekst and "(Raadslid)" not in tekst


def _home(client):
    """(the home page's text, how many times the logged-in user was read from the database)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portaal:home"))
    assert response.status_code == 200
    return response.text, sum('AS "_soorten"' in q["sql"] for q in queries.captured_queries)


def test_elk_verzoek_leest_de_gebruiker_uit_de_database(client, raadslid):
    """No copy of the user anywhere: every request reads it once, so every change counts at once."""
    client.force_login(raadslid)
    for _ in range(2):
        tekst, gelezen = _home(client)
        assert gelezen == 1 and "(Raadslid)" in tekst


def test_geblokkeerd_account_is_meteen_uitgelogd(client, raadslid):
    client.force_login(raadslid)
    _home(client)
    raadslid.is_active = False
    raadslid.save()
    assert "Niet ingelogd" in _home(client)[0]


@pytest.mark.parametrize("kant", ["gebruiker", "groep"])
def test_soort_erbij_of_eraf_telt_meteen(client, raadslid, kant):
    client.force_login(raadslid)
    _home(client)
    groep = Group.objects.get(name=Gebruikerssoort.GROEPSLID)
    if kant == "gebruiker":
        soort_toevoegen(user=raadslid, soort=Gebruikerssoort.GROEPSLID)
    else:
        groep.user_set.add(raadslid)
    assert "(Lid van een bewonersgroep, Raadslid)" in _home(client)[0]
    groep.user_set.clear()  # from the group's side, without naming the users
    assert "(Raadslid)" in _home(client)[0]


def test_nieuwe_naam_van_gebruiker_en_gemeente_telt_meteen(client, raadslid, gemeente):
    client.force_login(raadslid)
    assert "Raadsinformatie Stichtse Vecht" in client.get(reverse("raad:dashboard")).text
    gemeente.naam = "Vechtstreek"
    gemeente.save()
    raadslid.naam = "Nieuwe Naam"
    raadslid.save()
    tekst = client.get(reverse("raad:dashboard")).text
    assert "Raadsinformatie Vechtstreek" in tekst and "Nieuwe Naam" in tekst
