"""Daily (WACHTRIJ_PLANNING, run by bin/worker): close every open consultation round whose period has
passed, and delete residents' responses never confirmed within RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN
(default 7; docs/privacy.md)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from participatie.raadplegingen import onbevestigd_verwijderen, verlopen_sluiten


class Command(BaseCommand):
    help = (
        "Sluit raadplegingen waarvan de periode voorbij is en verwijdert reacties van inwoners die na "
        "RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN nog niet bevestigd zijn."
    )

    def handle(self, *args, **options):
        nu = timezone.now()
        gesloten = verlopen_sluiten(nu)
        dagen = getattr(settings, "RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN", 7)
        verwijderd = onbevestigd_verwijderen(nu - datetime.timedelta(days=dagen))
        self.stdout.write(
            self.style.SUCCESS(
                f"{gesloten} raadpleging(en) gesloten; {verwijderd} onbevestigde reactie(s) verwijderd."
            )
        )
