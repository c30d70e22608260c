from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gebieden.services import PostcodeImportFout, postcodes_importeren


class Command(BaseCommand):
    help = (
        "Importeer een postcodetabel: de CBS-tabel 'postcode en huisnummer per buurt' "
        "(PC6;Huisnummer;Buurt2023;…) of een eigen tabel met de kolommen postcode,gebiedscode "
        "(en eventueel huisnummer_van, huisnummer_tot, straat, bij_benadering). "
        "Een nieuwe import van dezelfde soort vervangt de vorige voor de gemeenten in het bestand."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV-bestand (komma of puntkomma, UTF-8)")
        parser.add_argument(
            "--bij-benadering",
            action="store_true",
            help="Markeer alle regels als 'bij benadering' (bijvoorbeeld een tabel van postcodes met 4 cijfers)",
        )

    def handle(self, *args, bestand, bij_benadering=False, **options):
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand {pad} bestaat niet.")
        try:
            with pad.open(encoding="utf-8-sig", newline="") as invoer:
                resultaat = postcodes_importeren(bestand=invoer, bij_benadering=bij_benadering)
        except PostcodeImportFout as fout:
            for regel, reden in fout.fouten:
                self.stderr.write(f"{pad}, regel {regel}: {reden}")
            meer = fout.aantal - len(fout.fouten)
            if meer > 0:
                self.stderr.write(f"… en nog {meer} foute regels.")
            raise CommandError(f"{fout.aantal} foute regel(s). Er is niets opgeslagen.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{pad} is geen UTF-8-tekstbestand. Er is niets opgeslagen.") from None
        self.stdout.write(self.style.SUCCESS(f"Postcodes geïmporteerd: {resultaat.samenvatting()}."))
