"""The logged-in user of a request comes with their kinds and gemeente in one query (accounts.backends)."""

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
