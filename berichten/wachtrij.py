"""Storing, sending and retrying messages; running the job queue and the schedule (bin/worker).

Delivery is exactly once in practice. The worker first marks a message `verzenden` in its own committed
transaction (a conditional UPDATE, so of two workers or two jobs for one message only one wins) and notes
when that attempt started, then talks to the mail server, then marks it `verzonden` (only if the message
is still in that same attempt). A refused or failing mail server puts it back to `wachtend` with the
error and a later attempt (backoff: 30 s, 1, 2, 5, 10, 20, 30 minutes, 1 hour, then every 2 hours), until
BERICHTEN_OPGEVEN_NA_UUR (48) have passed since it was queued (or queued again by the admin); then it is
`mislukt` and waits for the admin's resend.

A worker killed in the middle of an attempt (SIGKILL, a power cut, an out-of-memory kill) leaves the
message `verzenden`. Every running worker looks for such messages every 30 s (`onderbroken_herstellen`):
one whose attempt started longer ago than the lease, BERICHTEN_ONDERBROKEN_NA_SECONDEN (600), goes back
to `wachtend` and gets a new job. The lease is far longer than any attempt can last (the SMTP connection
waits at most EMAIL_TIMEOUT, at most 10 s, per step), so the attempt it ends is certainly over: it cannot
still deliver after the retry. The dead attempt's job (django-tasks-db leaves it RUNNING forever) is
marked failed, so the backlog the admin sees is honest. Every attempt sends the same Message-ID, so a
receiving server or mail program that deduplicates on it shows the message once.

What remains: a worker killed after the mail server answered 250 (accepted) and before our UPDATE to
`verzonden` committed (a window of a few milliseconds) leaves a message that did arrive as `verzenden`;
it is sent again after the lease, with the same Message-ID. No protocol between us and an SMTP server can
close that window (SMTP has no two-phase commit); it is why the Message-ID stays the same.
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
# How often a worker looks for interrupted attempts (at most; never less often than the lease).
HERSTEL_INTERVAL_SECONDEN = 30
# Jobs other than sending a message (the schedule's commands) may run long: a RUNNING one is taken as dead
# only after this long (or the lease, if that is longer).
TAAK_ONDERBROKEN_NA = datetime.timedelta(hours=6)


def onderbroken_na() -> datetime.timedelta:
    """The lease: a message still `verzenden` this long after its attempt started belongs to a worker
    that stopped (BERICHTEN_ONDERBROKEN_NA_SECONDEN, default 600; far above any attempt's duration)."""
    return datetime.timedelta(seconds=getattr(settings, "BERICHTEN_ONDERBROKEN_NA_SECONDEN", 600))


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
    # Only this attempt: one that was taken over after the lease is no longer ours to close.
    Bericht.objects.filter(pk=bericht.pk, status=Berichtstatus.VERZENDEN, poging_gestart_op=nu).update(
        status=Berichtstatus.VERZONDEN, verzonden_op=timezone.now(), laatste_fout=""
    )
    return "verzonden"


def _mislukt(bericht: Bericht, fout: Exception) -> str:
    from .taken import bericht_versturen

    nu = timezone.now()
    opgeven_na = datetime.timedelta(hours=getattr(settings, "BERICHTEN_OPGEVEN_NA_UUR", 48))
    melding = f"{type(fout).__name__}: {fout}"[:2000]
    deze_poging = Bericht.objects.filter(
        pk=bericht.pk, status=Berichtstatus.VERZENDEN, poging_gestart_op=bericht.poging_gestart_op
    )
    with transaction.atomic():
        if nu - bericht.in_wachtrij_sinds >= opgeven_na:
            deze_poging.update(status=Berichtstatus.MISLUKT, laatste_fout=melding)
            logger.error(
                "Bericht %s opgegeven na %s pogingen: %s", bericht.pk, bericht.pogingen, type(fout).__name__
            )
            return "mislukt"
        volgende = nu + wachttijd(bericht.pogingen)
        if not deze_poging.update(
            status=Berichtstatus.WACHTEND, volgende_poging=volgende, laatste_fout=melding
        ):
            return "overgenomen"  # the lease ran out and another worker has it now
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
                and nu - bericht.poging_gestart_op >= onderbroken_na()
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


def onderbroken_herstellen(nu: datetime.datetime | None = None) -> tuple[int, int]:
    """Take over what a killed worker left: messages `verzenden` past the lease go back to `wachtend` with
    a new job, and RUNNING jobs of dead attempts are marked failed. Returns (messages, jobs).

    Safe with several workers at once: each message is taken over by a conditional UPDATE on its attempt's
    start, in the same transaction as its new job, so exactly one worker queues it again.
    """
    from django_tasks_db.models import DBTaskResult

    from .taken import bericht_versturen

    nu = nu or timezone.now()
    grens = nu - onderbroken_na()
    berichten = 0
    for pk, gestart in Bericht.objects.filter(
        status=Berichtstatus.VERZENDEN, poging_gestart_op__lt=grens
    ).values_list("pk", "poging_gestart_op"):
        with transaction.atomic():
            if Bericht.objects.filter(
                pk=pk, status=Berichtstatus.VERZENDEN, poging_gestart_op=gestart
            ).update(
                status=Berichtstatus.WACHTEND,
                volgende_poging=nu,
                laatste_fout="Onderbroken: de werker stopte tijdens het versturen; opnieuw in de wachtrij.",
            ):
                bericht_versturen.enqueue(pk)
                berichten += 1
                logger.warning("Bericht %s: onderbroken poging overgenomen, opnieuw in de wachtrij", pk)
    taken = 0
    taak_grens = nu - max(onderbroken_na(), TAAK_ONDERBROKEN_NA)
    mail_taak = bericht_versturen.module_path
    lopend = DBTaskResult.objects.running()
    dood = lopend.filter(task_path=mail_taak, started_at__lt=grens) | lopend.exclude(
        task_path=mail_taak
    ).filter(started_at__lt=taak_grens)
    for taak in dood:
        taak.set_failed(
            OnderbrokenTaak("De werker stopte tijdens deze taak (geen antwoord binnen de lease).")
        )
        taken += 1
    return berichten, taken


class OnderbrokenTaak(Exception):
    """The error recorded on a job whose worker died while running it."""


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
    laatst_gepland = laatst_hersteld = -1e9
    herstel_interval = min(HERSTEL_INTERVAL_SECONDEN, onderbroken_na().total_seconds())
    while not stop():
        close_old_connections()  # as a request does: replace a connection that died or aged
        try:
            if time.monotonic() - laatst_hersteld >= herstel_interval:
                onderbroken_herstellen()
                laatst_hersteld = time.monotonic()
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
