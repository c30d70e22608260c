"""`manage.py generate_data --scale N [--seed S]`: fill a fresh database with synthetic data in bulk.

A thin wrapper: the generator is the benchmark's (bench/synthetisch.py), not part of the portal's code.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_WACHTWOORD


class Command(BaseCommand):
    help = (
        "Vul een (lege, gemigreerde) database met synthetische gegevens: schaal 1 is één gemeente als "
        "Stichtse Vecht (12 kernen, ~60 groepen, vijf jaar aanvragen: ~1.500), schaal N is N gemeenten. "
        "Zelfde seed en peildatum: zelfde gegevens."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, required=True, help="Aantal gemeenten (0,05 = een stukje van één)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Startgetal van het toeval (standaard 1).")
        parser.add_argument(
            "--peildatum",
            type=date.fromisoformat,
            default=None,
            help="Datum waarop de gegevens 'vandaag' zijn, JJJJ-MM-DD (standaard: vandaag).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=2,
            help="Aantal processen op PostgreSQL (standaard 2; elk schrijft zijn gemeenten in een eigen transactie).",
        )

    def handle(self, *args, scale, seed, peildatum, jobs, **options):
        from bench.synthetisch import LOGINS, Generator

        try:
            generator = Generator(scale=scale, seed=seed, vandaag=peildatum, jobs=jobs, log=self.stdout.write)
            telling = generator.run()
        except ValueError as fout:
            raise CommandError(str(fout)) from fout
        rijen = telling.rijen
        self.stdout.write(
            self.style.SUCCESS(f"Klaar in {rijen.pop('seconden')} s (schaal {scale}, seed {seed}).")
        )
        for naam, aantal in rijen.items():
            self.stdout.write(f"  {naam:<20} {aantal:>9}")
        self.stdout.write(f"Logins (wachtwoord voor allemaal: {DEMO_WACHTWOORD}):")
        for soort, email in LOGINS.items():
            self.stdout.write(f"  {soort:<12} {email}")
