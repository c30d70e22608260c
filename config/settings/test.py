"""Settings for the test suite: fast hashing, mail kept in memory, files in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Mail is queued in the change's transaction as in production; tests then run the queue when that
# transaction commits (berichten.wachtrij), so django.core.mail.outbox fills after a commit (or after
# django_capture_on_commit_callbacks(execute=True)) and stays empty after a rollback. Tests of the
# worker itself switch this off.
BERICHTEN_NA_COMMIT_AFWERKEN = True
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="gebiedsportaal-test-media-"))  # noqa: F405
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
# Django's test client builds the middleware anew for every client, so for every test; WhiteNoise then read
# the metadata of every static file again (some 330 files through the finders: 20 ms a test). As in
# development, it looks a file up when one is asked for instead; production reads STATIC_ROOT once.
WHITENOISE_AUTOREFRESH = True
DEBUG = False
# Tests open and drop databases, and live-server threads must not keep connections open.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Each worker's test database is made from the models (as `--no-migrations`: 1 s instead of ~20 s of
# migrations per worker). tests/test_migraties.py runs every migration on a fresh database and checks that
# it gives the same tables, columns and constraints; the rows the data migrations seed are seeded by
# tests/conftest.py (STARTGEGEVENS).
DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False  # noqa: F405
# Caches on, as in production (the council figures for RAAD_CIJFERS_CACHE_SECONDEN), but each test run
# has its own memory cache, even when the environment names a Redis (REDIS_URL): every test starts with
# an empty cache (tests/conftest.py), and must not empty anyone else's.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Other tests log in with client.force_login/login: django-axes needs a real request and the two-step
# login would send every staff user to the code page first. Tests of those rules switch them on with
# override_settings (tests/accounts/test_inlogbeveiliging.py).
AXES_ENABLED = False
OTP_VERPLICHT_VOOR_MEDEWERKERS = False
# The open data API's rate limit would stop schemathesis halfway; tests/api/test_limiet.py sets its own.
API_LIMIET_PER_MINUUT = 100_000
