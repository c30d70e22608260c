"""bin/worker (`manage.py werker`): jobs and the schedule, on SQLite and PostgreSQL, with several workers."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

import berichten
from berichten.models import Bericht, Berichtstatus, Planningsrun
from berichten.wachtrij import laatste_moment, planning_bijwerken, wachtrij_afwerken

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def als_in_productie(settings):
    settings.BERICHTEN_NA_COMMIT_AFWERKEN = False


@pytest.mark.django_db(transaction=True)
def test_werker_verstuurt_wat_klaarstaat(capsys):
    """Committed rows, the worker's own transactions: as in production, on either database."""
    berichten.mail(["a@example.nl", "b@example.nl"], "Onderwerp", "Tekst")
    call_command("werker", "--eenmalig", "--zonder-planning")
    assert "2 taken uitgevoerd" in capsys.readouterr().out
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nl", "b@example.nl"]
    assert set(Bericht.objects.values_list("status", flat=True)) == {Berichtstatus.VERZONDEN}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db(transaction=True)
def test_twee_werkers_tegelijk_versturen_elk_bericht_eenmaal():
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers: PostgreSQL (SQLite runs one worker at a time by design)")
    adressen = [f"lid{i}@example.nl" for i in range(30)]
    berichten.mail(adressen, "Onderwerp", "Tekst")
    start = threading.Barrier(3)

    def werker():
        start.wait()
        try:
            wachtrij_afwerken()
        finally:
            connection.close()

    threads = [threading.Thread(target=werker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(adressen)  # each once, none lost
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 30


@pytest.mark.parametrize(
    ("wanneer", "nu", "verwacht"),
    [
        ("elk uur :15", datetime.datetime(2026, 12, 5, 9, 20), datetime.datetime(2026, 12, 5, 9, 15)),
        ("elk uur :15", datetime.datetime(2026, 12, 5, 0, 10), datetime.datetime(2026, 12, 4, 23, 15)),
        ("dagelijks 00:05", datetime.datetime(2026, 12, 5, 0, 5), datetime.datetime(2026, 12, 5, 0, 5)),
        ("dagelijks 00:05", datetime.datetime(2026, 12, 5, 0, 4), datetime.datetime(2026, 12, 4, 0, 5)),
        ("maandag 07:00", datetime.datetime(2026, 12, 5, 9, 0), datetime.datetime(2026, 11, 30, 7, 0)),
        ("maandag 07:00", datetime.datetime(2026, 11, 30, 6, 0), datetime.datetime(2026, 11, 23, 7, 0)),
        ("maandelijks 1 02:00", datetime.datetime(2026, 12, 1, 3, 0), datetime.datetime(2026, 12, 1, 2, 0)),
        ("maandelijks 1 02:00", datetime.datetime(2026, 12, 1, 1, 0), datetime.datetime(2026, 11, 1, 2, 0)),
    ],
)
def test_laatste_moment(settings, wanneer, nu, verwacht):
    settings.TIME_ZONE = "Europe/Amsterdam"
    assert laatste_moment(wanneer, nu.replace(tzinfo=AMS)) == verwacht.replace(tzinfo=AMS)


def test_planning_start_elk_moment_eenmaal_en_voert_de_opdracht_uit(db, settings):
    settings.WACHTRIJ_PLANNING = [
        {
            "naam": "afsluiten",
            "opdracht": ["herinner_overeenkomsten", "--alleen-afsluiten"],
            "wanneer": "dagelijks 00:05",
        }
    ]
    nu = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=AMS)
    assert planning_bijwerken(nu) == ["afsluiten"]
    assert planning_bijwerken(nu) == []  # a second worker, or the next round: already queued
    assert planning_bijwerken(nu + datetime.timedelta(hours=14)) == []  # still the same moment
    assert planning_bijwerken(nu + datetime.timedelta(hours=16)) == ["afsluiten"]  # the next day's
    assert Planningsrun.objects.count() == 2
    assert wachtrij_afwerken() == 2
    taak = DBTaskResult.objects.first()
    assert taak.status == "SUCCESSFUL" and "overeenkomst" in taak.return_value.lower()


def test_de_planning_noemt_bestaande_opdrachten(settings):
    from django.core.management import get_commands

    for item in settings.WACHTRIJ_PLANNING:
        assert item["opdracht"][0] in get_commands(), item
        laatste_moment(item["wanneer"], datetime.datetime(2026, 12, 5, tzinfo=AMS))


def test_smtp_wacht_hoogstens_tien_seconden(settings):
    from django.core.mail import get_connection

    assert 0 < settings.EMAIL_TIMEOUT <= 10
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == settings.EMAIL_TIMEOUT


def test_een_hangende_mailserver_houdt_de_werker_niet_vast(db, settings):
    """A server that accepts the connection and then says nothing: the attempt ends at EMAIL_TIMEOUT."""
    import socket
    import time

    server = socket.create_server(("127.0.0.1", 0))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    try:
        (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
        begin = time.monotonic()
        wachtrij_afwerken()
        assert time.monotonic() - begin < 5
    finally:
        server.close()
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.WACHTEND and "timed out" in bericht.laatste_fout


@pytest.mark.django_db(transaction=True)
def test_de_werkerlus_plant_verstuurt_en_stopt(settings):
    from berichten.wachtrij import werken

    settings.WACHTRIJ_PLANNING = [
        {"naam": "opschonen", "opdracht": ["berichten_opschonen"], "wanneer": "dagelijks 00:00"}
    ]
    berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    rondes = iter([False, False, True])
    werken(interval=0, stop=lambda: next(rondes, True))
    assert [m.to for m in mail.outbox] == [["a@example.nl"]]
    assert Planningsrun.objects.filter(naam="opschonen").exists()
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
