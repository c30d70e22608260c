"""Daily job: ask groups for their accountability once the activity is over, and remind them once when
it is late (leefbaarheidsbudget.services.verantwoording_herinneren). Each mail goes once per application.

Run by the worker's schedule (WACHTRIJ_PLANNING, daily 07:15), or from cron:
    15 7 * * * cd /srv/gebiedsportaal && .venv/bin/python manage.py herinner_verantwoording
"""

import datetime

from django.core.management.base import BaseCommand

from leefbaarheidsbudget.services import verantwoording_herinneren


class Command(BaseCommand):
    help = (
        "Mailt groepen om hun verantwoording als de activiteit voorbij is, en één herinnering als de "
        "verantwoording te laat is. Elke mail gaat maar één keer per aanvraag."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", type=datetime.date.fromisoformat, help="Doe alsof het deze dag is (JJJJ-MM-DD)."
        )

    def handle(self, *args, datum=None, **options):
        geteld = verantwoording_herinneren(vandaag=datum)
        self.stdout.write(
            f"Verantwoording gevraagd bij {geteld['gevraagd']} aanvraag/aanvragen; "
            f"{geteld['te_laat']} herinnering(en) verstuurd omdat de verantwoording te laat is."
        )
        self.stdout.write(self.style.SUCCESS("Klaar."))
