"""Django's Redis cache that is never a single point of failure (issue 16, item 5).

Redis only holds what can be built again (the council figures), so when it is down or frozen every
cache call behaves as a miss: a read gives the default, a write or delete does nothing. Each call waits
at most 0.5 s (connect and socket time-out), and after an error the cache leaves Redis alone for
PAUZE seconds, so a frozen Redis costs a page at most one time-out, not one per cache call. One warning
is logged when Redis fails, and again at most once per MELDEN_ELKE seconds while it stays down.

Only Django's public cache API is wrapped (the methods below); nothing private of Django or redis-py.
The pause is shared by every thread of the process (Django makes a cache object per thread).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("gebiedsportaal.cache")

TIME_OUT = 0.5  # seconds, for connecting and for each answer
PAUZE = 10.0  # seconds without trying Redis after an error
MELDEN_ELKE = 60.0  # seconds between warnings while Redis stays down

# What counts as Redis being unavailable: redis-py's own errors (refused, time-out, read-only, loading)
# and the operating system's socket errors.
STORINGEN = (RedisError, OSError)


class Storing:
    """Per Redis location and process: until when Redis is left alone, and when it was last reported."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pauze_tot = 0.0
        self.gemeld_op = None  # None: Redis worked at the last try

    def gepauzeerd(self) -> bool:
        return time.monotonic() < self.pauze_tot

    def fout(self, locatie: str, fout: Exception) -> None:
        nu = time.monotonic()
        with self.lock:
            self.pauze_tot = nu + PAUZE
            melden = self.gemeld_op is None or nu - self.gemeld_op >= MELDEN_ELKE
            if melden:
                self.gemeld_op = nu
        if melden:
            # The location without a password (redis://:secret@host/1 would show it).
            logger.warning(
                "Redis (%s) niet bereikbaar (%s); de cache doet %d s niets, pagina's werken zonder.",
                locatie.rsplit("@", 1)[-1],
                type(fout).__name__,
                int(PAUZE),
            )

    def gelukt(self, locatie: str) -> None:
        if self.gemeld_op is not None:
            with self.lock:
                self.gemeld_op = None
            logger.warning("Redis (%s) is weer bereikbaar.", locatie.rsplit("@", 1)[-1])


_storingen: dict[str, Storing] = {}
_storingen_lock = threading.Lock()


def storing_voor(locatie: str) -> Storing:
    with _storingen_lock:
        return _storingen.setdefault(locatie, Storing())


def storingen_vergeten() -> None:
    """Forget every pause and warning (for tests: each starts with a Redis that is believed up)."""
    with _storingen_lock:
        _storingen.clear()


class VeiligeRedisCache(RedisCache):
    """RedisCache with short time-outs whose calls act as a cache miss while Redis is unavailable."""

    def __init__(self, server, params):
        opties = {"socket_connect_timeout": TIME_OUT, "socket_timeout": TIME_OUT, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": opties})
        self.locatie = server if isinstance(server, str) else ",".join(server)
        self.storing = storing_voor(self.locatie)

    def veilig(self, bij_storing, methode, *args, **kwargs):
        """`methode(*args, **kwargs)`, or `bij_storing` when Redis fails now or failed shortly before."""
        if self.storing.gepauzeerd():
            return bij_storing
        try:
            uitkomst = methode(*args, **kwargs)
        except STORINGEN as fout:
            self.storing.fout(self.locatie, fout)
            return bij_storing
        self.storing.gelukt(self.locatie)
        return uitkomst

    def get(self, key, default=None, version=None):
        return self.veilig(default, super().get, key, default, version=version)

    def get_many(self, keys, version=None):
        return self.veilig({}, super().get_many, keys, version=version)

    def has_key(self, key, version=None):
        return self.veilig(False, super().has_key, key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.veilig(None, super().set, key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.veilig(False, super().add, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that were not stored.
        return self.veilig(list(data), super().set_many, data, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.veilig(False, super().touch, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self.veilig(False, super().delete, key, version=version)

    def delete_many(self, keys, version=None):
        return self.veilig(None, super().delete_many, keys, version=version)

    def clear(self):
        return self.veilig(False, super().clear)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError (Django's contract); with Redis away every key is missing.
        gemist = object()
        uitkomst = self.veilig(gemist, super().incr, key, delta, version=version)
        if uitkomst is gemist:
            raise ValueError(f"Key '{key}' not found.")
        return uitkomst

    # get_or_set, decr and the async variants (aget, aset, ...) call the methods above.
