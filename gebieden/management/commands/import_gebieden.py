from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gebieden.services import (
    ImportFout,
    gebieden_importeren,
    jaar_uit_bestandsnaam,
    kernindeling_uit_csv,
    lees_bestand,
    regios_uit_cbs,
)


class Command(BaseCommand):
    help = (
        "Importeer gemeenten, wijken en buurten uit de CBS-tabel 'Kerncijfers wijken en buurten' (CSV). "
        "Optioneel een tweede bestand met per wijk de kern (kolommen wijkcode, kern)."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV uit StatLine of OData (komma of puntkomma)")
        parser.add_argument("--kernen", help="CSV met de kolommen wijkcode en kern")
        parser.add_argument(
            "--jaar",
            type=int,
            help="Jaar van de CBS-indeling (anders uit de bestandsnaam: een jaartal of het tabelnummer, zoals 85984NED)",
        )

    def handle(self, *args, bestand, kernen=None, jaar=None, **options):
        pad = Path(bestand)
        if not pad.exists():
            raise CommandError(f"Bestand {pad} bestaat niet.")
        if kernen and not Path(kernen).exists():
            raise CommandError(f"Kernbestand {kernen} bestaat niet.")
        if jaar is None:
            jaar = jaar_uit_bestandsnaam(pad.name)
        try:
            regios = regios_uit_cbs(lees_bestand(pad))
            indeling = kernindeling_uit_csv(lees_bestand(kernen)) if kernen else None
            resultaat = gebieden_importeren(regios=regios, jaar=jaar, kernindeling=indeling)
        except ImportFout as fout:
            bron = kernen if fout.kernbestand else pad
            raise CommandError(f"{bron}, regel {fout.regel}: {fout.reden} Er is niets opgeslagen.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{pad} is geen UTF-8-tekstbestand. Er is niets opgeslagen.") from None
        self.stdout.write(
            self.style.SUCCESS(f"Import klaar (jaar {jaar or 'onbekend'}): {resultaat.samenvatting()}")
        )
