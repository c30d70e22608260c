"""Readiness check /gereed/ (issue 16, item 6; portaal/gereed.py): 200 when database, cache (Redis, if
configured), file storage and task queue work, 503 naming what fails, within GEREED_TIME_OUT.

The checks run in threads with their own database connection, so these tests commit their data
(transactional_db), as a real request would see it.
"""

import datetime
import socket
import threading
import time

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import berichten
from config import cache as veilige_cache
from portaal import gereed
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def storingen_vergeten():
    veilige_cache.storingen_vergeten()
    yield
    veilige_cache.storingen_vergeten()


def vraag(client):
    begin = time.monotonic()
    response = client.get(reverse("portaal:gereed"))
    return response, time.monotonic() - begin


def test_alles_werkt(client, settings):
    response, _ = vraag(client)
    assert response.status_code == 200
    assert response.json() == {
        "gereed": True,
        "controles": {"database": "ok", "opslag": "ok", "wachtrij": "ok"},  # memory cache: nothing to check
        "mislukt": [],
    }
    assert response["Cache-Control"].startswith("max-age=0")
    assert not list(settings.PRIVATE_MEDIA_ROOT.glob("gereed/*"))  # the test file is removed again


def test_open_zonder_inloggen_en_zonder_doorsturen(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^gezond/$", r"^gereed/$"]  # as in production.py
    assert client.get(reverse("portaal:gereed")).status_code == 200
    assert client.get(reverse("portaal:gezond")).status_code == 200


def test_database_kapot(client, monkeypatch):
    def kapot():
        raise gereed.NietGereed

    monkeypatch.setattr(gereed, "database", kapot)
    response, _ = vraag(client)
    assert response.status_code == 503
    assert response.json()["mislukt"] == ["database"]


def test_redis_onbereikbaar(client, settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.VeiligeRedisCache", "LOCATION": f"redis://127.0.0.1:{poort}/1"}
    }
    response, _ = vraag(client)
    assert response.status_code == 503
    assert response.json()["mislukt"] == ["cache"]
    assert str(poort) not in response.text  # no addresses in the answer


def test_redis_werkt(client, settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("geen Redis op 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.VeiligeRedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}
    }
    response, _ = vraag(client)
    assert response.status_code == 200 and response.json()["controles"]["cache"] == "ok"


class KapotteOpslag(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(28, "No space left on device")


def test_opslag_kapot(client, monkeypatch, settings):
    monkeypatch.setattr(gereed, "prive_opslag", lambda: KapotteOpslag(location=settings.PRIVATE_MEDIA_ROOT))
    response, _ = vraag(client)
    assert response.status_code == 503
    assert response.json()["mislukt"] == ["opslag"]
    assert "No space" not in response.text


def test_oude_taak_in_de_wachtrij(client, settings):
    settings.BERICHTEN_NA_COMMIT_AFWERKEN = False  # no worker: the job stays in the queue
    settings.GEREED_WACHTRIJ_MAX_MINUTEN = 15
    berichten.mail("a@example.nl", "Onderwerp", "Tekst", gemeente=GemeenteFactory())
    assert vraag(client)[0].status_code == 200  # just queued
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=16))
    response, _ = vraag(client)
    assert response.status_code == 503
    assert response.json()["mislukt"] == ["wachtrij"]
    assert "a@example.nl" not in response.text


def test_uitgestelde_taak_telt_vanaf_haar_moment(client, settings):
    """A retry queued for later is due from its run_after, not from when it was queued."""
    settings.BERICHTEN_NA_COMMIT_AFWERKEN = False
    berichten.mail("a@example.nl", "Onderwerp", "Tekst", gemeente=GemeenteFactory())
    nu = timezone.now()
    DBTaskResult.objects.update(
        enqueued_at=nu - datetime.timedelta(hours=2), run_after=nu - datetime.timedelta(minutes=5)
    )
    assert vraag(client)[0].status_code == 200
    DBTaskResult.objects.update(run_after=nu - datetime.timedelta(minutes=20))
    assert vraag(client)[0].json()["mislukt"] == ["wachtrij"]


def test_bevroren_controle_antwoordt_binnen_de_time_out(client, settings, monkeypatch):
    settings.GEREED_TIME_OUT = 0.5
    los = threading.Event()
    monkeypatch.setattr(gereed, "opslag", lambda: los.wait(10))
    try:
        response, duur = vraag(client)
    finally:
        los.set()
    assert response.status_code == 503
    assert response.json()["mislukt"] == ["opslag"]
    assert response.json()["controles"]["database"] == "ok"
    assert duur < 1.5


def test_bevroren_redis(client, settings):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)  # accepts connections (the kernel does), never answers
    try:
        settings.CACHES = {
            "default": {
                "BACKEND": "config.cache.VeiligeRedisCache",
                "LOCATION": f"redis://127.0.0.1:{server.getsockname()[1]}/1",
            }
        }
        response, duur = vraag(client)
    finally:
        server.close()
    assert response.status_code == 503 and response.json()["mislukt"] == ["cache"]
    assert duur < settings.GEREED_TIME_OUT + 0.5
