"""Storing, sending and retrying messages; running the job queue and the schedule (bin/worker).

Delivery is at most once per message: the worker first marks a message `verzenden` in its own committed
transaction (a conditional UPDATE, so of two workers or two jobs for one message only one wins), then talks
to the mail server, then marks it `verzonden`. A worker killed in between leaves it `verzenden`: it is never
sent again by itself (it may have arrived), and the admin shows it as interrupted with a resend action.
A refused or failing mail server puts it back to `wachtend` with the error and a later attempt (backoff:
30 s, 1, 2, 5, 10, 20, 30 minutes, 1 hour, then every 2 hours), until BERICHTEN_OPGEVEN_NA_UUR (48) have
passed since it was queued (or queued again by the admin); then it is `mislukt` and waits for the admin.
"""

import datetime
import logging
import time
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, IntegrityError, OperationalError, close_old_connections, transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.crypto import get_random_string

from .models import Bericht, Berichtstatus, Planningsrun

logger = logging.getLogger("gebiedsportaal.berichten")

# Waiting time after the 1st, 2nd, ... failed attempt; the last one repeats.
WACHTTIJDEN = [
    datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=10),
    datetime.timedelta(minutes=20),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=2),
]
# A message still `verzenden` this long after its attempt started belongs to a worker that stopped.
ONDERBROKEN_NA = datetime.timedelta(minutes=10)


def wachttijd(pogingen: int) -> datetime.timedelta:
    """How long to wait after `pogingen` failed attempts (1 or more)."""
    return WACHTTIJDEN[min(max(pogingen, 1), len(WACHTTIJDEN)) - 1]


def _domein() -> str:
    adres = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return adres.rpartition("@")[2] or "gebiedsportaal.invalid"


# --- queueing ---------------------------------------------------------------------------------------


def berichten_opslaan(aan, onderwerp, tekst, *, html=None, headers=None, gemeente=None) -> list[Bericht]:
    from .taken import bericht_versturen

    adressen = [aan] if isinstance(aan, str) else list(aan or [])
    uniek = {}
    for adres in adressen:
        if adres and adres.strip():
            uniek.setdefault(adres.strip().casefold(), adres.strip())
    onderwerp = " ".join(str(onderwerp).split())  # a header: never a line break
    gemeente_id = getattr(gemeente, "pk", gemeente)
    rijen, taken = [], []
    with transaction.atomic():
        for adres in uniek.values():
            bericht = Bericht.objects.create(
                aan=adres,
                onderwerp=onderwerp[:300],
                tekst=tekst,
                html=html or "",
                headers=headers or {},
                message_id=make_msgid(idstring="gp", domain=_domein()),
                gemeente_id=gemeente_id,
            )
            taken.append(bericht_versturen.enqueue(bericht.pk).id)
            rijen.append(bericht)
    _afwerken_na_commit(taken)
    return rijen


def taak_opslaan(taak, *args, **kwargs):
    resultaat = taak.enqueue(*args, **kwargs)
    _afwerken_na_commit([resultaat.id])
    return resultaat


def _afwerken_na_commit(taak_ids) -> None:
    if taak_ids and getattr(settings, "BERICHTEN_NA_COMMIT_AFWERKEN", False):
        # Tests only (config/settings/test.py): run these jobs as soon as the change commits, so tests can
        # read django.core.mail.outbox. A rolled-back change sends nothing; jobs queued without a commit
        # the test sees wait for the worker (wachtrij_afwerken), as in production.
        ids = list(taak_ids)
        transaction.on_commit(lambda: wachtrij_afwerken(taak_ids=ids))


# --- sending ----------------------------------------------------------------------------------------


def versturen(bericht_id: int) -> str:
    """Send message `bericht_id` if it is due and waiting; see the module's docstring."""
    nu = timezone.now()
    with transaction.atomic():
        geclaimd = Bericht.objects.filter(
            pk=bericht_id, status=Berichtstatus.WACHTEND, volgende_poging__lte=nu
        ).update(status=Berichtstatus.VERZENDEN, poging_gestart_op=nu, pogingen=F("pogingen") + 1)
    if not geclaimd:
        return "overgeslagen"  # sent, being sent, given up, or not yet due: another job has it
    bericht = Bericht.objects.get(pk=bericht_id)
    try:
        boodschap = EmailMultiAlternatives(
            subject=bericht.onderwerp,
            body=bericht.tekst,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[bericht.aan],
            headers={**bericht.headers, "Message-ID": bericht.message_id},
        )
        if bericht.html:
            boodschap.attach_alternative(bericht.html, "text/html")
        boodschap.send()  # the SMTP backend waits at most EMAIL_TIMEOUT seconds
    except Exception as fout:  # noqa: BLE001 — every failure of the mail server is retried
        return _mislukt(bericht, fout)
    Bericht.objects.filter(pk=bericht.pk, status=Berichtstatus.VERZENDEN).update(
        status=Berichtstatus.VERZONDEN, verzonden_op=timezone.now(), laatste_fout=""
    )
    return "verzonden"


