"""Load test: the app under gunicorn (4 workers) on PostgreSQL, 50 connections from wrk for 60 s.

    .venv/bin/python bench/load.py                              # the scale-100 benchmark database
    .venv/bin/python bench/load.py --db gp_snelheid_bench_s100
    .venv/bin/python bench/load.py --db gp_bench_s1 --duration 10   # a smoke run

Needs the database that `bench/run.py` built (default `gp_bench_s100`; migrated first when the code is
newer), `wrk` (Debian: `apt-get install -y wrk`) and, as in production, Redis (`--redis`, as REDIS_URL:
Django's cache for the council figures; '' for none). Starts gunicorn on 127.0.0.1 only, logs in the
known users of generate_data by creating their sessions (a logged-in request carries the cookies a
browser sends: session and CSRF), then runs wrk with `--connections` open connections for `--duration`
seconds over a mix of the key pages in turn: the area page, the contact lookup, the group list and a
group, the work queue, the member's applications and one application, the council dashboard, the motions
and the public figures.
As in production, the three public pages come from Django's cache for visitors without a login
(weergave/cache.py, OPENBAAR_CACHE_SECONDEN; set it to 0 to measure them built each time).

Target (issue 17): no error and no answer other than 2xx, and a client-side p95 under 500 ms. Prints
requests per second, p50, p95 and p99 latency, errors, and the verdict.

Intake under that load (issue 19, item 9): beside wrk, one resident after another sends the public report
form of gemeente 1 (`--intake`, on by default): the form is read once for its CSRF token, then every
POST is timed to its redirect to the receipt. Target: p95 under 300 ms. The meldingen it made are
deleted afterwards (their e-mail address is intake-N@bench.example), so the database stays as built.
"""

import argparse
import http.cookiejar
import importlib.util
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
P95_MS = 500  # target: client-side p95 under load
P95_INTAKE_MS = 300  # target: the report form's POST, under that load
# A new address per run and per report: the per-address limit (3 an hour) is not under test.
INTAKE_EMAIL = "intake-{}@bench.example"

