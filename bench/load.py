"""Load test: the app under gunicorn (2 workers) on PostgreSQL, driven by wrk on 127.0.0.1.

    .venv/bin/python bench/load.py                       # the scale-100 benchmark database
    .venv/bin/python bench/load.py --db gp_bench_s1 --duration 5

Needs the database that `bench/run.py` built (default `gp_bench_s100`), `wrk` (Debian: `apt-get
install -y wrk`) and Redis (`--redis`, as REDIS_URL in production). Starts gunicorn on 127.0.0.1
only, logs in the known users of generate_data by creating their sessions (the session cookie goes
with every request), then runs wrk for `--duration` seconds per URL, in `--rounds` rounds over all
URLs: the trivial view `/gezond/` (the framework's ceiling on this machine), the same view
with a session cookie (the floor of every logged-in page: session and user), the council
dashboard, the staff work queue and the public contact lookup. Prints requests per second, p50 and
p95 latency, and each page's throughput as a fraction of the trivial view's.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent

# wrk reports these through a Lua `done` hook (its own --latency output has no p95).
LUA = """
done = function(summary, latency, requests)
  io.write(string.format(
    'JSON{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def omgeving(db: str, redis: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        # As in production: sessions, logged-in users and figures in one cache for both workers.
        REDIS_URL=redis,
        CACHE_KEY_PREFIX=f"bench-{db}",
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="ERROR",
        # The known users are logged in by creating their session; the second login step (a code
        # from an app) is not part of what is measured.
        OTP_VERPLICHT_VOOR_MEDEWERKERS="False",
    )
    return env


def sessies_en_urls() -> list[tuple[str, str, str]]:
    """(label, url, cookie) per measured page; logs the known users in by creating their sessions."""
    import django

    sys.path.insert(0, str(BASIS))
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from gebieden.models import Gemeente
    from portaal.synthetisch import EERSTE_CODE, LOGINS

    def cookie(email: str) -> str:
        """The cookies a logged-in browser sends: its session and the CSRF cookie of its first page
        (without it, every page would make and set a new CSRF secret, which a browser never asks for)."""
        client = Client()
        client.force_login(User.objects.get(email=email))
        client.get(reverse("mijn_account"))
        namen = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        return "; ".join(f"{naam}={client.cookies[naam].value}" for naam in namen)

    kern = Gemeente.objects.get(code=f"GM{EERSTE_CODE + 1}").kernen.order_by("pk").first()
    raadslid = cookie(LOGINS["raadslid"])
    return [
        ("gezond (trivial view)", reverse("portaal:gezond"), ""),
        # The same view with a session cookie: what every logged-in page pays at least (session, user).
        ("gezond, logged in (floor)", reverse("portaal:gezond"), raadslid),
        ("dashboard (council)", reverse("raad:dashboard"), raadslid),
        ("work queue (staff)", reverse("leefbaarheidsbudget:werkvoorraad"), cookie(LOGINS["medewerker"])),
        ("contact lookup (public)", reverse("rollen:contactpersonen") + f"?gebied=kern-{kern.pk}", ""),
    ]


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


def wrk(url: str, cookie: str, duur: int, verbindingen: int, lua: str) -> dict:
    opdracht = ["wrk", "-t2", f"-c{verbindingen}", f"-d{duur}s", "--timeout", "10s", "-s", lua]
    if cookie:
        opdracht += ["-H", f"Cookie: {cookie}"]
    uit = subprocess.run([*opdracht, url], capture_output=True, text=True, check=True).stdout
    regel = next(r for r in uit.splitlines() if r.startswith("JSON"))
    return json.loads(regel[4:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="gp_bench_s100", help="PostgreSQL database built by bench/run.py")
    parser.add_argument(
        "--duration", type=int, default=15, help="seconds of load per URL, over all rounds (default 15)"
    )
    parser.add_argument("--connections", type=int, default=4, help="open connections (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all URLs (default 3)")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="REDIS_URL of the app; emptied first (default: database 15 of the local Redis; '' for none)",
    )
    args = parser.parse_args()
    env = omgeving(args.db, args.redis)
    os.environ.update(env)
    if args.redis:  # no sessions or figures of an earlier run
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    paginas = sessies_en_urls()

    gunicorn = Path(sys.executable).parent / "gunicorn"
    poort = vrije_poort()
    server = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi",
            "--workers",
            "2",
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
        for _, pad, cookie in paginas:
            wrk(basis + pad, cookie, 2, args.connections, lua.name)  # warm-up
        # Rounds: every URL in turn, `--rounds` times. The machine's speed drifts (shared cores), and
        # comparing pages measured minutes apart would measure the drift; per round they sit seconds apart.
        rondes: dict[str, list[dict]] = {label: [] for label, _, _ in paginas}
        per_ronde = max(1, round(args.duration / args.rounds))
        for ronde in range(args.rounds):
            for label, pad, cookie in paginas:
                r = wrk(basis + pad, cookie, per_ronde, args.connections, lua.name)
                if r["errors"] or r["non2xx"]:
                    raise SystemExit(f"{label}: {r['errors']} fouten, {r['non2xx']} antwoorden zonder 2xx")
                rondes[label].append(r)
                print(
                    f"   ronde {ronde + 1}: {label:<26} {r['requests'] / r['seconds']:8.1f} req/s"
                    f"  p95 {r['p95']:7.1f} ms",
                    flush=True,
                )
        os.unlink(lua.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    def rps(r: dict) -> float:
        return r["requests"] / r["seconds"]

    plafond = rondes["gezond (trivial view)"]
    plafond_rps = sum(r["requests"] for r in plafond) / sum(r["seconds"] for r in plafond)
    load = os.getloadavg()
    print()
    print(
        f"gunicorn 2 sync workers, database {args.db}; wrk -t2 -c{args.connections}, {args.rounds} rounds of "
        f"{per_ronde} s per URL, on 127.0.0.1; {os.cpu_count()} cores, load average {load[0]:.1f} at the end."
    )
    print()
    print("| page | requests/s | p50 ms | p95 ms | throughput vs trivial view | per round |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, lijst in rondes.items():
        totaal = sum(r["requests"] for r in lijst) / sum(r["seconds"] for r in lijst)
        per_ronde_verhouding = " / ".join(
            f"{rps(r) / rps(p):.0%}" for r, p in zip(lijst, plafond, strict=True)
        )
        print(
            f"| {label} | {totaal:.1f} | {statistics.median([r['p50'] for r in lijst]):.1f} | "
            f"{statistics.median([r['p95'] for r in lijst]):.1f} | {totaal / plafond_rps:.0%} | {per_ronde_verhouding} |"
        )
    print()
    print("requests/s: all rounds together; p50 and p95: the median of the rounds' values.")


if __name__ == "__main__":
    main()
