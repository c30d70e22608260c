"""A worker killed in the middle of an attempt: after the lease the message is sent again, exactly once,
with the same Message-ID; the dead attempt's job is marked failed (the backlog stays honest)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import berichten
from berichten.models import Bericht, Berichtstatus
from berichten.taken import beheeropdracht_uitvoeren
from berichten.wachtrij import onderbroken_herstellen, versturen, wachtrij_afwerken


@pytest.fixture(autouse=True)
def als_in_productie(settings):
    settings.BERICHTEN_NA_COMMIT_AFWERKEN = False


@pytest.fixture
def klok(monkeypatch):
    echt = timezone.now

    class Klok:
        verschil = datetime.timedelta()

        def verder(self, **tijd):
            self.verschil += datetime.timedelta(**tijd)

    k = Klok()
    monkeypatch.setattr(timezone, "now", lambda: echt() + k.verschil)
    return k


def _gedood_tijdens_versturen(settings) -> Bericht:
    """A message whose worker was killed while the mail server hung: `verzenden`, job RUNNING."""
    settings.EMAIL_BACKEND = "tests.berichten.backends.AfgebrokenVoorAfgifte"
    (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    wachtrij_afwerken()  # the attempt dies half-way (Afgebroken: a BaseException, not a mail error)
    # django-tasks-db records a BaseException as a failure; SIGKILL gives it no chance: the row stays RUNNING.
    DBTaskResult.objects.update(status="RUNNING", finished_at=None, exception_class_path="", traceback="")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.VERZENDEN and mail.outbox == []
    assert DBTaskResult.objects.running().count() == 1
    return bericht


def test_onderbroken_bericht_gaat_na_de_lease_eenmaal_opnieuw(db, settings, klok, capsys):
    bericht = _gedood_tijdens_versturen(settings)
    dode_taak = DBTaskResult.objects.running().get()

    klok.verder(seconds=599)
    assert onderbroken_herstellen() == (0, 0)  # within the lease the attempt may still be going on
    assert wachtrij_afwerken() == 0 and mail.outbox == []

    klok.verder(seconds=2)
    call_command("werker", "--eenmalig", "--zonder-planning")  # a new worker: takes over, then sends
    assert [m.to for m in mail.outbox] == [["a@example.nl"]]
    assert mail.outbox[0].extra_headers["Message-ID"] == bericht.message_id  # the same on every attempt
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.VERZONDEN and bericht.pogingen == 2
    dode_taak.refresh_from_db()
    assert dode_taak.status == "FAILED" and "OnderbrokenTaak" in dode_taak.exception_class_path
    assert not DBTaskResult.objects.running().exists()

    klok.verder(seconds=3600)  # later rounds change nothing: exactly once
    assert onderbroken_herstellen() == (0, 0)
    assert wachtrij_afwerken() == 0 and len(mail.outbox) == 1


def test_de_lease_komt_uit_de_instellingen(db, settings, klok):
    settings.BERICHTEN_ONDERBROKEN_NA_SECONDEN = 5
    _gedood_tijdens_versturen(settings)
    klok.verder(seconds=4)
    assert onderbroken_herstellen() == (0, 0)
    klok.verder(seconds=2)
    assert onderbroken_herstellen() == (1, 1)
    assert onderbroken_herstellen() == (0, 0)  # a second worker finds nothing left to take over
    wachtrij_afwerken()
    assert len(mail.outbox) == 1


def test_een_overgenomen_poging_zet_de_nieuwe_niet_op_verzonden(db, settings, klok):
    """The slow old attempt finishing after all must not close the new attempt's bookkeeping."""
    (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    oud = timezone.now() - datetime.timedelta(hours=1)
    Bericht.objects.filter(pk=bericht.pk).update(status=Berichtstatus.VERZENDEN, poging_gestart_op=oud)
    assert onderbroken_herstellen()[0] == 1
    # The new attempt has started (claimed) when the old one reports back: only its own attempt counts.
    Bericht.objects.filter(pk=bericht.pk).update(
        status=Berichtstatus.VERZENDEN, poging_gestart_op=timezone.now()
    )
    geraakt = Bericht.objects.filter(
        pk=bericht.pk, status=Berichtstatus.VERZENDEN, poging_gestart_op=oud
    ).update(status=Berichtstatus.VERZONDEN)
    assert geraakt == 0


def test_lange_planningstaak_geldt_pas_na_uren_als_dood(db, klok):
    beheeropdracht_uitvoeren.enqueue(["berichten_opschonen"])
    taak = DBTaskResult.objects.get()
    taak.claim("werker-die-stopte")
    klok.verder(minutes=30)
    assert onderbroken_herstellen() == (0, 0)  # a digest may run longer than a mail's lease
    klok.verder(hours=6)
    assert onderbroken_herstellen() == (0, 1)
    taak.refresh_from_db()
    assert taak.status == "FAILED"


def test_niet_verschuldigd_bericht_wordt_overgeslagen(db):
    (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    Bericht.objects.filter(pk=bericht.pk).update(
        status=Berichtstatus.VERZENDEN, poging_gestart_op=timezone.now()
    )
    assert versturen(bericht.pk) == "overgeslagen"
    assert onderbroken_herstellen() == (0, 0)
