"""Redis is never a single point of failure (issue 16, item 5; config/cache.py).

With REDIS_URL pointing at a port where nothing listens, or at a "frozen" Redis (a socket that accepts
connections and never answers), the log-in page, logging in, a logged-in page and the council dashboard
answer 200 in their normal time, and the log holds one warning. With the real Redis the cache works.
Sessions and the logged-in user come from the database, so a blocked user is out at their next request.
"""

import logging
import os
import socket
import threading
import time
import uuid

import pytest
import redis.connection
from django.core.cache import caches
from django.urls import reverse

from bewonersgroepen.constants import Groepstatus
from config import cache as veilige_cache
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import WACHTWOORD, KernFactory

BACKEND = "config.cache.VeiligeRedisCache"
ECHTE_REDIS = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/1")


def redis_op(url: str, settings) -> None:
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": url}}


@pytest.fixture(autouse=True)
def storingen_vergeten():
    """Each test starts with a Redis that is believed up (no pause, no warning given yet)."""
    veilige_cache.storingen_vergeten()
    yield
    veilige_cache.storingen_vergeten()


@pytest.fixture
def dicht():
    """redis:// URL of a local port where nothing listens (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    return f"redis://127.0.0.1:{poort}/1"


@pytest.fixture
def bevroren():
    """redis:// URL of a "frozen" Redis: it accepts every connection and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    vastgehouden = []
    klaar = threading.Event()

    def aannemen():
        server.settimeout(0.1)
        while not klaar.is_set():
            try:
                vastgehouden.append(server.accept()[0])
            except OSError:
                continue

    draad = threading.Thread(target=aannemen, daemon=True)
    draad.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/1"
    klaar.set()
    draad.join()
    for verbinding in vastgehouden:
        verbinding.close()
    server.close()


@pytest.fixture
def echte_redis():
    host, poort = ECHTE_REDIS.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(poort)), timeout=0.5).close()
    except OSError:
        pytest.skip(f"geen Redis op {ECHTE_REDIS} (REDIS_TEST_URL)")
    return ECHTE_REDIS


@pytest.fixture
def breukelen(gemeente):
    kern = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Breukelen", status=Groepstatus.ACTIEF)
    return kern


def waarschuwingen(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "gebiedsportaal.cache"
        and r.levelno == logging.WARNING
        and "niet bereikbaar" in r.message
    ]


TRAAG = 4.0  # seconds


def getimed(client, methode, url, data=None):
    begin = time.monotonic()
    response = getattr(client, methode)(url, data or {})
    return response, time.monotonic() - begin


@pytest.mark.parametrize("storing", ["dicht", "bevroren"])
def test_paginas_werken_zonder_redis(
    request, storing, client, settings, raadslid, breukelen, caplog, monkeypatch
):
    redis_op(request.getfixturevalue(storing), settings)
    settings.AXES_ENABLED = True  # django-axes counts in the database, not in the cache
    caplog.set_level(logging.WARNING, logger="gebiedsportaal.cache")

    # Time limits far below a hang (redis-py's default waits forever; gunicorn kills a worker after 30 s)
    # and far above a page on a busy machine: what Redis is asked is counted below, not timed.
    inlogpagina, duur = getimed(client, "get", reverse("login"))
    assert inlogpagina.status_code == 200 and duur < TRAAG
    # A public page that visitors get from the cache (weergave/cache.py) is simply rendered.
    kernpagina = reverse("gebieden:kern", args=[breukelen.gemeente.slug, breukelen.slug])
    for _ in range(2):
        openbaar, duur = getimed(client, "get", kernpagina)
        assert openbaar.status_code == 200 and "Dorpsraad Breukelen" in openbaar.text and duur < TRAAG
    inloggen, duur = getimed(
        client, "post", reverse("login"), {"username": raadslid.email, "password": WACHTWOORD}
    )
    assert inloggen.status_code == 302 and duur < TRAAG
    assert client.session["_auth_user_id"] == str(raadslid.pk)
    account, duur = getimed(client, "get", reverse("mijn_account"))
    assert account.status_code == 200 and duur < TRAAG
    # The dashboard reads the figures from the cache: a frozen Redis costs it one time-out (0.5 s) at most,
    # and then the cache leaves Redis alone, so the figures are built from the database each time.
    for _ in range(3):
        dashboard, duur = getimed(client, "get", reverse("raad:dashboard"), {"jaar": 2025})
        assert dashboard.status_code == 200 and duur < TRAAG
        assert "<table" in dashboard.text  # the figures, built from the database
    # In the pause Redis is not tried at all: no connection made, no command sent (counted, not timed,
    # so a busy machine does not make this fail).
    pogingen = []
    for methode in ("connect", "send_packed_command"):
        echt = getattr(redis.connection.Connection, methode)

        def bespied(self, *args, _echt=echt, **kwargs):
            pogingen.append(1)
            return _echt(self, *args, **kwargs)

        monkeypatch.setattr(redis.connection.Connection, methode, bespied)
    nog_eens = client.get(reverse("raad:dashboard"), {"jaar": 2025})
    assert nog_eens.status_code == 200 and not pogingen
    assert len(waarschuwingen(caplog)) == 1, waarschuwingen(caplog)


