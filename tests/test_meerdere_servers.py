"""More than one server (issue 16, item 8): two gunicorn instances and one worker on one PostgreSQL, one
Redis and an S3 stand-in (moto's server mode), with the production settings, over real HTTP.

A member logs in on A, uploads an attachment on B and downloads the same bytes on A; a medewerker logs in
with a password and a TOTP code on B and decides on B; the worker delivers the mails over SMTP to a
stand-in. Then the mail server hangs on the next delivery, the worker is killed (SIGKILL) in the middle of
that job, a new worker with a short lease starts, and every mail arrives exactly once.

PostgreSQL only (SQLite cannot be shared by several servers): skipped on SQLite, but a failure when
MEERDERE_SERVERS_VERPLICHT=1 (CI's PostgreSQL pass), so the test can never silently not run there.
"""

import asyncio
import collections
import contextlib
import email
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.postgres import beheer, server_url

BASIS = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
POORTEN = range(8200, 8300)  # this test's ports (moto, SMTP, two gunicorns)
TOTP_SLEUTEL = "3132333435363738393031323334353637383930"
WACHTWOORD = "een-lang-test-wachtwoord"  # tests.factories.WACHTWOORD

VERPLICHT = os.environ.get("MEERDERE_SERVERS_VERPLICHT") == "1"


def _niet_hier(reden: str):
    if VERPLICHT:
        pytest.fail(f"MEERDERE_SERVERS_VERPLICHT=1, maar: {reden}")
    pytest.skip(reden)


# The data the servers work on, made with the project's factories and services in the fresh database.
GEGEVENS = f"""
import json
from decimal import Decimal
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from leefbaarheidsbudget import services
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import GemeenteFactory, KernFactory, UserFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory

jaar = timezone.localdate().year
gemeente = GemeenteFactory()
kern = KernFactory(gemeente=gemeente)
RegelingFactory(gemeente=gemeente, jaar=jaar, sluitingsdatum=None, direct_vaststellen_tot=Decimal("500.00"))
BudgetFactory(gemeente=gemeente, jaar=jaar, totaal=Decimal("50000.00"))
groep = GroepFactory(gemeente=gemeente, kernen=[kern])
lid = UserFactory(groepslid=True, email="lid@example.nl")
LidmaatschapFactory(groep=groep, gebruiker=lid)
medewerker = UserFactory(medewerker=True, gemeente=gemeente, email="medewerker@example.nl")
TOTPDevice.objects.create(user=medewerker, name="app", key="{TOTP_SLEUTEL}", confirmed=True)
concept = AanvraagFactory(groep=groep, kern=kern)

def in_behandeling():
    aanvraag = services.aanvraag_indienen(aanvraag=AanvraagFactory(groep=groep, kern=kern), door=lid)
    return services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker)

toekennen, afwijzen = in_behandeling(), in_behandeling()
print("GEGEVENS " + json.dumps(dict(concept=concept.pk, toekennen=toekennen.pk, afwijzen=afwijzen.pk,
      bedrag=str(toekennen.gevraagd_bedrag))))
"""


def _vrije_poort(bezet: set[int]) -> int:
    for poort in POORTEN:
        if poort in bezet:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", poort))
            except OSError:
                continue
        bezet.add(poort)
        return poort
    raise RuntimeError("geen vrije poort in 8200-8299")


def _wachten(voorwaarde, *, tijd: float, wat: str, stap: float = 0.1):
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(stap)
    raise AssertionError(f"niet binnen {tijd} s: {wat}")


class Postbus:
    """aiosmtpd handler: keeps what it accepted; hangs (no reply) on one delivery when asked to."""

    def __init__(self):
        self.ontvangen: list[tuple[str, str]] = []  # (Message-ID, recipient)
        self.slot = threading.Lock()
        self.volgende_hangt = False
        self.hangt = threading.Event()
        self.loslaten = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        with self.slot:
            hangen, self.volgende_hangt = self.volgende_hangt, False
        if hangen:
            self.hangt.set()
            while not self.loslaten.is_set():
                await asyncio.sleep(0.05)
            return "451 Niet afgeleverd"
        bericht = email.message_from_bytes(envelope.content)
        with self.slot:
            for ontvanger in envelope.rcpt_tos:
                self.ontvangen.append(("".join(str(bericht["Message-ID"]).split()), ontvanger))
        return "250 OK"


