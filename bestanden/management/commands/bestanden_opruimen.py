"""Remove files in the private storage that no row points to (scheduled daily: WACHTRIJ_PLANNING).

Such files come from a row deleted without its file, a replaced document, a rolled-back transaction
after the file was written, or a temporary file of a process killed while writing. Only files older than
the grace period go: an upload in progress (its file written, its row not yet committed) is never touched.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from bestanden.opslag import prive_opslag
from bestanden.verwijzingen import alle_bestanden, verwijzingen


class Command(BaseCommand):
    help = "Verwijdert privébestanden waar geen rij naar verwijst en die ouder zijn dan de wachttijd."

    def add_arguments(self, parser):
        parser.add_argument(
            "--wachttijd-minuten",
            type=int,
            default=60,
            help="Alleen bestanden die langer geleden zijn opgeslagen (standaard 60 minuten).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Alleen tonen, niets verwijderen.")

    def handle(self, *, wachttijd_minuten, dry_run, **opties):
        opslag = prive_opslag()
        grens = timezone.now() - datetime.timedelta(minutes=wachttijd_minuten)
        # First every file, then the rows: a file saved in between is younger than the grace period.
        bestanden = list(alle_bestanden(opslag))
        bekend = {naam for _, _, naam in verwijzingen(opslag)}
        weg = 0
        for naam in bestanden:
            if naam in bekend:
                continue
            try:
                gewijzigd = opslag.get_modified_time(naam)
            except FileNotFoundError:
                continue
            if timezone.is_naive(gewijzigd):
                gewijzigd = timezone.make_aware(gewijzigd)
            if gewijzigd > grens:
                continue
            if dry_run:
                self.stdout.write(f"zou verwijderen: {naam}")
            else:
                opslag.delete(naam)
            weg += 1
        werkwoord = "zou verwijderen" if dry_run else "verwijderd"
        self.stdout.write(f"{len(bestanden)} bestanden bekeken, {weg} zonder rij {werkwoord}.")
