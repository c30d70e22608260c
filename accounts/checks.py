"""Deploy checks for the caches that sessions and logged-in users are read from."""

from django.conf import settings
from django.core.checks import Warning, register

# Caches that live in one process: another worker never sees what this one wrote or deleted.
PER_PROCES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(deploy=True)
def gedeelde_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCES:
        return []
    fouten = []
    if settings.GEBRUIKER_CACHE_SECONDEN > 0:
        fouten.append(
            Warning(
                "GEBRUIKER_CACHE_SECONDEN staat aan met een cache per proces: een geblokkeerd account "
                "blijft dan in de andere processen ingelogd.",
                hint="Zet REDIS_URL, of GEBRUIKER_CACHE_SECONDEN=0.",
                id="accounts.W001",
            )
        )
    if settings.SESSION_ENGINE in {
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    }:
        fouten.append(
            Warning(
                "Sessies staan in een cache per proces: uitloggen telt dan niet in de andere processen.",
                hint="Zet REDIS_URL, of SESSION_ENGINE='django.contrib.sessions.backends.db'.",
                id="accounts.W002",
            )
        )
    return fouten
