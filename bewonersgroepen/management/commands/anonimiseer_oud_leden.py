"""Nightly job (cron): anonymise members whose last membership ended longer ago than the retention term.

The term is the setting AVG_BEWAARTERMIJN_LEDEN_DAGEN (default 730 days; see docs/privacy.md). Example
crontab line (03:00 every night):
    0 3 * * * cd /srv/gebiedsportaal && .venv/bin/python manage.py anonimiseer_oud_leden
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.privacy import persoon_anonimiseren
from bewonersgroepen.privacy import oud_leden, verlopen_uitnodigingen_opruimen


class Command(BaseCommand):
    help = (
        "Anonimiseert leden van bewonersgroepen van wie het laatste lidmaatschap langer geleden eindigde "
        "dan de bewaartermijn (AVG_BEWAARTERMIJN_LEDEN_DAGEN), en verwijdert uitnodigingen die zo lang "
        "geleden verliepen zonder te zijn geaccepteerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", type=datetime.date.fromisoformat, help="Doe alsof het deze dag is (JJJJ-MM-DD)."
        )
        parser.add_argument("--proef", action="store_true", help="Toon wie het zou treffen, wijzig niets.")

    def handle(self, *args, datum=None, proef=False, **options):
        termijn = getattr(settings, "AVG_BEWAARTERMIJN_LEDEN_DAGEN", 730)
        grens = (datum or timezone.localdate()) - datetime.timedelta(days=termijn)
        aantal = 0
        for user in oud_leden(beeindigd_voor=grens):
            if proef:
                self.stdout.write(
                    f"Zou anonimiseren: gebruiker {user.pk} (lid tot {user.laatste_tot:%d-%m-%Y})."
                )
                aantal += 1
                continue
            try:
                persoon_anonimiseren(user=user)
            except ValidationError as fout:
                self.stderr.write(f"Gebruiker {user.pk} niet geanonimiseerd: {' '.join(fout.messages)}")
            else:
                aantal += 1
        if not proef:
            begin = datetime.datetime.combine(
                grens, datetime.time.min, tzinfo=timezone.get_current_timezone()
            )
            weg = verlopen_uitnodigingen_opruimen(verlopen_voor=begin)
            self.stdout.write(f"{weg} verlopen, niet geaccepteerde uitnodiging(en) verwijderd.")
        werkwoord = "zou(den) worden" if proef else "is/zijn"
        self.stdout.write(
            self.style.SUCCESS(
                f"{aantal} oud-lid/leden {werkwoord} geanonimiseerd (lidmaatschap geëindigd vóór {grens:%d-%m-%Y})."
            )
        )
