"""Fault drill (issue 16): what a user sees, and what is lost, when mail, Redis, PostgreSQL or the disk fails.

    .venv/bin/python bench/storingen.py                 # every scenario; the table into README.md
    .venv/bin/python bench/storingen.py --alleen smtp-weigert,redis-bevroren
    .venv/bin/python bench/storingen.py --niet-bijwerken   # print the table only

A script, not a test (not in CI): it needs root (a tmpfs for "disk full", the PostgreSQL binaries run as
user postgres), redis-server, and takes about five minutes. It touches nothing shared: it builds its own
PostgreSQL cluster (port 5495, data in /tmp), its own Redis (port 6395, no persistence), its own SMTP
stand-in (port 8525), mounts a small tmpfs as the private file storage, and runs gunicorn (port 8501,
production settings, behind a pretend TLS proxy: X-Forwarded-Proto) with the worker (`manage.py werker`)
on it, after `migrate`, `collectstatic` and `load_demo`. Everything is stopped and removed in the end.

Each scenario injects its fault, then runs what users do over HTTP, as a browser would (cookies, CSRF
token, redirects not followed): a member logs in, starts an application, adds a PDF, saves and submits
it; a staff member logs in (password and TOTP code of the demo), takes it up and grants it; a council
member opens the dashboard and a visitor the public figures (both from the Redis cache). It records
every status code and every answer slower than 1 s. Then it removes the fault and waits (at most
`--herstel` seconds) until the site answers normally again and the worker has delivered every queued
message (berichten.Bericht) to the SMTP stand-in, and checks:

- mail: every message the site queued in the scenario arrived exactly once (by its Message-ID);
- data: no file in the private storage that no row points to (a half-written upload), no row whose file
  is missing or shorter than what was uploaded, every drill application in a state its history explains
  (the last status change is its status, a submitted one has a submission date, a granted one a decision);
  a step that answered an error but was saved anyway is named too (the user will try again).

The result is a Markdown table (scenario | statuscodes | trage antwoorden | verloren gegevens |
verloren/dubbele mails | herstel), printed and written to README.md between the markers
<!-- storingen:begin --> and <!-- storingen:end -->. The script reports what it sees: a fault the app does
not survive yet shows up as such.
"""

import argparse
import contextlib
import datetime
import email.parser
import html.parser
import http.client
import io
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
from collections import Counter
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")

WEB_POORT = 8501
SMTP_POORT = 8525
REDIS_POORT = 6395
PG_POORT = 5495
PG_DATA = Path("/tmp/gp_storingen_pg")
PG_DB = "gp_storingen"
VOLUME = Path("/tmp/gp_storingen_vol")
VOLUME_GROOTTE = "16m"
VULBESTAND = ".storingen-vulling"  # fills the disk in the "disk full" scenario; not the app's file
TRAAG_S = 1.0
EERSTE = object()
VERZOEK_TIMEOUT_S = 40  # longer than gunicorn's 30 s worker timeout: a killed worker shows as such
STORING_MIN_S = 12  # a fault lasts at least this long, so the worker meets it too

README = BASIS / "README.md"
BEGIN, EINDE = "<!-- storingen:begin -->", "<!-- storingen:end -->"

LID = "lid@demo.gebiedsportaal.nl"
MEDEWERKER = "medewerker@demo.gebiedsportaal.nl"
RAADSLID = "raadslid@demo.gebiedsportaal.nl"


def pg_bin() -> Path:
    versies = sorted(
        Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0
    )
    return versies[-1] / "bin"


