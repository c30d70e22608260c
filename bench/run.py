"""Benchmark: every key page at scale 1 and scale 100 on PostgreSQL, as a Markdown table.

    .venv/bin/python bench/run.py            # scale 1 and 100, 50 timed requests per page
    .venv/bin/python bench/run.py --quick    # scale 0.2 and 2, 10 requests: a smoke run
    .venv/bin/python bench/run.py --reuse    # keep databases that were built before (same scale, seed)
    .venv/bin/python bench/run.py --prefix gp_snelheid_bench   # databases gp_snelheid_bench_s1, _s100

For each scale it builds a fresh database (`createdb`, `migrate`, `generate_data --scale N --seed 1`),
then, in a separate process bound to that database, requests each page with Django's test Client
as the right user: the number of queries of one request (CaptureQueriesContext) and the latency of
`--requests` requests after a short warm-up (for the streamed export: the time to the first byte).
The dashboard is measured twice: from the cache, and with an empty cache (the cache is emptied
before each request, so every request builds the figures). Gemeente 1 (the known logins, see
generate_data) has the same data at every scale, so differences come from the size of the database.

Then it checks the targets (issue 17) and prints each verdict: queries the same at both scales and at
most 15 per page; server p95 at the larger scale under 150 ms for list and detail pages, under 300 ms
for the dashboard with an empty cache.

A script, not a test: it takes minutes. PostgreSQL on 127.0.0.1:5432 (user postgres) is required, and
Redis on 127.0.0.1:6379 (BENCH_REDIS_URL, '' for none): as in production, Django's Redis cache holds the
council figures. Only this run's keys (prefix bench-<database>) are deleted first.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = ["-h", "127.0.0.1", "-U", "postgres"]
SEED = 1
# As in production: the council figures in Redis (BENCH_REDIS_URL='' for none); each database has its
# own key prefix, so figures of one scale never show at another.
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PREFIX = "gp_bench"

# Targets (issue 17).
MAX_QUERIES = 15
P95_PAGINA_MS = 150  # list and detail pages
P95_DASHBOARD_LEEG_MS = 300  # dashboard with an empty cache


def database_url(naam: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{naam}"


def db_naam(scale: float) -> str:
    return f"{PREFIX}_s" + str(scale).replace(".", "_")


def cache_prefix(naam: str) -> str:
    return f"bench-{naam}"


def cache_legen(naam: str) -> None:
    """Deletes this database's keys from Redis (an earlier run's figures), and nothing else."""
    if not REDIS:
        return
    import redis

    client = redis.Redis.from_url(REDIS)
    for sleutel in client.scan_iter(f"{cache_prefix(naam)}:*", count=1000):
        client.delete(sleutel)


def omgeving(naam: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(naam),
        REDIS_URL=REDIS,
        CACHE_KEY_PREFIX=cache_prefix(naam),
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="False",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        # The known users are logged in by creating their session; the second login step (a code
        # from an app) is not part of what is measured.
        OTP_VERPLICHT_VOOR_MEDEWERKERS="False",
        # What a page costs to build: the public pages' cache for visitors (weergave/cache.py) would
        # answer the area page, the contact lookup and the open figures from memory after the warm-up.
        # The load test (bench/load.py) keeps it on, as production does.
        OPENBAAR_CACHE_SECONDEN="0",
    )
    return env


def bestaat(naam: str) -> bool:
    uit = subprocess.run(
        ["psql", *PG, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{naam}'"],
        capture_output=True,
        text=True,
        check=True,
    )
    return uit.stdout.strip() == "1"


def migreren(env: dict) -> None:
    """This code's migrations on the database of `env`: a new one, or one built by older code (bench/load.py
    too, which otherwise counts the pages of a new table as non-2xx)."""
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASIS, env=env, check=True)


def bouwen(scale: float, hergebruiken: bool) -> None:
    naam = db_naam(scale)
    if hergebruiken and bestaat(naam):
        print(f"== schaal {scale}: bestaande database {naam} hergebruikt", flush=True)
        migreren(omgeving(naam))
        return
    print(f"== schaal {scale}: database {naam} bouwen", flush=True)
    subprocess.run(["dropdb", *PG, "--if-exists", naam], check=True)
    subprocess.run(["createdb", *PG, naam], check=True)
    env = omgeving(naam)
    migreren(env)
    start = time.monotonic()
    subprocess.run(
        [PYTHON, "manage.py", "generate_data", "--scale", str(scale), "--seed", str(SEED)],
        cwd=BASIS,
        env=env,
        check=True,
    )
    print(f"   generate_data --scale {scale}: {time.monotonic() - start:.0f} s", flush=True)


def meten_in_proces(scale: float, verzoeken: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as uit:
        subprocess.run(
            [PYTHON, __file__, "--meten", uit.name, "--requests", str(verzoeken)],
            cwd=BASIS,
            env=omgeving(db_naam(scale)),
            check=True,
        )
        return json.loads(Path(uit.name).read_text())


# --- inside the measuring process ------------------------------------------------------------------


# What each page is, for the targets: a list or detail page, the dashboard with an empty cache, or other.
LIJST_OF_DETAIL = {
    "area page (kern)",
    "contact lookup",
    "group list",
    "group detail",
    "work queue",
    "my applications (member)",
    "application detail",
    "motions list",
    "transparency (public)",
}
# Issue 19, item 9: the meldingen pages have the list-and-detail target too (not in the load mix).
MELDINGEN = {
    "meldingen: my queue",
    "meldingen: all open",
    "meldingen: overdue",
    "meldingen: unassigned",
    "meldingen: status (public)",
    "meldingen: wijk page (public)",
    "meldingen: wijk map points (public)",
    "meldingen: kern page (public)",
    "open figures with meldingen (public)",
}
DASHBOARD_LEEG = "dashboard (council), empty cache"


def paginas():
    """(label, login or None, url, streamed) for every key page, with objects of gemeente 1."""
    from django.urls import reverse
    from django.utils import timezone

    from bench.synthetisch import EERSTE_CODE, LOGINS
    from bewonersgroepen.models import Groep
    from gebieden.models import Gemeente
    from leefbaarheidsbudget.constants import Status
    from leefbaarheidsbudget.models import Aanvraag

    gemeente = Gemeente.objects.get(code=f"GM{EERSTE_CODE + 1}")
    kern = gemeente.kernen.order_by("pk").first()
    groep = Groep.objects.filter(lidmaatschappen__gebruiker__email=LOGINS["groepslid"]).first()
    aanvraag = (
        Aanvraag.objects.filter(gemeente=gemeente, status=Status.VASTGESTELD, direct_vastgesteld=False)
        .order_by("pk")
        .first()
    )
    jaar = timezone.localdate().year
    from meldingen.constants import OPEN
    from meldingen.models import Melding

    # Issue 19: the high-volume object. A Beheerder Leefomgeving of gemeente 1 (one with open work), the
    # queues, and the public status page of an open melding.
    melding = Melding.objects.filter(gemeente=gemeente, status__in=OPEN).order_by("pk").first()
    # The handler of the first open melding that has one (the first open one may be unassigned: then the
    # queues were measured empty at one scale and full at the other).
    toegewezen = (
        Melding.objects.filter(gemeente=gemeente, status__in=OPEN, behandelaar__isnull=False)
        .select_related("behandelaar")
        .order_by("pk")
        .first()
    )
    beheerder = toegewezen.behandelaar.email if toegewezen else LOGINS["medewerker"]
    wachtrij = reverse("meldingen:wachtrij")
    # The public pages of the wijk and kern with the most open meldingen of gemeente 1.
    from django.db.models import Count

    drukste = (
        Melding.objects.filter(gemeente=gemeente, status__in=OPEN, wijk__isnull=False)
        .values("wijk__code", "kern__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "wijk__code")
        .first()
    )
    return [
        ("gezond (trivial view)", None, reverse("portaal:gezond"), False),
        ("area page (kern)", None, reverse("gebieden:kern", args=[gemeente.slug, kern.slug]), False),
        ("contact lookup", None, reverse("rollen:contactpersonen") + f"?gebied=kern-{kern.pk}", False),
        ("group list", LOGINS["medewerker"], reverse("bewonersgroepen:lijst"), False),
        ("group detail", LOGINS["medewerker"], reverse("bewonersgroepen:detail", args=[groep.pk]), False),
        ("work queue", LOGINS["medewerker"], reverse("leefbaarheidsbudget:werkvoorraad"), False),
        ("my applications (member)", LOGINS["groepslid"], reverse("leefbaarheidsbudget:mijn_aanvragen"), False),
        ("application detail", LOGINS["medewerker"], reverse("leefbaarheidsbudget:aanvraag", args=[aanvraag.pk]), False),
        ("dashboard (council)", LOGINS["raadslid"], reverse("raad:dashboard"), False),
        (DASHBOARD_LEEG, LOGINS["raadslid"], reverse("raad:dashboard"), False),
        ("motions list", LOGINS["raadslid"], reverse("raad:moties"), False),
        ("transparency (public)", None, reverse("raad:transparantie") + f"?gemeente={gemeente.slug}", False),
        ("CSV export (first byte)", LOGINS["medewerker"], reverse("leefbaarheidsbudget:export", args=[jaar]), True),
        ("meldingen: my queue", beheerder, wachtrij + "?lijst=mijn", False),
        ("meldingen: all open", beheerder, wachtrij + "?lijst=alle", False),
        ("meldingen: overdue", beheerder, wachtrij + "?lijst=te_laat", False),
        ("meldingen: unassigned", beheerder, wachtrij + "?lijst=niet_toegewezen", False),
        ("meldingen: status (public)", None, reverse("meldingen:status", args=[melding.token]), False),
        ("meldingen: wijk page (public)", None, reverse("meldingen:wijk", args=[drukste["wijk__code"]]), False),
        ("meldingen: wijk map points (public)", None, reverse("meldingen:wijk_punten", args=[drukste["wijk__code"]]), False),
        ("meldingen: kern page (public)", None, reverse("meldingen:kern", args=[gemeente.slug, drukste["kern__slug"]]), False),
        ("open figures with meldingen (public)", None, reverse("raad:transparantie") + f"?gemeente={gemeente.slug}&jaar={jaar}", False),
    ]  # fmt: skip


def een_verzoek(client, url: str, gestreamd: bool, leeg: bool = False) -> tuple[int, float, int]:
    """(status, seconds to the first byte of the body, total bytes); `leeg`: with an empty cache."""
    if leeg:  # before the clock starts; only this database's keys (Django's clear() empties all of Redis)
        from django.conf import settings
        from django.core.cache import cache

        if REDIS:
            cache_legen(settings.DATABASES["default"]["NAME"])
        else:
            cache.clear()
    start = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        stukken = iter(response.streaming_content)
        eerste = next(stukken, b"")
        eerste_byte = time.perf_counter() - start
        grootte = len(eerste) + sum(len(s) for s in stukken)
        response.close()
        return response.status_code, eerste_byte, grootte
    return response.status_code, time.perf_counter() - start, len(response.content)


def meten(uitvoer: str, verzoeken: int) -> None:
    import django

    sys.path.insert(0, str(BASIS))
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    resultaten = {}
    for label, login, url, gestreamd in paginas():
        client = Client()
        if login:
            client.force_login(User.objects.get(email=login))
        leeg = label == DASHBOARD_LEEG
        for _ in range(3):  # warm-up: templates, caches, connection
            een_verzoek(client, url, gestreamd, leeg)
        with CaptureQueriesContext(connection) as queries:
            status, _, grootte = een_verzoek(client, url, gestreamd, leeg)
        aantal_queries = len(queries)  # now: the next request clears the connection's query log
        if status != 200:
            raise SystemExit(f"{label}: {url} gaf {status}")
        tijden = sorted(een_verzoek(client, url, gestreamd, leeg)[1] * 1000 for _ in range(verzoeken))
        resultaten[label] = {
            "url": url,
            "queries": aantal_queries,
            "p50": statistics.median(tijden),
            "p95": tijden[min(len(tijden) - 1, round(0.95 * (len(tijden) - 1)))],
            "bytes": grootte,
        }
        print(
            f"   {label:<28} {aantal_queries:>3} queries  p95 {resultaten[label]['p95']:7.1f} ms", flush=True
        )
    Path(uitvoer).write_text(json.dumps(resultaten))


# --- report --------------------------------------------------------------------------------------


def tabel(scales, uitkomsten) -> str:
    klein, groot = scales
    a, b = uitkomsten[klein], uitkomsten[groot]
    regels = [
        f"| page | queries (scale {klein}) | queries (scale {groot}) | p50 / p95 ms (scale {klein}) "
        f"| p50 / p95 ms (scale {groot}) | p95 ratio {groot}/{klein} |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label in a:
        x, y = a[label], b[label]
        regels.append(
            f"| {label} | {x['queries']} | {y['queries']} | {x['p50']:.1f} / {x['p95']:.1f} "
            f"| {y['p50']:.1f} / {y['p95']:.1f} | {y['p95'] / x['p95']:.2f} |"
        )
    return "\n".join(regels)


def doelen(scales, uitkomsten) -> list[str]:
    """One line per page that misses a target (issue 17), or one line saying all are met."""
    klein, groot = scales
    missers = []
    for label, y in uitkomsten[groot].items():
        x = uitkomsten[klein][label]
        if x["queries"] != y["queries"]:
            missers.append(f"{label}: {x['queries']} queries at scale {klein}, {y['queries']} at {groot}")
        if y["queries"] > MAX_QUERIES:
            missers.append(f"{label}: {y['queries']} queries (at most {MAX_QUERIES})")
        if (label in LIJST_OF_DETAIL or label in MELDINGEN) and y["p95"] >= P95_PAGINA_MS:
            missers.append(f"{label}: p95 {y['p95']:.1f} ms at scale {groot} (under {P95_PAGINA_MS})")
        if label == DASHBOARD_LEEG and y["p95"] >= P95_DASHBOARD_LEEG_MS:
            missers.append(f"{label}: p95 {y['p95']:.1f} ms at scale {groot} (under {P95_DASHBOARD_LEEG_MS})")
    return missers or ["All targets met."]


def main() -> None:
    global PREFIX
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="scale 0.2 and 2, 10 requests per page")
    parser.add_argument("--scales", default="", help="two scales, e.g. 1,100 (default) or 1,20")
    parser.add_argument("--requests", type=int, default=0, help="timed requests per page (default 50)")
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    parser.add_argument(
        "--prefix", default=PREFIX, help="database names: PREFIX_s1, PREFIX_s100 (default gp_bench)"
    )
    parser.add_argument("--meten", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.meten:
        meten(args.meten, args.requests)
        return
    PREFIX = args.prefix
    scales = [
        float(s) if "." in s else int(s)
        for s in (args.scales or ("0.2,2" if args.quick else "1,100")).split(",")
    ]
    verzoeken = args.requests or (10 if args.quick else 50)
    uitkomsten = {}
    for scale in scales:
        bouwen(scale, args.reuse)
        cache_legen(db_naam(scale))  # nothing cached by an earlier run
        print(f"== schaal {scale}: {verzoeken} verzoeken per pagina", flush=True)
        uitkomsten[scale] = meten_in_proces(scale, verzoeken)
    load = os.getloadavg()
    print()
    print(
        f"PostgreSQL, {os.cpu_count()} cores, load average {load[0]:.1f}; {verzoeken} requests per page; "
        f"latency in ms through Django's test Client (no network)."
    )
    print()
    print(tabel(scales, uitkomsten))
    print()
    for regel in doelen(scales, uitkomsten):
        print(regel)


if __name__ == "__main__":
    main()