class Browser:
    """requests with a cookie jar, as a browser behind the portal's HTTPS proxy (X-Forwarded-Proto)."""

    def __init__(self):
        import requests

        self.sessie = requests.Session()

    def _kop(self, url: str) -> dict:
        basis = urlsplit(url)
        # The proxy terminates TLS: the app sees https, sets Secure cookies and checks the Origin.
        return {"X-Forwarded-Proto": "https", "Origin": f"https://{basis.netloc}"}

    def _cookies_ook_over_http(self):
        for cookie in self.sessie.cookies:
            cookie.secure = False  # the test talks plain HTTP to gunicorn, as the proxy does

    def get(self, url, **kwargs):
        antwoord = self.sessie.get(url, headers=self._kop(url), allow_redirects=False, timeout=20, **kwargs)
        self._cookies_ook_over_http()
        return antwoord

    def post(self, url, data, *, formulier_van=None, **kwargs):
        pagina = self.get(formulier_van or url)
        assert pagina.status_code == 200, (formulier_van or url, pagina.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina.text).group(1)
        antwoord = self.sessie.post(
            url,
            data={**data, "csrfmiddlewaretoken": token},
            headers={**self._kop(url), "Referer": "https://" + urlsplit(url).netloc + "/"},
            allow_redirects=False,
            timeout=20,
            **kwargs,
        )
        self._cookies_ook_over_http()
        return antwoord

    def inloggen(self, server: str, email_adres: str, *, totp: str | None = None):
        antwoord = self.post(f"{server}/account/inloggen/", {"username": email_adres, "password": WACHTWOORD})
        assert antwoord.status_code == 302, antwoord.text[:2000]
        if totp is not None:
            assert "/account/inloggen/code/" in antwoord.headers["Location"]
            code = self.post(f"{server}/account/inloggen/code/", {"code": totp()})
            assert code.status_code == 302, code.text[:2000]


def _sql(database_url: str, query: str, *args):
    import psycopg2

    with psycopg2.connect(database_url) as verbinding, verbinding.cursor() as cursor:
        cursor.execute(query, args)
        rijen = cursor.fetchall()
    verbinding.close()
    return rijen


def _verse_database(naam: str, env: dict) -> None:
    """A fresh database, migrated as production migrates it (the test databases are made from the models)."""
    beheer(f'CREATE DATABASE "{naam}"')
    subprocess.run(
        [str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], cwd=BASIS, env=env, check=True, timeout=300
    )