def log(tekst: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {tekst}", flush=True)


# --- the SMTP stand-in -----------------------------------------------------------------------------


class SmtpStandIn:
    """A small SMTP server in threads. Modes: `normaal` (accepts every mail and keeps its Message-ID),
    `weigert` (the port is closed: connection refused) and `hangt` (accepts the connection, never answers)."""

    def __init__(self, poort: int):
        self.poort = poort
        self.ontvangen: list[str] = []  # Message-IDs, in order of arrival
        self.modus = "normaal"
        self.server = None
        self.hangend: list[socket.socket] = []
        self.slot = threading.Lock()
        self.los = threading.Event()  # set: hanging connections may go

    def _handler(self):
        standin = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 60

            def handle(self):
                if standin.modus == "hangt":
                    with standin.slot:
                        standin.hangend.append(self.request)
                    standin.los.wait(120)
                    return
                self.schrijf("220 storingsoefening ESMTP")
                while True:
                    regel = self.rfile.readline()
                    if not regel:
                        return
                    opdracht = regel.decode("ascii", "replace").strip().upper()
                    if opdracht.startswith(("EHLO", "HELO")):
                        self.schrijf(
                            "250-storingsoefening\r\n250 SIZE 52428800" if opdracht[0] == "E" else "250 ok"
                        )
                    elif opdracht.startswith("DATA"):
                        self.schrijf("354 ga uw gang")
                        data = []
                        while True:
                            r = self.rfile.readline()
                            if not r or r in (b".\r\n", b".\n"):
                                break
                            data.append(r[1:] if r.startswith(b"..") else r)
                        kop = email.parser.BytesHeaderParser().parsebytes(b"".join(data))
                        with standin.slot:
                            standin.ontvangen.append(str(kop.get("Message-ID", "")).strip())
                        self.schrijf("250 ontvangen")
                    elif opdracht.startswith("QUIT"):
                        self.schrijf("221 tot ziens")
                        return
                    else:  # MAIL, RCPT, RSET, NOOP
                        self.schrijf("250 ok")

            def schrijf(self, tekst):
                self.wfile.write(tekst.encode() + b"\r\n")
                self.wfile.flush()

        return Handler

    def _starten(self):
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        socketserver.ThreadingTCPServer.daemon_threads = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.poort), self._handler())
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()

    def _stoppen(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def zet(self, modus: str) -> None:
        if modus == self.modus and (self.server is not None) == (modus != "weigert"):
            return
        if self.modus == "hangt":
            self.los.set()
            with self.slot:
                for s in self.hangend:
                    with contextlib.suppress(OSError):
                        s.close()
                self.hangend.clear()
        self.modus = modus
        if modus == "hangt":
            self.los.clear()
        if modus == "weigert":
            self._stoppen()
        elif self.server is None:
            self._starten()

    def aantallen(self) -> Counter:
        with self.slot:
            return Counter(self.ontvangen)


# --- a browser, over plain http behind a pretend TLS proxy ----------------------------------------------


class FormParser(html.parser.HTMLParser):
    """Every <form> with its fields' default values, as a browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "velden": {}, "knoppen": [], "opties": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        naam = a.get("name")
        if tag == "input" and naam:
            soort = (a.get("type") or "text").lower()
            if soort in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["velden"][naam] = a.get("value", "on")
            elif soort == "submit":
                self._form["knoppen"].append(naam)
            elif soort != "file":
                self._form["velden"][naam] = a.get("value") or ""
        elif tag == "button" and naam:
            self._form["knoppen"].append(naam)
        elif tag == "select" and naam:
            self._select = naam
            self._form["velden"].setdefault(naam, None)
        elif tag == "option" and self._select:
            waarde = a.get("value", "")
            self._form["opties"].setdefault(self._select, []).append(waarde)
            if self._form["velden"].get(self._select) is None or "selected" in a:
                self._form["velden"][self._select] = waarde
        elif tag == "textarea" and naam:
            self._textarea = naam
            self._form["velden"][naam] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["velden"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class Antwoord:
    def __init__(self, status: int, kop: dict, tekst: str, seconden: float):
        self.status, self.kop, self.tekst, self.seconden = status, kop, tekst, seconden

    @property
    def locatie(self) -> str:
        return urllib.parse.urlsplit(self.kop.get("location", "")).path + (
            "?" + urllib.parse.urlsplit(self.kop.get("location", "")).query
            if urllib.parse.urlsplit(self.kop.get("location", "")).query
            else ""
        )

    def forms(self):
        p = FormParser()
        p.feed(self.tekst)
        return p.forms


class Browser:
    """Cookies by hand (production cookies are Secure, and this is plain http behind a pretend proxy)."""

    def __init__(self, meting: "Meting", wie: str):
        self.cookies: dict[str, str] = {}
        self.meting = meting
        self.wie = wie

    def verzoek(self, stap: str, methode: str, pad: str, body: bytes | None = None, soort: str | None = None):
        kop = {
            "Host": f"127.0.0.1:{WEB_POORT}",
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{WEB_POORT}{pad}",
            "User-Agent": "storingsoefening",
        }
        if self.cookies:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if soort:
            kop["Content-Type"] = soort
        start = time.monotonic()
        verbinding = http.client.HTTPConnection("127.0.0.1", WEB_POORT, timeout=VERZOEK_TIMEOUT_S)
        try:
            verbinding.request(methode, pad, body=body, headers=kop)
            r = verbinding.getresponse()
            tekst = r.read().decode("utf-8", "replace")
            status = r.status
            koppen = {k.lower(): v for k, v in r.getheaders()}
            for naam, waarde in r.getheaders():
                if naam.lower() == "set-cookie":
                    paar = waarde.split(";", 1)[0]
                    k, _, v = paar.partition("=")
                    if "expires=Thu, 01 Jan 1970" in waarde or v in ('""', ""):
                        self.cookies.pop(k.strip(), None)
                    else:
                        self.cookies[k.strip()] = v.strip()
        except (OSError, http.client.HTTPException) as fout:
            status, koppen, tekst = 0, {}, type(fout).__name__
        finally:
            verbinding.close()
        antwoord = Antwoord(status, koppen, tekst, time.monotonic() - start)
        if os.environ.get("STORINGEN_DEBUG"):
            log(
                f"   {self.wie} {methode} {pad} -> {status} {koppen.get('location', '')} {antwoord.seconden:.2f}s"
            )
        self.meting.noteer(f"{self.wie}: {stap}", antwoord)
        return antwoord

    def get(self, stap, pad):
        return self.verzoek(stap, "GET", pad)

    def post(self, stap, pad, velden: dict, bestanden: dict | None = None):
        if bestanden:
            grens = "----storingsoefening" + os.urandom(8).hex()
            delen = []
            for k, v in velden.items():
                delen.append(
                    f'--{grens}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                )
            for k, (naam, inhoud, mime) in bestanden.items():
                delen.append(
                    f'--{grens}\r\nContent-Disposition: form-data; name="{k}"; filename="{naam}"\r\n'
                    f"Content-Type: {mime}\r\n\r\n".encode()
                    + inhoud
                    + b"\r\n"
                )
            delen.append(f"--{grens}--\r\n".encode())
            return self.verzoek(stap, "POST", pad, b"".join(delen), f"multipart/form-data; boundary={grens}")
        body = urllib.parse.urlencode({k: v for k, v in velden.items() if v is not None}).encode()
        return self.verzoek(stap, "POST", pad, body, "application/x-www-form-urlencoded")

    def formulier(self, stap, pad, kies=None, velden=None, knop=None, bestanden=None):
        """As a user: fill in the form and send it; after an error page or no answer, once more 2 s later."""
        r = self._formulier(stap, pad, kies, velden, knop, bestanden)
        if r.status == 0 or r.status >= 500:
            time.sleep(2)
            r = self._formulier(f"{stap} (opnieuw)", pad, kies, velden, knop, bestanden)
        return r

    def _formulier(self, stap, pad, kies=None, velden=None, knop=None, bestanden=None):
        """GET the page, take its form (the first whose action contains `kies`), fill in, POST it."""
        pagina = self.get(f"{stap} (formulier)", pad)
        if pagina.status != 200:
            return pagina
        forms = [f for f in pagina.forms() if f["velden"].get("csrfmiddlewaretoken") is not None]
        if kies:
            forms = [f for f in forms if kies in f["action"]]
        else:  # the page's own form, not the log-out button in the header
            forms = [f for f in forms if f["action"] in ("", pad.split("?")[0])]
        if not forms:
            self.meting.notitie(f"{self.wie}: {stap}: geen formulier op {pad}")
            return pagina
        form = forms[0]
        data = dict(form["velden"])
        for naam, waarde in (velden or {}).items():
            if waarde is EERSTE:  # the first real choice of a select
                waarde = next((w for w in form["opties"].get(naam, []) if w), "")
            data[naam] = waarde
        if knop:
            data[knop] = ""
        return self.post(stap, form["action"] or pad, data, bestanden)


def _hotp(sleutel_hex: str, t: int) -> int:
    from django_otp.oath import hotp

    return hotp(bytes.fromhex(sleutel_hex), t, digits=6)


class TweedeStap:
    """The demo's TOTP secret (accounts/demo.py), and its backup codes when a 30 s step was used already."""

    def __init__(self):
        self.laatste_t = -1
        self.reserve = [f"medewerker-{n}" for n in range(1, 6)]

    def code(self) -> str:
        from accounts.demo import DEMO_TOTP_SLEUTEL

        t = int(time.time()) // 30
        if t > self.laatste_t:
            self.laatste_t = t
            return f"{_hotp(DEMO_TOTP_SLEUTEL, t):06d}"
        return self.reserve.pop(0) if self.reserve else f"{_hotp(DEMO_TOTP_SLEUTEL, t):06d}"


# --- what one scenario saw --------------------------------------------------------------------------


class Meting:
    def __init__(self):
        self.antwoorden: list[tuple[str, Antwoord]] = []
        self.notities: list[str] = []
        self.geslaagd: dict[str, bool] = {}
        self.slot = threading.Lock()

    def noteer(self, stap, antwoord):
        with self.slot:
            self.antwoorden.append((stap, antwoord))

    def notitie(self, tekst):
        with self.slot:
            self.notities.append(tekst)


def inloggen(browser: Browser, email: str, tweede: TweedeStap | None) -> bool:
    from accounts.demo import DEMO_WACHTWOORD

    r = browser.formulier(
        "inloggen", "/account/inloggen/", velden={"username": email, "password": DEMO_WACHTWOORD}
    )
    if r.status != 302:
        return False
    if "/inloggen/code/" in r.locatie:
        r = browser.formulier("tweede stap", r.locatie, velden={"code": tweede.code()})
        if r.status != 302:
            return False
    return True


def gebruikersstroom(meting: Meting, tweede: TweedeStap, titel: str, pdf: bytes, pdf_naam: str) -> None:
    """Member: new application, attachment, save and submit. Staff: take it up, grant it."""
    lid = Browser(meting, "lid")
    if not inloggen(lid, LID, None):
        meting.geslaagd["lid ingelogd"] = False
        return
    meting.geslaagd["lid ingelogd"] = True
    r = lid.formulier("aanvraag starten", "/aanvragen/nieuw/", velden={"titel": titel})
    m = re.match(r"/aanvragen/(\d+)/bewerken/", r.locatie) if r.status == 302 else None
    meting.geslaagd["aanvraag gestart"] = bool(m)
    if not m:
        return
    pk = m.group(1)
    meting.aanvraag_pk = int(pk)
    r = lid.formulier(
        "bijlage toevoegen",
        f"/aanvragen/{pk}/bewerken/",
        kies="/bijlagen/",
        bestanden={"bestand": (pdf_naam, pdf, "application/pdf")},
    )
    meting.geslaagd["bijlage"] = r.status == 302
    datum = (datetime.date.today() + datetime.timedelta(days=70)).isoformat()
    r = lid.formulier(
        "opslaan en indienen",
        f"/aanvragen/{pk}/bewerken/",
        velden={
            "omschrijving": "Een buurtfeest op het plein, met muziek en een springkussen.",
            "doel": "Buren leren elkaar kennen.",
            "datum_van": datum,
            "datum_tot": datum,
            "verwacht_aantal_deelnemers": "40",
            "kern": EERSTE,
            "kosten-0-omschrijving": "Huur springkussen",
            "kosten-0-bedrag": "250",
        },
        knop="indienen",
    )
    meting.geslaagd["ingediend"] = r.status == 302 and r.locatie.rstrip("/").endswith(f"/aanvragen/{pk}")
    if not meting.geslaagd["ingediend"]:
        if r.status == 200:
            fouten = re.findall(
                r'class="[^"]*(?:invalid-feedback|alert-danger|errorlist)[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)',
                r.tekst,
            )
            meting.notitie("indienen geweigerd: " + " / ".join(" ".join(f.split()) for f in fouten)[:300])
        return
    staf = Browser(meting, "medewerker")
    if not inloggen(staf, MEDEWERKER, tweede):
        meting.geslaagd["medewerker ingelogd"] = False
        return
    meting.geslaagd["medewerker ingelogd"] = True
    r = staf.formulier("in behandeling nemen", f"/aanvragen/{pk}/", kies="/behandelen/")
    meting.geslaagd["in behandeling"] = r.status == 302
    r = staf.formulier(
        "toekennen",
        f"/aanvragen/{pk}/besluit/",
        velden={"besluit": "toekennen", "motivering": "Past in de regeling; goed voor de buurt."},
    )
    meting.geslaagd["toegekend"] = r.status == 302


def raadsstroom(meting: Meting, slug: str) -> None:
    """The pages that read the Redis cache: the council dashboard and the public figures."""
    bezoeker = Browser(meting, "bezoeker")
    bezoeker.get("open cijfers", f"/open-cijfers/?gemeente={slug}")
    raad = Browser(meting, "raadslid")
    if inloggen(raad, RAADSLID, None):
        raad.get("dashboard", "/raad/dashboard/")


# --- the processes ------------------------------------------------------------------------------------


def omgeving() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="storingsoefening-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_POORT}/{PG_DB}",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_POORT}/0",
        CACHE_KEY_PREFIX="storingen",
        EMAIL_URL=f"smtp://127.0.0.1:{SMTP_POORT}",
        EMAIL_TIMEOUT="10",
        PRIVATE_MEDIA_ROOT=str(VOLUME / "prive"),
        PORTAAL_URL=f"https://127.0.0.1:{WEB_POORT}",
        LOG_LEVEL="ERROR",
        # Every scenario logs in the same people from one address.
        LIMIET_PER_IP_PER_UUR="1000",
    )
    return env


