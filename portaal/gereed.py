"""Readiness check (`/gereed/`, issue 16 item 6): can this process serve users now?

Each check runs in a thread of its own with GEREED_TIME_OUT seconds to answer, so a frozen database,
Redis or disk makes the check fail in time instead of hanging the load balancer's probe (a check that
is still running after its time-out is reported as failed and left to finish by itself). The answer
names only the parts and whether they work: no error texts, addresses or personal data.
`/gezond/` stays the liveness check, without any dependency.
"""

import logging
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.files.base import ContentFile
from django.db import connection, connections
from django.db.models import Min
from django.utils import timezone

from bestanden.opslag import prive_opslag

logger = logging.getLogger("gebiedsportaal.gereed")


class NietGereed(Exception):
    """A check that ran but found its part not working."""


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise NietGereed


def redis_cache(backend) -> None:
    """A value written and read back. config.cache turns a Redis error into a miss, so a Redis that is
    down (or was, within its pause) shows here as the value not coming back."""
    sleutel, waarde = f"gereed:{uuid.uuid4().hex}", uuid.uuid4().hex
    backend.set(sleutel, waarde, timeout=10)
    terug = backend.get(sleutel)
    backend.delete(sleutel)
    if terug != waarde:
        raise NietGereed


def opslag() -> None:
    """A small file written, read and removed in the private storage (where uploads go)."""
    opslag = prive_opslag()
    inhoud = uuid.uuid4().hex.encode()
    naam = opslag.save(f"gereed/{uuid.uuid4().hex}", ContentFile(inhoud))
    try:
        with opslag.open(naam, "rb") as bestand:
            if bestand.read() != inhoud:
                raise NietGereed
    finally:
        opslag.delete(naam)


def wachtrij() -> None:
    """The job table is reachable and no job has been due longer than GEREED_WACHTRIJ_MAX_MINUTEN (a
    worker that stopped or cannot keep up). A job is due from when it was queued or, when it was queued
    for later (a retry with backoff), from its run_after."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    if connection.vendor == "sqlite":
        # Read without waiting for a writer's table lock: a check must not depend on someone else's
        # transaction (matters with SQLite's shared cache, which the test database uses).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")
    klaar = DBTaskResult.objects.ready()
    zonder_uitstel = klaar.filter(run_after=get_date_max()).aggregate(m=Min("enqueued_at"))["m"]
    met_uitstel = klaar.exclude(run_after=get_date_max()).aggregate(m=Min("run_after"))["m"]
    momenten = [m for m in (zonder_uitstel, met_uitstel) if m is not None]
    if momenten and timezone.now() - min(momenten) > timedelta(minutes=settings.GEREED_WACHTRIJ_MAX_MINUTEN):
        raise NietGereed


def controles() -> dict:
    """The checks by name, each a function without arguments. The cache only when it is Redis: a
    memory cache in the process itself cannot fail."""
    gevonden = {"database": database, "opslag": opslag, "wachtrij": wachtrij}
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        gevonden["cache"] = lambda: redis_cache(backend)
    return gevonden


def _in_thread(controle, uitkomst: dict, naam: str) -> None:
    try:
        controle()
    except Exception as fout:  # every kind of failure counts as "not ready"; the reason only in the log
        logger.warning("Gereedheidscontrole %s mislukt: %s", naam, type(fout).__name__)
        uitkomst[naam] = False
    else:
        uitkomst[naam] = True
    finally:
        # The thread's own database connection, opened by the checks that use the database.
        connections.close_all()


def controleren() -> dict[str, bool]:
    """{name: works} for every check; a check that has not answered within GEREED_TIME_OUT is False."""
    uitkomst: dict[str, bool] = {}
    draden = []
    for naam, controle in controles().items():
        draad = threading.Thread(target=_in_thread, args=(controle, uitkomst, naam), daemon=True)
        draad.start()
        draden.append((naam, draad))
    einde = time.monotonic() + settings.GEREED_TIME_OUT
    for naam, draad in draden:
        draad.join(max(0.0, einde - time.monotonic()))
        if draad.is_alive():
            logger.warning(
                "Gereedheidscontrole %s gaf geen antwoord binnen %s s", naam, settings.GEREED_TIME_OUT
            )
    return {naam: uitkomst.get(naam, False) for naam, _draad in draden}