@pytest.mark.parametrize("storing", ["dicht", "bevroren"])
def test_geblokkeerde_gebruiker_is_er_meteen_uit_ook_zonder_redis(
    request, storing, client, settings, raadslid, breukelen
):
    redis_op(request.getfixturevalue(storing), settings)
    client.force_login(raadslid)
    assert client.get(reverse("raad:dashboard")).status_code == 200
    raadslid.is_active = False
    raadslid.save(update_fields=["is_active"])
    response = client.get(reverse("raad:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("mijn_account"))["Location"].startswith(reverse("login"))


def test_elke_cache_aanroep_is_een_misser_bij_storing(dicht, settings, caplog):
    redis_op(dicht, settings)
    cache = caches["default"]
    assert cache.get("a") is None and cache.get("a", "standaard") == "standaard"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.set("a", 1) is None and cache.get("a") is None
    assert cache.add("a", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.touch("a") is False
    assert cache.delete("a") is False
    assert cache.delete_many(["a", "b"]) is None
    cache.clear()
    with pytest.raises(ValueError):
        cache.incr("teller")
    with pytest.raises(ValueError):
        cache.decr("teller")
    assert cache.get_or_set("c", lambda: "gebouwd") == "gebouwd"
    assert len(waarschuwingen(caplog)) == 1


def test_na_de_pauze_wordt_redis_weer_geprobeerd(bevroren, settings, caplog, monkeypatch):
    monkeypatch.setattr(veilige_cache, "PAUZE", 0.3)
    redis_op(bevroren, settings)
    cache = caches["default"]
    begin = time.monotonic()
    assert cache.get("a", "mis") == "mis"
    eerste = time.monotonic() - begin
    assert 0.4 < eerste < 1.0  # one socket time-out of 0.5 s
    begin = time.monotonic()
    for _ in range(20):
        assert cache.get("a", "mis") == "mis"
    assert time.monotonic() - begin < 0.1  # in the pause: not one more time-out
    time.sleep(0.35)
    begin = time.monotonic()
    assert cache.get("a", "mis") == "mis"
    assert 0.4 < time.monotonic() - begin < 1.0  # tried again, and again one time-out
    assert len(waarschuwingen(caplog)) == 1  # still down: no second warning within a minute


def test_wachtwoord_niet_in_de_waarschuwing(settings, caplog):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    redis_op(f"redis://:geheim-wachtwoord@127.0.0.1:{poort}/1", settings)
    caches["default"].get("a")
    (melding,) = waarschuwingen(caplog)
    assert "geheim-wachtwoord" not in melding and f"127.0.0.1:{poort}/1" in melding


def test_met_echte_redis_werkt_de_cache(echte_redis, settings, client, raadslid, breukelen, caplog):
    settings.CACHES = {
        "default": {"BACKEND": BACKEND, "LOCATION": echte_redis, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    cache = caches["default"]
    try:
        assert cache.set("a", {"b": 1}, 30) is None
        assert cache.get("a") == {"b": 1}
        assert cache.add("a", 2) is False
        assert cache.add("n", 1) is True
        assert cache.incr("n") == 2
        assert cache.get_many(["a", "n"]) == {"a": {"b": 1}, "n": 2}
        assert cache.delete("a") is True and cache.get("a") is None
        # The council figures are kept in Redis: the second request does not build them again.
        client.force_login(raadslid)
        assert client.get(reverse("raad:dashboard"), {"jaar": 2025}).status_code == 200
        sleutel = f"raad:dashboard:{raadslid.gemeente_id}:2025"
        assert cache.get(sleutel) is not None
    finally:
        cache.delete_many(["a", "n", f"raad:dashboard:{raadslid.gemeente_id}:2025"])
    assert waarschuwingen(caplog) == []
