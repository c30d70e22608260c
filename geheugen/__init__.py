"""Caching for every app: Django's Redis cache keeping its client, and a memory per process in front of
the shared cache for values that are the same for everyone.

- `RedisCache` (settings.CACHES with REDIS_URL): Django's RedisCacheClient makes a new `redis.Redis`
  for every cache call, and building one costs more Python time than the round trip to Redis itself;
  a logged-in page makes a few calls (session, user, figures). The client is thread-safe and its
  connection pool survives a fork (it checks the process id), so one per pool is enough.
- `halen` / `bewaren` / `vergeten`: with REDIS_URL every cache read is a round trip (a tenth of a
  millisecond here, as much as a small query). Values that are the same for every user and expire by
  time only (the council's figures) are also kept in this process's memory (the "lokaal" cache) until
  the moment their shared copy expires, so a copy is never older than the shared one could be. Not for
  anything that must be withdrawn everywhere at once (sessions, users: they have their own checks).
"""

import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends import redis


class _Client(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client


def _lokaal():
    return caches["lokaal"] if "lokaal" in settings.CACHES else None


def _sleutel(sleutel: str) -> str:
    return f"geheugen:{sleutel}"  # its own keys: the values carry their expiry


def halen(sleutel: str):
    """What `bewaren` kept under this key and has not expired, or None."""
    sleutel = _sleutel(sleutel)
    lokaal = _lokaal()
    if lokaal is not None and (bewaard := lokaal.get(sleutel)) is not None:
        return bewaard[1]
    bewaard = cache.get(sleutel)
    if bewaard is None:
        return None
    verloopt_op, waarde = bewaard
    if lokaal is not None and (rest := int(verloopt_op - time.time())) >= 1:
        lokaal.set(sleutel, bewaard, rest)
    return waarde


def bewaren(sleutel: str, waarde, seconden: int) -> None:
    sleutel = _sleutel(sleutel)
    bewaard = (time.time() + seconden, waarde)
    cache.set(sleutel, bewaard, seconden)
    if (lokaal := _lokaal()) is not None:
        lokaal.set(sleutel, bewaard, seconden)


def vergeten(sleutel: str) -> None:
    """Drops the shared copy and this process's (other processes keep theirs until it expires)."""
    sleutel = _sleutel(sleutel)
    cache.delete(sleutel)
    if (lokaal := _lokaal()) is not None:
        lokaal.delete(sleutel)
