"""Password reset through the queue (issue 15, item 10): the page does the same work for every address.

The request only queues a job with the typed address; the worker looks it up and queues the mail. So the
answer, its database work and its time do not tell whether the address has an account, and no request
talks to a mail server. The reset link exists only in the mail: never in a log or the job's data.
"""

import logging

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from berichten.models import Bericht
from berichten.wachtrij import wachtrij_afwerken
from tests.berichten.backends import GeenVerbinding


@pytest.fixture(autouse=True)
def als_in_productie(settings):
    settings.BERICHTEN_NA_COMMIT_AFWERKEN = False
    settings.EMAIL_BACKEND = "tests.berichten.backends.GeenVerbinding"
    GeenVerbinding.pogingen = 0


def _vraag(client, email):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("password_reset"), {"email": email})
    return response, [q["sql"].split()[0] for q in queries.captured_queries]


def test_zelfde_antwoord_en_zelfde_werk_met_en_zonder_account(client, groepslid):
    _vraag(client, "opwarmen@example.nl")  # the rate limit's counter of this IP address exists from here on
    met, werk_met = _vraag(client, groepslid.email)
    zonder, werk_zonder = _vraag(client, "niemand@example.nl")
    assert met.status_code == zonder.status_code == 302
    assert met["Location"] == zonder["Location"]
    assert werk_met == werk_zonder  # the same statements in the same order: one job queued
    assert DBTaskResult.objects.count() == 3 and not Bericht.objects.exists()
    assert GeenVerbinding.pogingen == 0 and mail.outbox == []  # no contact with the mail server


def test_de_werker_stuurt_alleen_naar_een_bestaand_account(client, groepslid, settings, caplog):
    client.post(reverse("password_reset"), {"email": groepslid.email})
    client.post(reverse("password_reset"), {"email": "niemand@example.nl"})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with caplog.at_level(logging.DEBUG):
        wachtrij_afwerken()  # the reset jobs, then the mail they queued
        wachtrij_afwerken()
    (bericht,) = mail.outbox
    assert bericht.to == [groepslid.email]
    assert bericht.subject == "Nieuw wachtwoord voor het Gebiedsportaal"
    link = next(regel for regel in bericht.body.splitlines() if "/account/wachtwoord/nieuw/" in regel)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in caplog.text and "/wachtwoord/nieuw/" not in caplog.text
    for taak in DBTaskResult.objects.all():  # the jobs' arguments and results hold no link
        assert token not in str(taak.args_kwargs) and token not in str(taak.return_value)
    assert Bericht.objects.get().gemeente_id == groepslid.gemeente_id


def test_anonimiseren_haalt_het_adres_uit_de_wachtrij(client, groepslid):
    from accounts.privacy import persoon_anonimiseren

    email = groepslid.email
    client.post(reverse("password_reset"), {"email": email})
    wachtrij_afwerken()  # the job ran (its row stays, with the address); the mail waits
    assert Bericht.objects.filter(aan=email).exists()
    persoon_anonimiseren(user=groepslid)
    assert not Bericht.objects.filter(aan__iexact=email).exists()
    assert not [t for t in DBTaskResult.objects.all() if email in str(t.args_kwargs)]
