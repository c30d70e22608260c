"""With a shared cache the logged-in user comes from the cache, and every change counts at once
(accounts.gebruikerscache; issue 8: a logged-in page started with two queries)."""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import gebruikerscache
from accounts.backends import Gebruikersbackend
from accounts.constants import Gebruikerssoort
from accounts.services import soort_toevoegen


@pytest.fixture
def gedeelde_cache(settings, lege_cache):
    settings.GEBRUIKER_CACHE_SECONDEN = 300


def _home(client):
    """(the home page's text, how many times the logged-in user was read from the database)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portaal:home"))
    assert response.status_code == 200
    return response.text, sum('AS "_soorten"' in q["sql"] for q in queries.captured_queries)


def test_gebruiker_uit_de_cache_tot_er_iets_verandert(client, raadslid, gedeelde_cache):
    client.force_login(raadslid)
    tekst, gelezen = _home(client)
    assert gelezen == 1 and "(Raadslid)" in tekst
    tekst, gelezen = _home(client)
    assert gelezen == 0 and "(Raadslid)" in tekst


def test_zonder_gedeelde_cache_elk_verzoek_uit_de_database(client, raadslid, settings):
    settings.GEBRUIKER_CACHE_SECONDEN = 0
    client.force_login(raadslid)
    _home(client)
    assert _home(client)[1] == 1


def test_geblokkeerd_account_is_meteen_uitgelogd(
    client, raadslid, gedeelde_cache, django_capture_on_commit_callbacks
):
    client.force_login(raadslid)
    _home(client)
    with django_capture_on_commit_callbacks(execute=True):
        raadslid.is_active = False
        raadslid.save()
    tekst, gelezen = _home(client)
    assert gelezen == 1 and "Niet ingelogd" in tekst


@pytest.mark.parametrize("kant", ["gebruiker", "groep"])
def test_soort_erbij_of_eraf_telt_meteen(
    client, raadslid, gedeelde_cache, django_capture_on_commit_callbacks, kant
):
    client.force_login(raadslid)
    _home(client)
    groep = Group.objects.get(name=Gebruikerssoort.GROEPSLID)
    with django_capture_on_commit_callbacks(execute=True):
        if kant == "gebruiker":
            soort_toevoegen(user=raadslid, soort=Gebruikerssoort.GROEPSLID)
        else:
            groep.user_set.add(raadslid)
    assert "(Lid van een bewonersgroep, Raadslid)" in _home(client)[0]
    with django_capture_on_commit_callbacks(execute=True):
        groep.user_set.clear()  # from the group's side, without naming the users
    tekst, gelezen = _home(client)
    assert gelezen == 1 and "(Raadslid)" in tekst


def test_nieuwe_naam_van_de_gemeente_telt_meteen(
    client, raadslid, gemeente, gedeelde_cache, django_capture_on_commit_callbacks
):
    client.force_login(raadslid)
    assert "Raadsinformatie Stichtse Vecht" in client.get(reverse("raad:dashboard")).text
    with django_capture_on_commit_callbacks(execute=True):
        gemeente.naam = "Vechtstreek"
        gemeente.save()
    assert "Raadsinformatie Vechtstreek" in client.get(reverse("raad:dashboard")).text


def test_wijziging_pas_na_de_commit(client, raadslid, gedeelde_cache, django_capture_on_commit_callbacks):
    """Until the change commits, other requests still read the old row: the old entry stays valid."""
    client.force_login(raadslid)
    _home(client)
    with django_capture_on_commit_callbacks(execute=False) as uitgesteld:
        raadslid.naam = "Nieuwe Naam"
        raadslid.save()
    assert _home(client)[1] == 0
    for terugroep in uitgesteld:
        terugroep()
    tekst, gelezen = _home(client)
    assert gelezen == 1 and "Nieuwe Naam" in tekst


def test_een_lezing_van_voor_een_wijziging_wordt_niet_gebruikt(
    raadslid, gedeelde_cache, django_capture_on_commit_callbacks
):
    """A request that loaded the row just before a change committed stores an entry that no request uses."""
    geladen = []

    def laden_terwijl_iemand_wijzigt(user_id):
        user = Gebruikersbackend._laden(user_id)
        geladen.append(user)
        if len(geladen) == 1:  # the change commits between this read and the cache write
            with django_capture_on_commit_callbacks(execute=True):
                gebruikerscache.vergeten(user_id)
        return user

    gebruikerscache.bewaard(raadslid.pk, laden_terwijl_iemand_wijzigt)
    gebruikerscache.bewaard(raadslid.pk, laden_terwijl_iemand_wijzigt)
    assert len(geladen) == 2
    gebruikerscache.bewaard(raadslid.pk, laden_terwijl_iemand_wijzigt)
    assert len(geladen) == 2  # the second read is current


def _instellingen(**env) -> list[str]:
    code = (
        "from config.settings import base as s; "
        "print(s.SESSION_ENGINE, s.GEBRUIKER_CACHE_SECONDEN, s.CACHES.get('default', {}).get('BACKEND'))"
    )
    omgeving = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "test", **env}
    uit = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
    )
    return uit.stdout.split()


def test_sessies_en_gebruikers_alleen_uit_een_gedeelde_cache():
    """Without REDIS_URL every process has its own cache: a log-out must count in all of them."""
    assert _instellingen() == [
        "django.contrib.sessions.backends.db",
        "0",
        "django.core.cache.backends.locmem.LocMemCache",
    ]
    assert _instellingen(REDIS_URL="redis://127.0.0.1:6379/0") == [
        "django.contrib.sessions.backends.cached_db",
        "300",
        "geheugen.RedisCache",
    ]


def test_deploycheck_waarschuwt_voor_een_cache_per_proces(settings):
    from accounts.checks import gedeelde_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.GEBRUIKER_CACHE_SECONDEN = 300
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert [w.id for w in gedeelde_cache(None)] == ["accounts.W001", "accounts.W002"]
    settings.GEBRUIKER_CACHE_SECONDEN = 0
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    assert gedeelde_cache(None) == []
    settings.CACHES = {"default": {"BACKEND": "geheugen.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}
    settings.GEBRUIKER_CACHE_SECONDEN = 300
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert gedeelde_cache(None) == []


def test_verdwenen_token_maakt_een_oud_item_niet_weer_geldig(
    client, raadslid, gedeelde_cache, django_capture_on_commit_callbacks
):
    """A full cache may push out a token and keep an entry: that entry is then not used again."""
    client.force_login(raadslid)
    _home(client)
    with django_capture_on_commit_callbacks(execute=True):
        raadslid.naam = "Nieuwe Naam"
        raadslid.save()
    cache.delete(f"accounts:gebruiker:{raadslid.pk}:generatie")  # pushed out; the old entry stays
    tekst, gelezen = _home(client)
    assert gelezen == 1 and "Nieuwe Naam" in tekst
    assert _home(client)[1] == 0
