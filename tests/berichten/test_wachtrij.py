"""The durable mail queue (berichten): same transaction, retries with backoff, never twice, the admin.

These tests switch off the test settings' "run on commit" (BERICHTEN_NA_COMMIT_AFWERKEN), so mail waits
for the worker exactly as in production, and run the worker themselves (wachtrij_afwerken).
"""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import berichten
from berichten.models import Bericht, Berichtstatus
from berichten.taken import bericht_versturen
from berichten.wachtrij import wachtrij_afwerken
from bewonersgroepen.constants import Groepstatus
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import GemeenteFactory, UserFactory

from .backends import Afgebroken, Storing


@pytest.fixture(autouse=True)
def als_in_productie(settings):
    settings.BERICHTEN_NA_COMMIT_AFWERKEN = False
    Storing.weigeren, Storing.pogingen = True, 0


@pytest.fixture
def klok(monkeypatch):
    """Move `timezone.now` forward (the queue and django-tasks-db both read it)."""
    echt = timezone.now

    class Klok:
        verschil = datetime.timedelta()

        def verder(self, **tijd):
            self.verschil += datetime.timedelta(**tijd)

    k = Klok()
    monkeypatch.setattr(timezone, "now", lambda: echt() + k.verschil)
    return k


def test_teruggedraaide_wijziging_verstuurt_niets(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        berichten.mail("a@example.nl", "Onderwerp", "Tekst")
        raise RuntimeError("de wijziging mislukt")
    assert not Bericht.objects.exists() and not DBTaskResult.objects.exists()
    assert wachtrij_afwerken() == 0 and mail.outbox == []


def test_vastgelegde_wijziging_verstuurt_altijd(db):
    with transaction.atomic():
        (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst", html="<p>Tekst</p>")
    assert mail.outbox == []  # nothing is sent by the code that made the change
    assert wachtrij_afwerken() == 1
    (verzonden,) = mail.outbox
    assert verzonden.to == ["a@example.nl"] and verzonden.alternatives[0][1] == "text/html"
    assert verzonden.extra_headers["Message-ID"] == bericht.message_id
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.VERZONDEN and bericht.pogingen == 1


def test_een_bericht_per_ontvanger(db):
    rijen = berichten.mail(["a@example.nl", "b@example.nl", "A@example.nl", ""], "Onderwerp\nregel", "Tekst")
    assert [r.aan for r in rijen] == ["a@example.nl", "b@example.nl"]  # the same address once
    wachtrij_afwerken()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nl", "b@example.nl"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert {m.subject for m in mail.outbox} == {"Onderwerp regel"}  # never a line break in a header


def test_geweigerde_mailserver_pagina_werkt_en_bericht_komt_later_aan(
    client, gemeente, kern, medewerker, settings, klok
):
    """SMTP down: the page answers as usual, the mail waits, is retried with backoff and arrives once."""
    settings.EMAIL_BACKEND = "tests.berichten.backends.Storing"
    groep = GroepFactory(
        gemeente=gemeente, kernen=[kern], aangemeld=True, aanmelder_email="a@example.nl", email="a@example.nl"
    )  # one address: one mail (another group address would get its own)
    client.force_login(medewerker)
    response = client.post(
        reverse("bewonersgroepen:status", args=[groep.pk]),
        {"naar": Groepstatus.AFGEWEZEN, "toelichting": "Er is al een groep in deze kern."},
    )
    assert response.status_code == 302  # no 500, and the change is saved
    groep.refresh_from_db()
    assert groep.status == Groepstatus.AFGEWEZEN
    assert Storing.pogingen == 0  # the request did not talk to the mail server
    bericht = Bericht.objects.get(aan="a@example.nl")

    assert wachtrij_afwerken() == 1
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.WACHTEND and "Connection refused" in bericht.laatste_fout
    assert datetime.timedelta(0) < bericht.volgende_poging - timezone.now() <= datetime.timedelta(minutes=1)
    assert wachtrij_afwerken() == 0  # not before its time

    klok.verder(seconds=31)
    assert wachtrij_afwerken() == 1  # second attempt: still down, waits longer
    bericht.refresh_from_db()
    assert bericht.pogingen == 2
    assert (
        datetime.timedelta(seconds=50)
        < bericht.volgende_poging - timezone.now()
        <= datetime.timedelta(minutes=1)
    )

    Storing.weigeren = False
    klok.verder(minutes=1, seconds=1)
    assert wachtrij_afwerken() == 1
    assert [m.to for m in mail.outbox] == [["a@example.nl"]]
    assert "Er is al een groep in deze kern." in mail.outbox[0].body
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.VERZONDEN and bericht.laatste_fout == ""
    klok.verder(hours=3)
    assert wachtrij_afwerken() == 0 and len(mail.outbox) == 1


def test_pogingen_gaan_minstens_een_dag_door_en_dan_ziet_beheer_het(db, settings, klok):
    settings.EMAIL_BACKEND = "tests.berichten.backends.Storing"
    (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    verstreken = datetime.timedelta()
    while True:
        wachtrij_afwerken()
        bericht.refresh_from_db()
        if bericht.status == Berichtstatus.MISLUKT:
            break
        wacht = bericht.volgende_poging - timezone.now()
        klok.verder(seconds=wacht.total_seconds() + 1)
        verstreken += wacht
    assert verstreken >= datetime.timedelta(hours=24)
    assert bericht.pogingen <= 40  # backoff: not hammering the server
    assert "Connection refused" in bericht.laatste_fout and mail.outbox == []


def test_een_afgebroken_werker_verstuurt_een_bericht_niet_nog_eens(db, settings):
    """Killed after the mail server took the message but before marking it: a re-run sends nothing."""
    settings.EMAIL_BACKEND = "tests.berichten.backends.AfgebrokenNaAfgifte"
    (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    with pytest.raises(Afgebroken):
        bericht_versturen.call(bericht.pk)  # the job as the worker runs it, killed half-way
    assert len(mail.outbox) == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    wachtrij_afwerken()  # the worker again: the job is still queued
    bericht_versturen.enqueue(bericht.pk)  # and a second job for the same message
    wachtrij_afwerken()
    assert len(mail.outbox) == 1
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.VERZENDEN  # shown in the admin as interrupted


def test_twee_taken_voor_een_bericht_versturen_het_eenmaal(db):
    (bericht,) = berichten.mail("a@example.nl", "Onderwerp", "Tekst")
    bericht_versturen.enqueue(bericht.pk)
    assert wachtrij_afwerken() == 2
    assert len(mail.outbox) == 1


# --- the admin ---------------------------------------------------------------------------------------


@pytest.fixture
def mislukt(gemeente, settings, klok):
    settings.EMAIL_BACKEND = "tests.berichten.backends.Storing"
    (bericht,) = berichten.mail(
        "a@example.nl",
        "Nieuw wachtwoord",
        "Kies een nieuw wachtwoord: https://portaal.example/account/wachtwoord/nieuw/Mg/geheim-token/",
        gemeente=gemeente,
    )
    Bericht.objects.filter(pk=bericht.pk).update(
        in_wachtrij_sinds=timezone.now() - datetime.timedelta(days=3)
    )
    wachtrij_afwerken()
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.MISLUKT
    return bericht


def test_beheer_ziet_fout_en_wachtrij_van_de_eigen_gemeente(client, beheerder, mislukt):
    anders = berichten.mail("b@example.nl", "Elders", "Tekst", gemeente=GemeenteFactory())
    berichten.mail("c@example.nl", "Nog te versturen", "Tekst", gemeente=beheerder.gemeente)
    client.force_login(beheerder)
    lijst = client.get(reverse("admin:berichten_bericht_changelist"))
    assert lijst.status_code == 200
    assert {b.pk for b in lijst.context["cl"].result_list} == {
        mislukt.pk,
        Bericht.objects.get(aan="c@example.nl").pk,
    }
    assert "Connection refused" in lijst.text and "b@example.nl" not in lijst.text
    assert "Berichten die wachten op verzending: 1" in lijst.text
    detail = client.get(reverse("admin:berichten_bericht_change", args=[mislukt.pk]))
    assert detail.status_code == 200 and "Connection refused" in detail.text
    assert "geheim-token" not in detail.text and "geheim-token" not in lijst.text  # never the text
    assert client.get(reverse("admin:berichten_bericht_change", args=[anders[0].pk])).status_code == 302


def test_beheer_verstuurt_opnieuw(client, beheerder, mislukt, settings):
    Storing.weigeren = False
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:berichten_bericht_changelist"),
        {"action": "opnieuw_versturen_actie", "_selected_action": [mislukt.pk]},
        follow=True,
    )
    assert "1 bericht(en) opnieuw in de wachtrij gezet" in response.text
    wachtrij_afwerken()
    assert [m.to for m in mail.outbox] == [["a@example.nl"]]
    mislukt.refresh_from_db()
    assert mislukt.status == Berichtstatus.VERZONDEN


def test_taken_alleen_voor_superbeheer(client, beheerder, db):
    client.force_login(beheerder)
    assert client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).status_code == 403
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).status_code == 200


def test_beheer_ziet_de_achterstand_en_de_oudste_taak(client, beheerder):
    """The backlog at the top of the list (issue 16 item 6): waiting mails of the own gemeente with the
    oldest's age, and the jobs that are due with the oldest's age."""
    berichten.mail("a@example.nl", "Eerste", "Tekst", gemeente=beheerder.gemeente)
    berichten.mail("b@example.nl", "Tweede", "Tekst", gemeente=beheerder.gemeente)
    berichten.mail("c@example.nl", "Elders", "Tekst", gemeente=GemeenteFactory())
    eerder = timezone.now() - datetime.timedelta(minutes=30)
    Bericht.objects.filter(aan="a@example.nl").update(aangemaakt_op=eerder)
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.order_by("enqueued_at").first().pk).update(
        enqueued_at=eerder
    )
    client.force_login(beheerder)
    tekst = client.get(reverse("admin:berichten_bericht_changelist")).text
    assert "Berichten die wachten op verzending: 2, het oudste wacht 30 minuten." in tekst
    assert "Taken die klaarstaan: 3, de oudste sinds 30 minuten." in tekst
    wachtrij_afwerken()
    tekst = client.get(reverse("admin:berichten_bericht_changelist")).text
    assert "Berichten die wachten op verzending: 0." in tekst and "Taken die klaarstaan: 0." in tekst
