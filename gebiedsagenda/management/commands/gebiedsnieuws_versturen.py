from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gebiedsagenda.services import overzichten_versturen


class Command(BaseCommand):
    help = (
        "Stuur elke volger één overzicht van wat er sinds het vorige overzicht veranderde in de gebieden die "
        "hij volgt (nieuws, voortgang van opgaven, besluiten over het leefbaarheidsbudget). Wie niets nieuws "
        "heeft, krijgt niets. Bedoeld voor cron, één keer per week, bijvoorbeeld: "
        "0 7 * * 1 manage.py gebiedsnieuws_versturen"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--basis-url",
            help="Adres van het portaal voor de links in de e-mail, bijv. https://gebiedsportaal.example/ "
            "(standaard de instelling PORTAAL_URL)",
        )

    def handle(self, *args, basis_url=None, **options):
        basis_url = basis_url or settings.PORTAAL_URL
        if not basis_url:
            raise CommandError(
                "Geef --basis-url op of stel PORTAAL_URL in: de links in de e-mail hebben het nodig."
            )
        if not basis_url.endswith("/"):
            basis_url += "/"
        aantal = overzichten_versturen(basis_url=basis_url)
        self.stdout.write(self.style.SUCCESS(f"{aantal} overzicht(en) verstuurd."))
