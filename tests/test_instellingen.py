"""The cache and sessions per environment (README, Configuration): Django's own Redis cache when
REDIS_URL is set, a memory cache otherwise; sessions in the database either way, so a log-out counts
in every worker process at once."""

import subprocess
import sys

from django.conf import settings as django_settings


def _instellingen(**env) -> list[str]:
    code = (
        "from config.settings import base as s; "
        "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], sorted(s.CACHES))"
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


def test_cache_en_sessies_met_en_zonder_redis():
    assert _instellingen() == [
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.locmem.LocMemCache",
        "['default']",
    ]
    assert _instellingen(REDIS_URL="redis://127.0.0.1:6379/0") == [
        "django.contrib.sessions.backends.db",
        "config.cache.VeiligeRedisCache",
        "['default']",
    ]
