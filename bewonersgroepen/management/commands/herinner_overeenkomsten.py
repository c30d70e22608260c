"""Job for cron: close agreements past their end date, tell each group that its agreement ends
(once at 90 days, once more at 30 days) (daily, also with --alleen-afsluiten), and e-mail each adviseur a digest.

Example crontab (close expired agreements every night, the digest every Monday at 07:00):
    5 0 * * * cd /srv/gebiedsportaal && .venv/bin/python manage.py herinner_overeenkomsten --alleen-afsluiten
    0 7 * * 1 cd /srv/gebiedsportaal && .venv/bin/python manage.py herinner_overeenkomsten
"""

import datetime

from django.core.management.base import BaseCommand

from bewonersgroepen.services import (
    einde_overeenkomsten_aankondigen,
    herinneringen_versturen,
    verlopen_overeenkomsten_afsluiten,
)


class Command(BaseCommand):
    help = (
        "Zet samenwerkingsovereenkomsten waarvan de einddatum voorbij is op 'verlopen', mailt elke groep "
        "dat haar overeenkomst afloopt (één keer 90 dagen en één keer 30 dagen voor de einddatum), en mailt elke "
        "verantwoordelijke adviseur één overzicht van de overeenkomsten die binnen 90 dagen aflopen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", type=datetime.date.fromisoformat, help="Doe alsof het deze dag is (JJJJ-MM-DD)."
        )
        parser.add_argument(
            "--alleen-afsluiten",
            action="store_true",
            help="Zet alleen verlopen overeenkomsten op 'verlopen'; mail geen overzicht (voor elke nacht).",
        )

    def handle(self, *args, datum=None, alleen_afsluiten=False, **options):
        verlopen = verlopen_overeenkomsten_afsluiten(vandaag=datum)
        self.stdout.write(f"{verlopen} overeenkomst(en) op 'verlopen' gezet.")
        aangekondigd = einde_overeenkomsten_aankondigen(vandaag=datum)
        self.stdout.write(f"{aangekondigd} groep(en) gemaild dat hun overeenkomst binnenkort afloopt.")
        if alleen_afsluiten:
            self.stdout.write(self.style.SUCCESS("Klaar."))
            return
        resultaat = herinneringen_versturen(vandaag=datum)
        for email, aantal in sorted(resultaat.verstuurd.items()):
            self.stdout.write(f"Overzicht met {aantal} overeenkomst(en) gemaild naar {email}.")
        for overeenkomst in resultaat.zonder_verantwoordelijke:
            self.stderr.write(
                f"Geen verantwoordelijke gevonden voor {overeenkomst}: wijs een adviseur toe aan het gebied."
            )
        self.stdout.write(self.style.SUCCESS("Klaar."))