def als_postgres(*opdracht, **kwargs):
    return subprocess.run(["runuser", "-u", "postgres", "--", *map(str, opdracht)], **kwargs)


class Omgeving:
    """Starts and stops everything this drill runs; `opruimen` is safe to call at any point."""

    def __init__(self):
        self.env = omgeving()
        self.smtp = SmtpStandIn(SMTP_POORT)
        self.redis = None
        self.web = None
        self.werker = None
        self.gemount = False
        self.pg_gestart = False
        self.logmap = Path("/tmp/gp_storingen_logs")
        self.werkerlog = None
        self.weblog = None

    # PostgreSQL, private cluster
    def pg_starten(self):
        if PG_DATA.exists():
            self.pg_stoppen()
            shutil.rmtree(PG_DATA)
        als_postgres(pg_bin() / "initdb", "-D", PG_DATA, "-U", "postgres", "-A", "trust", check=True,
                     capture_output=True, timeout=120)  # fmt: skip
        self._pg_ctl("start")
        self.pg_gestart = True
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(PG_POORT), "-U", "postgres", PG_DB],
                       check=True, timeout=30)  # fmt: skip

    def _pg_ctl(self, actie):
        als_postgres(pg_bin() / "pg_ctl", "-D", PG_DATA, "-w", "-t", "60", "-l", PG_DATA / "log",
                     "-o", f"-p {PG_POORT} -k /tmp -c listen_addresses=127.0.0.1", "-m", "fast", actie,
                     check=True, capture_output=True, timeout=90)  # fmt: skip

    def pg_herstarten(self):
        self._pg_ctl("restart")

    def pg_stoppen(self):
        with contextlib.suppress(Exception):
            als_postgres(pg_bin() / "pg_ctl", "-D", PG_DATA, "-m", "immediate", "-w", "stop",
                         capture_output=True, timeout=60)  # fmt: skip

    # Redis, private
    def redis_starten(self):
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_POORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wachten_tot(lambda: poort_open(REDIS_POORT), 10, "Redis start niet")

    def redis_stoppen(self):
        if self.redis and self.redis.poll() is None:
            with contextlib.suppress(OSError):
                os.kill(self.redis.pid, signal.SIGCONT)
            self.redis.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.redis.wait(10)
            if self.redis.poll() is None:
                self.redis.kill()
        self.redis = None

    # the private storage on a small tmpfs
    def volume(self):
        VOLUME.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={VOLUME_GROOTTE}", "tmpfs", str(VOLUME)], check=True
        )
        self.gemount = True
        (VOLUME / "prive").mkdir()

    # the app
    def manage(self, *args, timeout=600):
        return subprocess.run([PYTHON, "manage.py", *args], cwd=BASIS, env=self.env, check=True,
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip

    def web_starten(self):
        self.logmap.mkdir(exist_ok=True)
        if self.weblog is None:
            self.weblog = open(self.logmap / "gunicorn.log", "a")  # noqa: SIM115 — closed in opruimen
        self.web = subprocess.Popen(
            [GUNICORN, "config.wsgi", "--workers", "3", "--timeout", "30", "--bind", f"127.0.0.1:{WEB_POORT}",
             "--log-level", "warning"],
            cwd=BASIS, env=self.env, start_new_session=True, stdout=self.weblog, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wachten_tot(
            lambda: Browser(Meting(), "x").get("gezond", "/gezond/").status == 200, 60, "gunicorn start niet"
        )

    def werker_starten(self):
        if self.werkerlog is None:
            self.werkerlog = open(self.logmap / "werker.log", "a")  # noqa: SIM115 — closed in opruimen
        self.werker = subprocess.Popen(
            [PYTHON, "manage.py", "werker", "--interval", "0.5", "--zonder-planning"],
            cwd=BASIS, env=self.env, start_new_session=True,
            stdout=self.werkerlog, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def werker_leeft(self) -> bool:
        return self.werker is not None and self.werker.poll() is None

    @staticmethod
    def _groep_stoppen(proces):
        if proces is None or proces.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proces.pid, signal.SIGKILL)
            proces.wait(5)

    def opruimen(self):
        for stap in (
            lambda: self._groep_stoppen(self.web),
            lambda: self._groep_stoppen(self.werker),
            self.redis_stoppen,
            lambda: self.smtp.zet("weigert"),
            lambda: _django_sluiten(),
            lambda: self.pg_stoppen() if self.pg_gestart else None,
            lambda: shutil.rmtree(PG_DATA) if PG_DATA.exists() else None,
            lambda: subprocess.run(["umount", str(VOLUME)], check=False) if self.gemount else None,
            lambda: self.werkerlog.close() if self.werkerlog else None,
            lambda: self.weblog.close() if self.weblog else None,
        ):
            try:
                stap()
            except Exception:  # noqa: BLE001 — clean up the rest whatever one step does
                traceback.print_exc()


def poort_open(poort: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", poort)) == 0


def wachten_tot(voorwaarde, seconden, melding):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        with contextlib.suppress(Exception):
            if voorwaarde():
                return
        time.sleep(0.3)
    raise SystemExit(melding)


def _django_sluiten():
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()


# --- checks in the database and on disk ---------------------------------------------------------------


def db_stand():
    from django.db import connections

    connections.close_all()  # a connection from before a restart is gone
    from berichten.models import Bericht

    return Bericht.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def berichten_sinds(pk: int):
    from django.db import connections

    from berichten.models import Bericht

    connections.close_all()
    return list(Bericht.objects.filter(pk__gt=pk).values("pk", "message_id", "status", "onderwerp"))


def bestanden_controleren(uploads: dict[str, int]) -> list[str]:
    """Half-saved files: on disk without a row, a row without its file, or shorter than uploaded."""
    from django.apps import apps
    from django.db import connections
    from django.db.models import FileField

    connections.close_all()
    wortel = VOLUME / "prive"
    op_schijf = {
        str(p.relative_to(wortel)) for p in wortel.rglob("*") if p.is_file() and p.name != VULBESTAND
    }
    in_rijen = set()
    fouten = []
    for model in apps.get_models():
        velden = [v.name for v in model._meta.get_fields() if isinstance(v, FileField)]
        for veld in velden:
            for rij in model._default_manager.exclude(**{veld: ""}).values("pk", veld, *(
                ["naam"] if any(f.name == "naam" for f in model._meta.get_fields()) else []
            )):  # fmt: skip
                naam = rij[veld]
                in_rijen.add(naam)
                pad = wortel / naam
                if not pad.is_file():
                    fouten.append(f"{model._meta.object_name} {rij['pk']} zonder bestand")
                elif rij.get("naam") in uploads and pad.stat().st_size < uploads[rij["naam"]]:
                    fouten.append(f"{model._meta.object_name} {rij['pk']}: bestand half geschreven")
    wezen = op_schijf - in_rijen
    if wezen:
        fouten.append(f"{len(wezen)} weesbestand(en) zonder rij")
    return fouten


def aanvraag_controleren(pk: int | None, gezien: dict[str, bool], titel: str) -> tuple[list[str], list[str]]:
    """(impossible states and duplicates, steps saved although the user saw an error)."""
    from django.db import connections

    from leefbaarheidsbudget.constants import Status
    from leefbaarheidsbudget.models import Aanvraag

    connections.close_all()
    fouten, ondanks = [], []
    aantal = Aanvraag.objects.filter(titel=titel).count()
    if aantal > 1:
        fouten.append(f"{aantal} aanvragen waar de gebruiker er één maakte")
    if pk is None:
        pk = Aanvraag.objects.filter(titel=titel).values_list("pk", flat=True).first()
        if pk is None:
            return fouten, ["aanvraag gestart"] if "aanvraag gestart" in gezien and aantal else []
    a = Aanvraag.objects.get(pk=pk)
    laatste = a.statuswijzigingen.order_by("-op", "-pk").first()
    if laatste is not None and laatste.naar != a.status:
        fouten.append(f"aanvraag {pk}: status {a.status}, geschiedenis zegt {laatste.naar}")
    if a.status != Status.CONCEPT and a.ingediend_op is None:
        fouten.append(f"aanvraag {pk}: {a.status} zonder indieningsdatum")
    if a.status == Status.TOEGEKEND and (a.besluit_op is None or a.toegekend_bedrag is None):
        fouten.append(f"aanvraag {pk}: toegekend zonder besluit")
    if a.status != Status.CONCEPT and not a.kostenposten.exists():
        fouten.append(f"aanvraag {pk}: ingediend zonder begroting")
    volgorde = [Status.CONCEPT, Status.INGEDIEND, Status.IN_BEHANDELING, Status.TOEGEKEND]
    bereikt = volgorde.index(a.status) if a.status in volgorde else -1
    for stap, status in (("ingediend", 1), ("in behandeling", 2), ("toegekend", 3)):
        if gezien.get(stap) and bereikt < status:
            fouten.append(f"aanvraag {pk}: '{stap}' gemeld maar niet bewaard")
        if stap in gezien and not gezien[stap] and bereikt >= status:
            ondanks.append(stap)
    return fouten, ondanks


VERWACHT: dict[str, int] = {}  # application status → mails about it in the baseline


def mails_over(start_pk: int, titel: str) -> tuple[str | None, int]:
    """(the drill application's status, the mails queued about it since `start_pk`)."""
    from django.db import connections

    from berichten.models import Bericht
    from leefbaarheidsbudget.models import Aanvraag

    try:
        connections.close_all()
        status = Aanvraag.objects.filter(titel=titel).values_list("status", flat=True).first()
        return status, Bericht.objects.filter(pk__gt=start_pk, tekst__contains=titel).count()
    except Exception:  # noqa: BLE001 — the table says the check could not run
        return None, 0


def demo_pdf(grootte: int) -> bytes:
    """A one-page PDF of about `grootte` bytes (an embedded file makes it big), readable by pypdf."""
    from pypdf import PdfWriter

    schrijver = PdfWriter()
    schrijver.add_blank_page(width=595, height=842)
    if grootte > 2000:
        schrijver.add_attachment("vulling.bin", os.urandom(grootte))
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


# --- the scenarios --------------------------------------------------------------------------------------


def scenarios(o: Omgeving):
    """(key, label, inject, remove, during): `during` runs in a thread while users work, or None."""

    def smtp(modus):
        return lambda: o.smtp.zet(modus)

    def redis_weg():
        o.redis_stoppen()

    def redis_bevriezen():
        os.kill(o.redis.pid, signal.SIGSTOP)

    def redis_ontdooien():
        os.kill(o.redis.pid, signal.SIGCONT)

    def pg_tijdens(meting_nu):
        time.sleep(1.5)  # users are at work: the member has logged in
        try:
            o.pg_herstarten()
        except Exception as fout:  # noqa: BLE001 — reported in the table
            meting_nu.notitie(f"herstart mislukt: {type(fout).__name__}")

    def vullen():
        wortel = VOLUME / "prive"
        vrij = os.statvfs(wortel).f_bavail * os.statvfs(wortel).f_frsize
        with open(wortel / VULBESTAND, "wb") as f:  # leaves about 64 KB: too little for the upload
            blok = b"\0" * (1 << 20)
            over = max(vrij - 64 * 1024, 0)
            while over > 0:
                n = f.write(blok[: min(len(blok), over)])
                over -= n

    def legen():
        (VOLUME / "prive" / VULBESTAND).unlink(missing_ok=True)

    niets = lambda: None  # noqa: E731
    return [
        ("geen", "geen storing (nulmeting)", niets, niets, None),
        ("smtp-weigert", "SMTP weigert verbindingen", smtp("weigert"), smtp("normaal"), None),
        ("smtp-hangt", "SMTP hangt (antwoordt niet)", smtp("hangt"), smtp("normaal"), None),
        ("redis-weg", "Redis plat", redis_weg, o.redis_starten, None),
        ("redis-bevroren", "Redis bevroren (SIGSTOP)", redis_bevriezen, redis_ontdooien, None),
        ("pg-herstart", "PostgreSQL herstart tijdens gebruik", niets, niets, pg_tijdens),
        ("schijf-vol", "schijf vol (opslag)", vullen, legen, None),
    ]


def app_gezond(slug: str) -> bool:
    m = Meting()
    b = Browser(m, "controle")
    if b.get("inlogpagina", "/account/inloggen/").status != 200:
        return False
    if b.get("open cijfers", f"/open-cijfers/?gemeente={slug}").status != 200:
        return False
    return inloggen(b, LID, None) and b.get("mijn aanvragen", "/aanvragen/").status == 200


def scenario_draaien(o: Omgeving, tweede: TweedeStap, sleutel, label, erin, eruit, tijdens, herstel_s, slug):
    log(f"== {label}")
    meting = Meting()
    meting.aanvraag_pk = None
    start_pk = db_stand()
    pdf_groot = sleutel == "schijf-vol"
    pdf = demo_pdf(400_000 if pdf_groot else 20_000)
    pdf_naam = f"storingen-{sleutel}.pdf"
    titel = f"Storingsoefening {label}"
    begin = time.monotonic()
    erin()
    draden = [
        threading.Thread(target=gebruikersstroom, args=(meting, tweede, titel, pdf, pdf_naam)),
        threading.Thread(target=raadsstroom, args=(meting, slug)),
    ]
    if tijdens:
        draden.append(threading.Thread(target=tijdens, args=(meting,)))
    for d in draden:
        d.start()
    for d in draden:
        d.join(240)
    rest = STORING_MIN_S - (time.monotonic() - begin)
    if rest > 0 and sleutel != "geen":
        time.sleep(rest)
    eruit()
    hersteld_op = time.monotonic()
    log(f"   storing opgeheven na {hersteld_op - begin:.0f} s; wachten op herstel")
    if not o.werker_leeft():
        meting.notitie("werker was gestopt; opnieuw gestart")
        o.werker_starten()

    app_tijd = mail_tijd = None
    berichten = []
    einde = hersteld_op + herstel_s
    while time.monotonic() < einde:
        nu = time.monotonic()
        if app_tijd is None:
            with contextlib.suppress(Exception):
                if app_gezond(slug):
                    app_tijd = nu - hersteld_op
        with contextlib.suppress(Exception):
            berichten = berichten_sinds(start_pk)
            ontvangen = o.smtp.aantallen()
            if mail_tijd is None and all(ontvangen[b["message_id"]] >= 1 for b in berichten):
                mail_tijd = time.monotonic() - hersteld_op
        if app_tijd is not None and mail_tijd is not None:
            break
        time.sleep(0.5)
    time.sleep(1)  # a duplicate would arrive just after
    with contextlib.suppress(Exception):
        berichten = berichten_sinds(start_pk)
    ontvangen = o.smtp.aantallen()
    verloren = [b for b in berichten if ontvangen[b["message_id"]] == 0]
    dubbel = [b for b in berichten if ontvangen[b["message_id"]] > 1]

    gegevens = []
    with contextlib.suppress(Exception):
        gegevens += bestanden_controleren({pdf_naam: len(pdf)})
    ondanks = []
    try:
        fouten, ondanks = aanvraag_controleren(meting.aanvraag_pk, meting.geslaagd, titel)
        gegevens += fouten
    except Exception as fout:  # noqa: BLE001
        gegevens.append(f"controle mislukt: {type(fout).__name__}")
    # Mail the site never queued: every mail about an application names it; the baseline tells how many
    # mails an application in that state has had.
    status, met_titel, ontbrekend = mails_over(start_pk, titel), None, None
    status, met_titel = status
    if sleutel == "geen" and status:
        VERWACHT[status] = met_titel
    elif status in VERWACHT:
        ontbrekend = max(VERWACHT[status] - met_titel, 0)
    return {
        "label": label,
        "meting": meting,
        "ontbrekend": ontbrekend,
        "berichten": len(berichten),
        "verloren": len(verloren),
        "dubbel": len(dubbel),
        "gegevens": gegevens,
        "ondanks": ondanks,
        "app_tijd": app_tijd,
        "mail_tijd": mail_tijd,
        "herstel_s": herstel_s,
    }


# --- the table ------------------------------------------------------------------------------------------


def statuscodes(meting: Meting) -> str:
    tellen = Counter(a.status for _, a in meting.antwoorden)
    delen = [f"{'geen antwoord' if s == 0 else s}×{n}" for s, n in sorted(tellen.items())]
    fout = sorted({stap for stap, a in meting.antwoorden if a.status == 0 or a.status >= 500})
    tekst = ", ".join(delen)
    if fout:
        tekst += " — fout bij: " + "; ".join(fout)
    return tekst


def traag(meting: Meting) -> str:
    trage = [(stap, a.seconden) for stap, a in meting.antwoorden if a.seconden > TRAAG_S]
    if not trage:
        return "0"
    langste = max(trage, key=lambda x: x[1])
    return f"{len(trage)} (langste {langste[1]:.1f} s: {langste[0]})"


def rij(r) -> str:
    m = r["meting"]
    gegevens = "; ".join(r["gegevens"]) or "geen"
    if r["ondanks"]:
        gegevens += f" (bewaard ondanks foutmelding: {', '.join(r['ondanks'])})"
    mislukt = [stap for stap, ok in m.geslaagd.items() if not ok]
    if mislukt:
        gegevens += f"; niet gelukt: {', '.join(mislukt)}"
    mails = f"{r['verloren']} / {r['dubbel']} (van {r['berichten']})"
    if r["ontbrekend"]:
        mails += f"; {r['ontbrekend']} nooit in de wachtrij gezet"
    delen = []
    delen.append(
        f"site {r['app_tijd']:.1f} s" if r["app_tijd"] is not None else f"site niet binnen {r['herstel_s']} s"
    )
    delen.append(
        f"mail {r['mail_tijd']:.1f} s"
        if r["mail_tijd"] is not None
        else f"mail niet binnen {r['herstel_s']} s"
    )
    if m.notities:
        delen.append("; ".join(m.notities))
    cellen = [r["label"], statuscodes(m), traag(m), gegevens, mails, ", ".join(delen)]
    return "| " + " | ".join(c.replace("|", "/") for c in cellen) + " |"


def tabel(resultaten, kop: str) -> str:
    regels = [
        kop,
        "",
        "| scenario | statuscodes | trage antwoorden (>1 s) | verloren gegevens | verloren/dubbele mails | herstel |",
        "|---|---|---|---|---|---|",
    ]
    regels += [rij(r) for r in resultaten]
    return "\n".join(regels)


def oordeel(resultaten) -> str:
    """Issue 16's "done when": no 500 caused by mail or Redis, no lost mail, no half-saved data."""
    missers = []
    for r in resultaten:
        m = r["meting"]
        fout = [stap for stap, a in m.antwoorden if a.status == 0 or a.status >= 500]
        if fout and any(w in r["label"] for w in ("SMTP", "Redis")):
            missers.append(f"{r['label']}: {len(fout)} foutpagina's of geen antwoord")
        if r["verloren"] or r["dubbel"] or r["ontbrekend"]:
            missers.append(f"{r['label']}: mail verloren of dubbel")
        if r["gegevens"]:
            missers.append(f"{r['label']}: {'; '.join(r['gegevens'])}")
        if r["mail_tijd"] is None or r["app_tijd"] is None:
            missers.append(f"{r['label']}: niet hersteld binnen {r['herstel_s']} s")
    if not missers:
        return "Oordeel: geen 500 door mail of Redis, geen verloren of dubbele mail, geen half bewaarde gegevens."
    return "Oordeel: nog niet klaar (issue 16) —\n" + "\n".join(f"- {m}" for m in missers)


def readme_bijwerken(tekst: str) -> None:
    inhoud = README.read_text()
    if BEGIN not in inhoud or EINDE not in inhoud:
        log("README.md heeft geen markeringen; tabel niet geschreven")
        return
    voor, _, rest = inhoud.partition(BEGIN)
    _, _, na = rest.partition(EINDE)
    README.write_text(f"{voor}{BEGIN}\n{tekst}\n{EINDE}{na}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alleen", default="", help="komma-gescheiden scenario's (standaard: alle)")
    parser.add_argument("--herstel", type=int, default=75, help="seconden wachten op herstel per scenario")
    parser.add_argument("--niet-bijwerken", action="store_true", help="README.md niet bijwerken")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("Als root draaien: de oefening koppelt een tmpfs en start PostgreSQL als postgres.")
    for poort in (WEB_POORT, SMTP_POORT, REDIS_POORT, PG_POORT):
        if poort_open(poort):
            raise SystemExit(f"Poort {poort} is al in gebruik.")

    o = Omgeving()
    resultaten = []
    begin = time.monotonic()

    def afbreken(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, afbreken)
    try:
        log("privé PostgreSQL, Redis, SMTP en tmpfs starten")
        o.pg_starten()
        o.redis_starten()
        o.smtp.zet("normaal")
        o.volume()
        os.environ.update(o.env)
        sys.path.insert(0, str(BASIS))
        log("migrate, collectstatic, load_demo")
        o.manage("migrate", "--noinput", "-v0")
        o.manage("collectstatic", "--noinput", "-v0")
        o.manage("load_demo")
        import django

        django.setup()
        from gebieden.models import Gemeente

        slug = Gemeente.objects.get(naam="Stichtse Vecht").slug
        o.web_starten()
        o.werker_starten()
        # The demo's own queued mail (none expected) is delivered before the first scenario starts.
        wachten_tot(
            lambda: all(o.smtp.aantallen()[b["message_id"]] for b in berichten_sinds(0)), 60, "demo-mail"
        )
        tweede = TweedeStap()
        opwarmen = Browser(Meting(), "opwarmen")  # every gunicorn worker loads its code before the clock runs
        for _ in range(6):
            opwarmen.get("inlogpagina", "/account/inloggen/")
        inloggen(opwarmen, LID, None)
        gekozen = {s for s in args.alleen.split(",") if s}
        for sleutel, label, erin, eruit, tijdens in scenarios(o):
            if gekozen and sleutel not in gekozen:
                continue
            r = scenario_draaien(o, tweede, sleutel, label, erin, eruit, tijdens, args.herstel, slug)
            resultaten.append(r)
            print(rij(r), flush=True)
    except KeyboardInterrupt:
        log("afgebroken")
    finally:
        o.opruimen()
    if not resultaten:
        return 1
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty=+wijzigingen"], cwd=BASIS, capture_output=True, text=True
    )
    kop = (
        f"Laatste oefening: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit "
        f"{commit.stdout.strip() or '?'}, {time.monotonic() - begin:.0f} s; gunicorn 3 workers, 1 werker, "
        "PostgreSQL, Redis. Mails: verloren / dubbel (van het aantal berichten dat de site in de wachtrij zette). "
        "Herstel: seconden na het opheffen van de storing tot de site weer normaal antwoordt en tot alle mail "
        "bezorgd is."
    )
    uitkomst = tabel(resultaten, kop) + "\n\n" + oordeel(resultaten)
    print()
    print(uitkomst)
    if not args.niet_bijwerken and not (set(args.alleen.split(",")) - {""}):
        readme_bijwerken(uitkomst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