# Each connection goes through the pages in turn, each with its own cookie header. wrk reports the
# totals through the Lua `done` hook (its own --latency output has no p95).
LUA = """
local paginas = {}
for pad, cookie in string.gmatch(os.getenv("LOAD_PAGINAS"), "([^\\t]+)\\t([^\\n]*)\\n") do
  paginas[#paginas + 1] = {pad = pad, cookie = cookie}
end
local volgende = 0
request = function()
  volgende = volgende % #paginas + 1
  local p = paginas[volgende]
  local headers = {}
  if p.cookie ~= "" then headers["Cookie"] = p.cookie end
  return wrk.format("GET", p.pad, headers)
end
done = function(summary, latency, requests)
  io.write(string.format(
    'JSON{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "max": %f, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def omgeving(db: str, redis: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        # As in production: the council figures in one cache for all workers.
        REDIS_URL=redis,
        CACHE_KEY_PREFIX=f"bench-{db}",
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="ERROR",
        # The known users are logged in by creating their session; the second login step (a code
        # from an app) is not part of what is measured.
        OTP_VERPLICHT_VOOR_MEDEWERKERS="False",
        # The intake thread sends from one address all the time; the per-IP limit is not under test.
        LIMIET_PER_IP_PER_UUR="1000000",
    )
    return env


def _run():
    """bench/run.py as a module: the same pages with the same users."""
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).with_name("run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sessies_en_urls() -> list[tuple[str, str, str]]:
    """(label, url, cookie) per page of the mix; logs the known users in by creating their sessions."""
    import django

    sys.path.insert(0, str(BASIS))
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User

    cookies = {}

    def cookie(email: str | None) -> str:
        """The cookies a logged-in browser sends: its session and the CSRF cookie of its first page
        (without it, every page would make and set a new CSRF secret, which a browser never asks for)."""
        if email is None:
            return ""
        if email not in cookies:
            client = Client()
            client.force_login(User.objects.get(email=email))
            client.get(reverse("mijn_account"))
            namen = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
            cookies[email] = "; ".join(f"{naam}={client.cookies[naam].value}" for naam in namen)
        return cookies[email]

    run = _run()
    return [
        (label, url, cookie(login))
        for label, login, url, gestreamd in run.paginas()
        if label in run.LIJST_OF_DETAIL or label == "dashboard (council)"
    ]


class _GeenDoorsturen(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def intake_adres() -> str:
    """The public report form of gemeente 1."""
    from django.urls import reverse

    from bench.synthetisch import EERSTE_CODE
    from gebieden.models import Gemeente

    gemeente = Gemeente.objects.get(code=f"GM{EERSTE_CODE + 1}")
    return reverse("meldingen:melden") + f"?gemeente={gemeente.slug}"


class Intake(threading.Thread):
    """One resident after another sending the report form while wrk runs; the POST's time to its
    redirect (the melding stored, its mail queued) is what is measured."""

    def __init__(self, basis: str, pad: str):
        super().__init__(daemon=True)
        self.basis, self.pad = basis, pad
        self.stop = threading.Event()
        self.tijden: list[float] = []
        self.fouten: list[str] = []
        self.reeks = int(time.time())

    def run(self) -> None:
        koekjes = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(koekjes), _GeenDoorsturen)
        try:
            html = opener.open(self.basis + self.pad, timeout=30).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            categorie = re.search(r'<select name="categorie".*?<option value="(\d+)"', html, re.S).group(1)
            waar = re.search(r'<option value="(w\d+)"', html).group(1)
        except (OSError, AttributeError) as exc:  # the form did not come, or not as expected
            self.fouten.append(f"the form could not be read: {exc!r}")
            return
        n = 0
        while not self.stop.is_set():
            n += 1
            data = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "categorie": categorie,
                    "tekst": f"Lamp brandt niet meer bij de speeltuin (belasting {n}).",
                    "waar": waar,
                    "straat": "Straatweg 1",
                    "email": INTAKE_EMAIL.format(f"{self.reeks}-{n}"),
                    "website": "",
                }
            ).encode()
            verzoek = urllib.request.Request(
                self.basis + self.pad, data=data, headers={"Referer": self.basis + self.pad}
            )
            begin = time.perf_counter()
            try:
                opener.open(verzoek, timeout=30)
                self.fouten.append("200 instead of a redirect: the form was refused")
            except urllib.error.HTTPError as antwoord:
                if antwoord.code == 302 and "ontvangen" in antwoord.headers.get("Location", ""):
                    self.tijden.append((time.perf_counter() - begin) * 1000)
                else:
                    self.fouten.append(f"{antwoord.code} {antwoord.headers.get('Location', '')}")
            except OSError as exc:
                self.fouten.append(str(exc))
            time.sleep(0.2)  # a resident a few times a second, not a flood


def intake_opruimen() -> int:
    """Delete the meldingen the intake made (and their history and queued mails)."""
    from django_tasks_db.models import DBTaskResult

    from meldingen.models import Melding

    weg, _ = Melding.objects.filter(email__startswith="intake-", email__endswith="@bench.example").delete()
    DBTaskResult.objects.filter(args_kwargs__icontains="@bench.example").delete()
    return weg


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wachten_op(url: str, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            with urllib.request.urlopen(url, timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn antwoordt niet op {url}")


def wrk(basis: str, paginas, duur: int, verbindingen: int, lua: str) -> dict:
    env = dict(os.environ, LOAD_PAGINAS="".join(f"{pad}\t{cookie}\n" for _, pad, cookie in paginas))
    opdracht = ["wrk", "-t2", f"-c{verbindingen}", f"-d{duur}s", "--timeout", "10s", "-s", lua, basis]
    uit = subprocess.run(opdracht, capture_output=True, text=True, check=True, env=env).stdout
    regel = next(r for r in uit.splitlines() if r.startswith("JSON"))
    return json.loads(regel[4:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="gp_bench_s100", help="PostgreSQL database built by bench/run.py")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--connections", type=int, default=50, help="open connections (default 50)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument(
        "--intake",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="send the public report form beside the load and time it (default: on)",
    )
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="REDIS_URL of the app (default: database 15 of the local Redis; '' for none)",
    )
    args = parser.parse_args()
    env = omgeving(args.db, args.redis)
    os.environ.update(env)
    _run().migreren(env)  # built by older code: this code's schema first
    if args.redis:  # no figures of an earlier run: only this database's keys
        import redis

        client = redis.Redis.from_url(args.redis)
        for sleutel in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
            client.delete(sleutel)
    paginas = sessies_en_urls()

    gunicorn = Path(sys.executable).parent / "gunicorn"
    poort = vrije_poort()
    server = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{poort}",
            "--log-level",
            "warning",
        ],
        cwd=BASIS,
        env=env,
        start_new_session=True,
    )
    try:
        basis = f"http://127.0.0.1:{poort}"
        wachten_op(basis + "/gezond/")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(LUA)
        wrk(basis, paginas, 3, args.workers, lua.name)  # warm-up: every worker's connection and templates
        load_begin = os.getloadavg()[0]
        intake = Intake(basis, intake_adres()) if args.intake else None
        if intake:
            intake.start()
        r = wrk(basis, paginas, args.duration, args.connections, lua.name)
        if intake:
            intake.stop.set()
            intake.join(timeout=40)
        load_eind = os.getloadavg()[0]
        os.unlink(lua.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print()
    print(
        f"gunicorn {args.workers} sync workers, database {args.db}; wrk -t2 -c{args.connections} "
        f"-d{args.duration}s on 127.0.0.1 over {len(paginas)} pages in turn; {os.cpu_count()} cores, "
        f"load average {load_begin:.1f} at the start, {load_eind:.1f} at the end."
    )
    print("Pages: " + ", ".join(label for label, _, _ in paginas) + ".")
    print()
    print("| requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {r['requests']} | {r['requests'] / r['seconds']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} "
        f"| {r['p99']:.1f} | {r['max']:.1f} | {r['errors']} | {r['non2xx']} |"
    )
    print()
    missers = []
    if r["errors"] or r["non2xx"]:
        missers.append(f"{r['errors']} errors and {r['non2xx']} answers other than 2xx (target: none)")
    if r["p95"] >= P95_MS:
        missers.append(f"client-side p95 {r['p95']:.1f} ms (target: under {P95_MS} ms)")
    if intake:
        print(f"Intake beside the load (POST of the report form, {len(intake.tijden)} sent, one at a time):")
        print()
        print("| sent | p50 ms | p95 ms | max ms | refused or failed |")
        print("|---:|---:|---:|---:|---:|")
        tijden = sorted(intake.tijden) or [0.0]
        p95 = statistics.quantiles(tijden, n=20)[-1] if len(tijden) > 1 else tijden[0]
        print(
            f"| {len(intake.tijden)} | {statistics.median(tijden):.1f} | {p95:.1f} | {tijden[-1]:.1f} "
            f"| {len(intake.fouten)} |"
        )
        print(f"({intake_opruimen()} rows of the intake deleted again.)")
        print()
        if intake.fouten:
            missers.append(f"intake: {len(intake.fouten)} refused or failed, e.g. {intake.fouten[0]}")
        if not intake.tijden or p95 >= P95_INTAKE_MS:
            missers.append(f"intake p95 {p95:.1f} ms (target: under {P95_INTAKE_MS} ms)")
    print("\n".join(missers) or "All targets met.")


if __name__ == "__main__":
    main()
