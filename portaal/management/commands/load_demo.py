from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portaal.demo import DEMO_WACHTWOORD, DemoContext


class Command(BaseCommand):
    help = (
        "Laad demogegevens: Stichtse Vecht met zijn twaalf kernen, de kernen van Westland en De Ronde Venen, "
        "en een demo-login per soort gebruiker. Nog een keer draaien kan geen kwaad."
    )

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout)
        # Every app may contribute a `demo` module; INSTALLED_APPS order is dependency order.
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name == "portaal" or find_spec(module_name) is None:
                    continue
                module = import_module(module_name)
                if hasattr(module, "load"):
                    module.load(ctx)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {DEMO_WACHTWOORD}):")
        for soort, email, uitleg in ctx.logins:
            regel = f"  {soort:<24} {email}"
            if uitleg:
                regel += f"  ({uitleg})"
            self.stdout.write(regel)
