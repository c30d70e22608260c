"""Daily (WACHTRIJ_PLANNING, run by bin/worker): remove the reporter's contact details from meldingen
closed longer ago than MELDINGEN_CONTACT_BEWAREN_DAGEN (default 90; docs/privacy.md)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from meldingen.services import contactgegevens_opruimen


class Command(BaseCommand):
    help = (
        "Verwijdert e-mailadres, telefoonnummer en account van de melder bij meldingen die langer dan "
        "MELDINGEN_CONTACT_BEWAREN_DAGEN geleden zijn gesloten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", type=datetime.date.fromisoformat, help="Doe alsof het deze dag is (JJJJ-MM-DD)."
        )
        parser.add_argument("--proef", action="store_true", help="Tel alleen, wijzig niets.")

    def handle(self, *args, datum=None, proef=False, **options):
        dagen = getattr(settings, "MELDINGEN_CONTACT_BEWAREN_DAGEN", 90)
        grensdag = (datum or timezone.localdate()) - datetime.timedelta(days=dagen)
        grens = datetime.datetime.combine(grensdag, datetime.time.min, tzinfo=timezone.get_current_timezone())
        aantal = contactgegevens_opruimen(gesloten_voor=grens, proef=proef)
        werkwoord = "zou(den) worden" if proef else "is/zijn"
        self.stdout.write(
            self.style.SUCCESS(
                f"Contactgegevens van {aantal} melding(en) {werkwoord} verwijderd (gesloten vóór {grensdag:%d-%m-%Y})."
            )
        )