def _mislukt(bericht: Bericht, fout: Exception) -> str:
    from .taken import bericht_versturen

    nu = timezone.now()
    opgeven_na = datetime.timedelta(hours=getattr(settings, "BERICHTEN_OPGEVEN_NA_UUR", 48))
    melding = f"{type(fout).__name__}: {fout}"[:2000]
    with transaction.atomic():
        if nu - bericht.in_wachtrij_sinds >= opgeven_na:
            Bericht.objects.filter(pk=bericht.pk).update(status=Berichtstatus.MISLUKT, laatste_fout=melding)
            logger.error(
                "Bericht %s opgegeven na %s pogingen: %s", bericht.pk, bericht.pogingen, type(fout).__name__
            )
            return "mislukt"
        volgende = nu + wachttijd(bericht.pogingen)
        Bericht.objects.filter(pk=bericht.pk).update(
            status=Berichtstatus.WACHTEND, volgende_poging=volgende, laatste_fout=melding
        )
        bericht_versturen.using(run_after=volgende).enqueue(bericht.pk)
    # The log names the message, never its address or text (the admin shows the whole error).
    logger.warning(
        "Bericht %s niet verzonden (poging %s), opnieuw om %s: %s",
        bericht.pk,
        bericht.pogingen,
        volgende.isoformat(timespec="seconds"),
        type(fout).__name__,
    )
    return "opnieuw"


def opnieuw_versturen(berichten) -> int:
    """Queue given-up and interrupted messages again (the admin's action); returns how many."""
    from .taken import bericht_versturen

    nu = timezone.now()
    aantal, taken = 0, []
    with transaction.atomic():
        for bericht in berichten:
            onderbroken = (
                bericht.status == Berichtstatus.VERZENDEN
                and bericht.poging_gestart_op is not None
                and nu - bericht.poging_gestart_op >= ONDERBROKEN_NA
            )
            if bericht.status != Berichtstatus.MISLUKT and not onderbroken:
                continue
            if Bericht.objects.filter(pk=bericht.pk, status=bericht.status).update(
                status=Berichtstatus.WACHTEND, volgende_poging=nu, in_wachtrij_sinds=nu
            ):
                taken.append(bericht_versturen.enqueue(bericht.pk).id)
                aantal += 1
    _afwerken_na_commit(taken)
    return aantal


def stand(gemeente_id=None, *, alles: bool = False) -> dict:
    """The backlog: waiting messages (of one gemeente, or all) and ready jobs, with the oldest's age."""
    from django_tasks_db.models import DBTaskResult

    nu = timezone.now()
    berichten = Bericht.objects.filter(status=Berichtstatus.WACHTEND)
    if not alles:
        berichten = berichten.filter(gemeente_id=gemeente_id)
    oudste_bericht = berichten.aggregate(m=Min("aangemaakt_op"))["m"]
    taken = DBTaskResult.objects.ready()
    oudste_taak = taken.aggregate(m=Min("enqueued_at"))["m"]
    return {
        "berichten_wachtend": berichten.count(),
        "oudste_bericht": nu - oudste_bericht if oudste_bericht else None,
        "taken_klaar": taken.count(),
        "oudste_taak": nu - oudste_taak if oudste_taak else None,
    }


# --- the worker ----------------------------------------------------------------------------------------


