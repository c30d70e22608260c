"""geheugen: the shared cache with a copy per process in front of it, and Django's Redis cache keeping
its client (issue 8: every cache read with Redis is a round trip)."""

import socket
import time
import uuid

import pytest
from django.core.cache import caches

import geheugen

TWEE_LAGEN = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gedeeld-test"},
    "lokaal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lokaal-test"},
}


@pytest.fixture
def twee_lagen(settings):
    settings.CACHES = TWEE_LAGEN
    caches["default"].clear()
    caches["lokaal"].clear()
    yield caches["default"], caches["lokaal"]
    caches["default"].clear()
    caches["lokaal"].clear()


def test_kopie_verloopt_op_hetzelfde_moment_als_het_gedeelde(twee_lagen, monkeypatch):
    gedeeld, lokaal = twee_lagen
    nu = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: nu[0])
    geheugen.bewaren("cijfers", {"a": 1}, 300)
    lokaal.clear()  # another process: it has no copy yet
    nu[0] += 200
    assert geheugen.halen("cijfers") == {"a": 1}  # from the shared cache, copied for its last 100 s
    gedeeld.clear()
    assert geheugen.halen("cijfers") == {"a": 1}  # from this process's copy
    nu[0] += 101
    assert geheugen.halen("cijfers") is None  # the copy expired with the shared value


def test_vergeten_en_onbekend(twee_lagen):
    assert geheugen.halen("nooit") is None
    geheugen.bewaren("weg", [1], 60)
    geheugen.vergeten("weg")
    assert geheugen.halen("weg") is None


def test_zonder_lokaal_alleen_de_gedeelde_cache(settings):
    settings.CACHES = {"default": TWEE_LAGEN["default"]}
    geheugen.bewaren("een", "waarde", 60)
    assert geheugen.halen("een") == "waarde"
    assert caches["default"].get("geheugen:een")[1] == "waarde"


def _redis_bereikbaar() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_bereikbaar(), reason="geen Redis op 127.0.0.1:6379")
def test_redis_cache_met_een_client_per_verbinding(settings):
    """Against the machine's Redis (CI has one), under a key prefix of this run only."""
    settings.CACHES = {
        "default": {
            "BACKEND": "geheugen.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    cache = caches["default"]
    cache.set("a", {"b": 1}, 30)
    cache.set("c", "d", 30)
    assert cache.get("a") == {"b": 1}
    assert cache.get_many(["a", "c", "x"]) == {"a": {"b": 1}, "c": "d"}
    cache.delete_many(["a", "c"])
    assert cache.get("a") is None
    client = cache._cache
    assert client.get_client() is client.get_client(write=True)  # one client, not one per call
