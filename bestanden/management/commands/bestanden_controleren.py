"""Check that every file a row points to is in the private storage (bin/backup-check, after a restore).

    manage.py bestanden_controleren                        every referenced file exists
    manage.py bestanden_controleren --lijst-maken uit.json  ... and write name, size and SHA-256 of each
    manage.py bestanden_controleren --lijst uit.json       ... and each has the size and SHA-256 listed

The list is made from the source before the back-up and checked against the restored files. Missing or
different files are listed (model, row, name); the command then exits with status 1.
"""

import hashlib
import json
import sys

from django.core.management.base import BaseCommand

from bestanden.opslag import prive_opslag
from bestanden.verwijzingen import verwijzingen


def _kenmerken(opslag, naam: str) -> dict:
    sha = hashlib.sha256()
    grootte = 0
    with opslag.open(naam, "rb") as bestand:
        for blok in bestand.chunks():
            sha.update(blok)
            grootte += len(blok)
    return {"grootte": grootte, "sha256": sha.hexdigest()}


class Command(BaseCommand):
    help = "Controleert of elk bestand waar een rij naar verwijst er is (en gelijk is aan een lijst)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lijst-maken", metavar="BESTAND", help="Schrijf grootte en SHA-256 per bestand."
        )
        parser.add_argument("--lijst", metavar="BESTAND", help="Vergelijk met een eerder gemaakte lijst.")

    def handle(self, *, lijst_maken, lijst, **opties):
        opslag = prive_opslag()
        verwacht = None
        if lijst:
            with open(lijst, encoding="utf-8") as f:
                verwacht = json.load(f)
        gezien: dict[str, dict | None] = {}
        fouten = []
        for model, pk, naam in verwijzingen(opslag):
            waar = f"{model._meta.label} {pk}: {naam}"
            if naam not in gezien:
                try:
                    if lijst_maken or verwacht is not None:
                        gezien[naam] = _kenmerken(opslag, naam)
                    else:
                        gezien[naam] = {} if opslag.exists(naam) else None
                except FileNotFoundError:  # on disk and in object storage (django-storages) alike
                    gezien[naam] = None
            if gezien[naam] is None:
                fouten.append(f"ontbreekt: {waar}")
            elif verwacht is not None and naam in verwacht and verwacht[naam] != gezien[naam]:
                fouten.append(f"afwijkend (grootte of inhoud): {waar}")
        if verwacht is not None:
            for naam in sorted(set(verwacht) - set(gezien)):
                fouten.append(f"geen rij meer: {naam}")
        if lijst_maken:
            with open(lijst_maken, "w", encoding="utf-8") as f:
                json.dump({n: k for n, k in sorted(gezien.items()) if k is not None}, f, indent=1)
        for regel in fouten:
            self.stderr.write(regel)
        if fouten:
            self.stderr.write(f"FOUT: {len(fouten)} bestanden ontbreken of wijken af (van {len(gezien)}).")
            sys.exit(1)
        self.stdout.write(f"Alle {len(gezien)} bestanden waar een rij naar verwijst zijn aanwezig en gelijk.")
