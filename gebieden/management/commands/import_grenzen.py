from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gebieden.services import ImportFout, grenzen_importeren, lees_bestand


class Command(BaseCommand):
    help = (
        "Importeer de grenzen van gemeenten, wijken en buurten uit een GeoJSON-bestand in WGS84 (EPSG:4326), "
        "bijvoorbeeld de CBS-wijk- en buurtkaart. Elk gebied wordt gevonden op zijn CBS-code (GM…, WK… of "
        "BU…) in de eigenschappen. Een kern krijgt de grens van zijn wijken zodra al zijn wijken een grens "
        "hebben; dan kleurt de kaart van het raadsdashboard hem."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="GeoJSON FeatureCollection in WGS84")

    def handle(self, *args, bestand, **options):
        pad = Path(bestand)
        if not pad.exists():
            raise CommandError(f"Bestand {pad} bestaat niet.")
        try:
            resultaat = grenzen_importeren(tekst=lees_bestand(pad))
        except ImportFout as fout:
            raise CommandError(f"{pad}, gebied {fout.regel}: {fout.reden} Er is niets opgeslagen.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{pad} is geen UTF-8-tekstbestand. Er is niets opgeslagen.") from None
        self.stdout.write(self.style.SUCCESS(f"Grenzen geïmporteerd: {resultaat.samenvatting()}"))