def test_twee_servers_een_werker_en_precies_eenmaal_mail(tmp_path):
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _niet_hier("meerdere servers delen alleen een PostgreSQL-database (deze run gebruikt SQLite)")
    try:
        import aiosmtpd.controller  # noqa: F401
        import boto3
        import psycopg2  # noqa: F401
        import requests  # noqa: F401
        from django_otp.oath import totp
        from moto.server import ThreadedMotoServer
    except ImportError as fout:
        _niet_hier(f"ontwikkelpakket ontbreekt: {fout}")
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/2", socket_timeout=1).ping()
    except redis.RedisError:
        _niet_hier("Redis op 127.0.0.1:6379 is niet bereikbaar")
    from aiosmtpd.controller import Controller

    naam = f"gp_meerdere_servers_{os.getpid()}_{secrets.token_hex(3)}"
    database_url = f"{server_url()}/{naam}"

    bezet: set[int] = set()
    moto_poort, smtp_poort, poort_a, poort_b = (_vrije_poort(bezet) for _ in range(4))
    server_a, server_b = f"http://127.0.0.1:{poort_a}", f"http://127.0.0.1:{poort_b}"
    bucket = "gebiedsportaal-test"
    prive_map = tmp_path / "private-media"  # must stay empty: the files go to the bucket
    prive_map.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "AWS_", "DATABASE_", "PYTEST", "BERICHTEN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL="redis://127.0.0.1:6379/2",
        CACHE_KEY_PREFIX=f"meerdere-servers-{naam}",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_poort}",
        DEFAULT_FROM_EMAIL="Gebiedsportaal <noreply@gebiedsportaal.example>",
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{moto_poort}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        PRIVATE_MEDIA_ROOT=str(prive_map),
        STATIC_ROOT=str(tmp_path / "static"),
        PORTAAL_URL=server_a,
        SECURE_SSL_REDIRECT="False",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    processen: list[tuple[str, subprocess.Popen]] = []

    def starten(label: str, opdracht: list[str], **extra) -> subprocess.Popen:
        log = open(tmp_path / f"{label}.log", "wb")  # noqa: SIM115 — closed with the process
        proces = subprocess.Popen(
            opdracht,
            cwd=BASIS,
            env={**env, **extra},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processen.append((label, proces))
        return proces

    def logs() -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(tmp_path.glob("*.log"))
        )

    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=moto_poort, verbose=False)
    postbus = Postbus()
    smtp = Controller(postbus, hostname="127.0.0.1", port=smtp_poort)
    database_gemaakt = False
    try:
        moto.start()
        boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{moto_poort}",
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).create_bucket(Bucket=bucket)
        smtp.start()

        # Static files as production serves them (hashed, collected) and the database, side by side.
        statisch = starten("collectstatic", [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"])
        _verse_database(naam, env)
        database_gemaakt = True
        uit = subprocess.run(
            [str(PYTHON), "manage.py", "shell", "-c", GEGEVENS],
            cwd=BASIS,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert uit.returncode == 0, uit.stderr[-3000:]
        gegevens = json.loads(uit.stdout.split("GEGEVENS ", 1)[1])
        assert statisch.wait(timeout=60) == 0, logs()

        gunicorn = [
            str(PYTHON.parent / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--timeout",
            "30",
        ]
        starten("gunicorn-a", [*gunicorn, "--bind", f"127.0.0.1:{poort_a}"])
        starten("gunicorn-b", [*gunicorn, "--bind", f"127.0.0.1:{poort_b}"])
        werker = [str(PYTHON), "manage.py", "werker", "--zonder-planning", "--interval", "0.2"]
        werker_1 = starten("werker-1", werker)

        import requests

        def op(server):
            def klaar():
                try:
                    return requests.get(f"{server}/gezond/", timeout=2).status_code == 200
                except requests.RequestException:
                    return False

            return klaar

        for server in (server_a, server_b):
            _wachten(op(server), tijd=30, wat=f"gunicorn op {server}\n{logs()}")

        # --- the member: log in on A, upload on B, download on A ---------------------------------------
        from tests.bewonersgroepen.factories import pdf_bytes

        lid = Browser()
        lid.inloggen(server_a, "lid@example.nl")
        inhoud = pdf_bytes()
        concept = gegevens["concept"]
        antwoord = lid.post(
            f"{server_b}/aanvragen/{concept}/bijlagen/",
            {},
            formulier_van=f"{server_b}/aanvragen/{concept}/bewerken/",
            files={"bestand": ("offerte.pdf", inhoud, "application/pdf")},
        )
        assert antwoord.status_code == 302, antwoord.text[:2000]
        [(bijlage_pk, sleutel)] = _sql(
            database_url,
            "select id, bestand from leefbaarheidsbudget_bijlage where aanvraag_id = %s",
            concept,
        )
        download = lid.get(f"{server_a}/aanvragen/{concept}/bijlagen/{bijlage_pk}/")
        assert download.status_code == 200, download.text[:2000]
        assert download.content == inhoud
        assert download.headers["Content-Type"] == "application/pdf"
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{moto_poort}",
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        in_bucket = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert sleutel in in_bucket
        assert not any(prive_map.rglob("*")), "bestanden horen in de bucket, niet op de schijf van een server"
        # Another visitor (not logged in) gets no file from either server.
        assert Browser().get(f"{server_b}/aanvragen/{concept}/bijlagen/{bijlage_pk}/").status_code == 302

        # --- the medewerker: password and TOTP code on B, decides on B; the letter is in the bucket ------
        medewerker = Browser()
        medewerker.inloggen(
            server_b, "medewerker@example.nl", totp=lambda: f"{totp(bytes.fromhex(TOTP_SLEUTEL)):06d}"
        )
        besluit = medewerker.post(
            f"{server_b}/aanvragen/{gegevens['toekennen']}/besluit/",
            {
                "besluit": "toekennen",
                "bedrag": gegevens["bedrag"].replace(".", ","),
                "motivering": "Goed plan.",
            },
        )
        assert besluit.status_code == 302, besluit.text[:3000]
        brief = lid.get(f"{server_a}/aanvragen/{gegevens['toekennen']}/beschikking.pdf")
        assert brief.status_code == 200 and brief.content.startswith(b"%PDF-")

        def alles_verzonden():
            rijen = _sql(database_url, "select message_id, status from berichten_bericht")
            return rijen and all(status == "verzonden" for _, status in rijen) and rijen

        rijen = _wachten(alles_verzonden, tijd=30, wat=f"de werker verstuurt alle berichten\n{logs()}")
        with postbus.slot:
            assert "lid@example.nl" in {aan for _, aan in postbus.ontvangen}, postbus.ontvangen
            assert sorted(m for m, _ in postbus.ontvangen) == sorted(m for m, _ in rijen)

        # --- the worker killed while the mail server hangs; a new worker delivers each mail once -----------
        postbus.volgende_hangt = True
        afwijzing = medewerker.post(
            f"{server_a}/aanvragen/{gegevens['afwijzen']}/besluit/",
            {"besluit": "afwijzen", "motivering": "Past niet in de regeling."},
        )
        assert afwijzing.status_code == 302, afwijzing.text[:3000]
        assert postbus.hangt.wait(timeout=15), f"de werker begon niet aan het bericht\n{logs()}"
        os.killpg(werker_1.pid, signal.SIGKILL)  # in the middle of the job: SMTP DATA sent, no reply yet
        werker_1.wait(timeout=10)
        postbus.loslaten.set()
        [(hangend_id, pogingen)] = _sql(
            database_url, "select message_id, pogingen from berichten_bericht where status = 'verzenden'"
        )
        assert pogingen == 1
        assert (
            _sql(
                database_url,
                "select count(*) from django_tasks_database_dbtaskresult where status = 'RUNNING'",
            )[0][0]
            == 1
        ), "de taak van de gedode werker staat nog op RUNNING"

        starten("werker-2", werker, BERICHTEN_ONDERBROKEN_NA_SECONDEN="2")
        rijen = _wachten(alles_verzonden, tijd=30, wat=f"de nieuwe werker neemt het bericht over\n{logs()}")
        time.sleep(1)  # a late duplicate would show up now
        with postbus.slot:
            ontvangen = list(postbus.ontvangen)
        aantallen = collections.Counter(m for m, _ in ontvangen)
        assert hangend_id in aantallen, "het onderbroken bericht kwam niet aan"
        assert set(aantallen) == {m for m, _ in rijen}, "elk bericht komt aan"
        assert set(aantallen.values()) == {1}, f"een bericht kwam vaker dan eens aan: {aantallen}"
        [(pogingen,)] = _sql(
            database_url, "select pogingen from berichten_bericht where message_id = %s", hangend_id
        )
        assert pogingen == 2
        assert not _sql(
            database_url, "select id from django_tasks_database_dbtaskresult where status = 'RUNNING'"
        ), "de dode taak is als mislukt gemarkeerd"
        assert not any(prive_map.rglob("*"))
    finally:
        for _, proces in reversed(processen):
            if proces.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proces.pid, signal.SIGKILL)
        for _, proces in processen:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proces.wait(timeout=10)
        postbus.loslaten.set()
        with contextlib.suppress(Exception):  # cleaning up; the assertion above says what went wrong
            smtp.stop()
        moto.stop()
        if database_gemaakt:
            beheer(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        with contextlib.suppress(redis.RedisError):
            verbinding = redis.Redis.from_url("redis://127.0.0.1:6379/2", socket_timeout=1)
            for sleutel_redis in verbinding.scan_iter(f"meerdere-servers-{naam}:*"):
                verbinding.delete(sleutel_redis)