def wachtrij_afwerken(*, max_taken: int | None = None, werker_id: str | None = None, taak_ids=None) -> int:
    """Run the jobs that are due now (or only `taak_ids`), one at a time, until none is left; returns how many.

    Uses django-tasks-db's own claim (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive
    transaction on SQLite) and its way of running a job and recording the result, so several workers on
    one PostgreSQL database never take the same job.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

    werker_id = werker_id or get_random_string(32)
    werker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=werker_id,
        excluded_queue_names=[],
    )
    klaar = DBTaskResult.objects.ready().filter(backend_name="default")
    if taak_ids is not None:
        klaar = klaar.filter(id__in=taak_ids)
    gedaan = 0
    while max_taken is None or gedaan < max_taken:
        try:
            with exclusive_transaction(DBTaskResult.objects.db):
                taak = klaar.get_locked()
                if taak is not None:
                    taak.claim(werker_id)
        except OperationalError as fout:
            if not is_locked_database_exception(fout):
                raise
            break  # SQLite busy: try again on the next round
        if taak is None:
            break
        werker.run_task(taak)
        gedaan += 1
    return gedaan


# --- the schedule ---------------------------------------------------------------------------------------

DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def laatste_moment(wanneer: str, nu: datetime.datetime) -> datetime.datetime:
    """The latest moment at or before `nu` that `wanneer` names, in local time.

    `wanneer` is "elk uur :MM", "dagelijks HH:MM", "<weekdag> HH:MM" (e.g. "maandag 07:00") or
    "maandelijks D HH:MM".
    """
    nu = timezone.localtime(nu)
    *soort, tijd = wanneer.split()
    if soort == ["elk", "uur"]:
        moment = nu.replace(minute=int(tijd.lstrip(":")), second=0, microsecond=0)
        if moment > nu:
            moment -= datetime.timedelta(hours=1)
        return moment
    uur, minuut = (int(d) for d in tijd.split(":"))
    basis = nu.replace(hour=uur, minute=minuut, second=0, microsecond=0)
    if soort == ["dagelijks"]:
        moment = basis if basis <= nu else basis - datetime.timedelta(days=1)
    elif len(soort) == 1 and soort[0] in DAGEN:
        moment = basis - datetime.timedelta(days=(nu.weekday() - DAGEN.index(soort[0])) % 7)
        if moment > nu:
            moment -= datetime.timedelta(days=7)
    elif len(soort) == 2 and soort[0] == "maandelijks":
        moment = basis.replace(day=int(soort[1]))
        if moment > nu:
            vorige = moment.replace(day=1) - datetime.timedelta(days=1)
            moment = moment.replace(year=vorige.year, month=vorige.month)
    else:
        raise ValueError(f"Onbekend moment in WACHTRIJ_PLANNING: {wanneer!r}")
    return timezone.make_aware(moment.replace(tzinfo=None))


def planning_bijwerken(nu: datetime.datetime | None = None) -> list[str]:
    """Queue every scheduled command whose latest moment (within the last day) has not been queued yet.

    The unique Planningsrun row and the job are written in one transaction: of several workers, exactly one
    queues each moment. A worker that was down longer than a day skips older moments (each command catches
    up by itself on its next run: they look at the date, not at when they last ran).
    """
    from .taken import beheeropdracht_uitvoeren

    nu = nu or timezone.now()
    gestart = []
    for item in getattr(settings, "WACHTRIJ_PLANNING", []):
        moment = laatste_moment(item["wanneer"], nu)
        if nu - moment > datetime.timedelta(days=1):
            continue
        try:
            with transaction.atomic():
                Planningsrun.objects.create(naam=item["naam"], moment=moment)
                beheeropdracht_uitvoeren.enqueue(list(item["opdracht"]))
        except IntegrityError:
            continue
        gestart.append(item["naam"])
    return gestart


def werken(*, interval: float = 1.0, planning: bool = True, stop=lambda: False) -> None:
    """The worker loop of bin/worker: the schedule every 30 s, then every due job, then a short sleep.

    A database that is away (restart, network) is waited for: the loop logs it and tries again, so the
    worker survives what a request would answer with an error page.
    """
    werker_id = get_random_string(32)
    laatst_gepland = 0.0
    while not stop():
        close_old_connections()  # as a request does: replace a connection that died or aged
        try:
            if planning and time.monotonic() - laatst_gepland >= 30:
                for naam in planning_bijwerken():
                    logger.info("Geplande opdracht in de wachtrij: %s", naam)
                laatst_gepland = time.monotonic()
            gedaan = wachtrij_afwerken(werker_id=werker_id, max_taken=50)
        except DatabaseError:
            logger.exception("Werker: de database is niet bereikbaar; over %s s opnieuw", 5)
            close_old_connections()
            time.sleep(5)
            continue
        if not gedaan and not stop():
            time.sleep(interval)
