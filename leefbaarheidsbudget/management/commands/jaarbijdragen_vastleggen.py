"""Daily job: reserve this year's contribution (jaarbijdrage) of every active samenwerkingsovereenkomst
against the year's budget (leefbaarheidsbudget.services.jaarbijdragen_vastleggen). Safe to run again:
an agreement gets one contribution per year; one refused (no budget yet, too little left) is tried again.

Run by the worker's schedule (WACHTRIJ_PLANNING, daily 06:45), or from cron:
    45 6 * * * cd /srv/gebiedsportaal && .venv/bin/python manage.py jaarbijdragen_vastleggen
"""

from django.core.management.base import BaseCommand

from leefbaarheidsbudget.services import jaarbijdragen_vastleggen


class Command(BaseCommand):
    help = (
        "Legt de jaarbijdrage van elke actieve samenwerkingsovereenkomst vast op het budget van het jaar. "
        "Elke overeenkomst krijgt één jaarbijdrage per jaar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jaar", type=int, help="Het jaar (standaard: dit jaar).")

    def handle(self, *args, jaar=None, **options):
        uitkomst = jaarbijdragen_vastleggen(jaar=jaar)
        for aanvraag in uitkomst.vastgelegd:
            self.stdout.write(
                f"Vastgelegd: {aanvraag.kenmerk} {aanvraag.groep.naam}, {aanvraag.toegekend_bedrag}."
            )
        for overeenkomst, reden in uitkomst.overgeslagen:
            self.stdout.write(self.style.WARNING(f"Niet vastgelegd: {overeenkomst}. {reden}"))
        self.stdout.write(
            f"{len(uitkomst.vastgelegd)} jaarbijdrage(n) vastgelegd, {len(uitkomst.overgeslagen)} niet."
        )
        self.stdout.write(self.style.SUCCESS("Klaar."))
