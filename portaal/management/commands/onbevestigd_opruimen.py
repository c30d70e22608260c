"""Job for cron: delete what anonymous visitors left behind and never confirmed.

- group registrations not confirmed within AANMELDING_BEVESTIGEN_DAGEN (7) days (bewonersgroepen);
- addresses that asked to follow a kern or wijk and did not confirm within 7 days (gebiedsagenda);
- the rate-limit counters of hours that have passed (limiet).

Example crontab (every hour, so nothing stays much longer than its term):
    15 * * * * cd /srv/gebiedsportaal && .venv/bin/python manage.py onbevestigd_opruimen
"""

from django.core.management.base import BaseCommand

import limiet
from bewonersgroepen.services import onbevestigde_aanmeldingen_opruimen
from gebiedsagenda.services import onbevestigde_volgers_opruimen


class Command(BaseCommand):
    help = (
        "Verwijdert groepsaanmeldingen en volg-aanmeldingen die niet binnen 7 dagen zijn bevestigd, en de "
        "tellers van de verzendlimiet van voorbije uren."
    )

    def handle(self, *args, **options):
        aanmeldingen = onbevestigde_aanmeldingen_opruimen()
        volgers = onbevestigde_volgers_opruimen()
        tellers = limiet.opruimen()
        self.stdout.write(
            f"{aanmeldingen} onbevestigde aanmelding(en), {volgers} onbevestigde volger(s) en "
            f"{tellers} teller(s) verwijderd."
        )
