"""Every migration, run on a fresh database, gives the schema the tests run on.

The test databases are made from the models (config/settings/test.py, `MIGRATE: False`: about 1 s instead
of 20 s per worker); production runs the migrations. This test runs them all, in a new process on a new
database (an SQLite file, or a new PostgreSQL database beside the test database), and compares every
table, column and constraint with the test database's. `makemigrations --check` (.ci/run) checks that the
migrations describe the models; this checks that running them builds that description. On the way, it takes
gebieden 0007 back, puts areas with a boundary in their own column, and runs 0007 again, which moves the
boundaries into their own table, and checks they arrived.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.postgres import beheer, server_url

BASIS = Path(__file__).resolve().parent.parent

MIGREREN_EN_BESCHRIJVEN = """
import json
import django
django.setup()
from django.core.management import call_command
from django.db import connection

from tests.postgres import beheer, server_url
from tests.test_migraties import beschrijving, grenzen_voor, grenzen_na
call_command("migrate", verbosity=0, interactive=False)
call_command("migrate", "gebieden", "0006", verbosity=0, interactive=False)  # 0007 backwards
grenzen_voor(connection)
call_command("migrate", verbosity=0, interactive=False)
print(json.dumps({"schema": beschrijving(connection), "grenzen": grenzen_na()}))
"""
VIERKANT = {"type": "Polygon", "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.1]]]}


def grenzen_voor(verbinding) -> None:
    """Before gebieden 0007: a gemeente and a kern with a boundary in their own column, a kern without."""
    from django.db.migrations.executor import MigrationExecutor

    staat = MigrationExecutor(verbinding).loader.project_state(("gebieden", "0006_gemeente_bezwaar"))
    Gemeente, Kern = staat.apps.get_model("gebieden", "Gemeente"), staat.apps.get_model("gebieden", "Kern")
    gemeente = Gemeente.objects.create(
        code="GM0355", naam="Stichtse Vecht", slug="stichtse-vecht", grens=VIERKANT
    )
    Kern.objects.create(gemeente=gemeente, naam="Breukelen", slug="breukelen", grens=VIERKANT)
    Kern.objects.create(gemeente=gemeente, naam="Nigtevecht", slug="nigtevecht")


def grenzen_na() -> list:
    from gebieden.models import Gebiedsgrens

    return sorted([str(g.gebied), g.geometrie == VIERKANT] for g in Gebiedsgrens.objects.all())


NAAMLOOS = ("fk_", "__unnamed_constraint_")
# Django's own difference, not ours: its migrations make the id of an auto-created many-to-many table the
# project's DEFAULT_AUTO_FIELD (bigint on PostgreSQL), the models the app's own (auth: int). Compared
# without type and size.
TYPE_VRIJ = {("auth_group_permissions", "id")}


def beschrijving(verbinding) -> dict:
    """Per table its columns (name, type, size, null) and its constraints and indexes by name."""
    intro = verbinding.introspection
    schema = {}
    with verbinding.cursor() as cursor:
        for tabel in sorted(intro.table_names(cursor)):
            if tabel == "django_migrations":  # the migrations' own bookkeeping
                continue
            kolommen = sorted(
                [k.name, str(k.type_code), k.internal_size, k.precision, k.scale, bool(k.null_ok)]
                if (tabel, k.name) not in TYPE_VRIJ
                else [k.name, None, None, k.precision, k.scale, bool(k.null_ok)]
                for k in intro.get_table_description(cursor, tabel)
            )
            beperkingen, naamloos = {}, []
            for naam, info in intro.get_constraints(cursor, tabel).items():
                info = {
                    sleutel: waarde for sleutel, waarde in sorted(info.items()) if sleutel != "definition"
                }
                # SQLite numbers its unnamed foreign keys and constraints in the order of the table's SQL,
                # which a migration that rebuilds the table changes: those compare without their names.
                if naam.startswith(NAAMLOOS):
                    naamloos.append(json.dumps(info, sort_keys=True, default=str))
                else:
                    beperkingen[naam] = info
            schema[tabel] = {"kolommen": kolommen, "beperkingen": beperkingen, "naamloos": sorted(naamloos)}
    # Through JSON, as the other process's answer comes: tuples become lists on both sides.
    return json.loads(json.dumps(schema, sort_keys=True, default=str))


def _database_url_en_opruimen():
    """A new, empty database of the same kind as the test database, and how to remove it."""
    db = settings.DATABASES["default"]
    naam = f"gp_migraties_{os.getpid()}_{secrets.token_hex(3)}"
    if db["ENGINE"].endswith("sqlite3"):
        pad = Path(settings.PRIVATE_MEDIA_ROOT) / f"{naam}.sqlite3"
        return f"sqlite:///{pad}", lambda: pad.unlink(missing_ok=True)
    beheer(f'CREATE DATABASE "{naam}"')
    return f"{server_url()}/{naam}", lambda: beheer(f'DROP DATABASE IF EXISTS "{naam}"')


def test_migraties_bouwen_hetzelfde_schema_als_de_modellen(db):
    database_url, opruimen = _database_url_en_opruimen()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings.test")
    try:
        uit = subprocess.run(
            [sys.executable, "-c", MIGREREN_EN_BESCHRIJVEN],
            cwd=BASIS,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        opruimen()
    assert uit.returncode == 0, uit.stderr[-3000:]
    antwoord = json.loads(uit.stdout.strip().splitlines()[-1])
    # gebieden 0007 moved the boundaries from the areas' columns into their own table.
    assert antwoord["grenzen"] == [["Breukelen", True], ["Stichtse Vecht", True]]
    gemigreerd = antwoord["schema"]
    uit_modellen = beschrijving(connection)

    assert sorted(gemigreerd) == sorted(uit_modellen), "andere tabellen"
    verschillen = [
        f"{tabel}: {deel}\n  na migraties: {gemigreerd[tabel][deel]}\n  uit modellen: {uit_modellen[tabel][deel]}"
        for tabel in uit_modellen
        for deel in ("kolommen", "beperkingen", "naamloos")
        if gemigreerd[tabel][deel] != uit_modellen[tabel][deel]
    ]
    assert not verschillen, "\n".join(verschillen[:10])
