"""Job for cron: delete what anonymous visitors left behind and never confirmed.

- group registrations not confirmed within AANMELDING_BEVESTIGEN_DAGEN (7) days (bewonersgroepen);
- addresses that asked to follow a kern or wijk and did not confirm within 7 days (gebiedsagenda);
- the rate-limit counters of hours that have passed (limiet);
- the one-time keys of create forms sent more than a day ago (invoer.eenmalig).

Example crontab (every hour, so nothing stays much longer than its term):
    15 * * * * cd /srv/gebiedsportaal && .venv/bin/python manage.py onbevestigd_opruimen
"""

from django.core.management.base import BaseCommand

import limiet
from bewonersgroepen.services import onbevestigde_aanmeldingen_opruimen
from gebiedsagenda.services import onbevestigde_volgers_opruimen
from invoer import eenmalig


class Command(BaseCommand):
    help = (
        "Verwijdert groepsaanmeldingen en volg-aanmeldingen die niet binnen 7 dagen zijn bevestigd, en de "
        "tellers van de verzendlimiet van voorbije uren en formuliersleutels van meer dan een dag oud."
    )

    def handle(self, *args, **options):
        aanmeldingen = onbevestigde_aanmeldingen_opruimen()
        volgers = onbevestigde_volgers_opruimen()
        tellers = limiet.opruimen()
        sleutels = eenmalig.opruimen()
        self.stdout.write(
            f"{aanmeldingen} onbevestigde aanmelding(en), {volgers} onbevestigde volger(s), "
            f"{tellers} teller(s) en {sleutels} formuliersleutel(s) verwijderd."
        )
