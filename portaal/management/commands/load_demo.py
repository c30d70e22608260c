from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from accounts.demo import tweestaps_demo
from accounts.inloggen import tweestaps_verplicht
from berichten.models import Bericht
from bestanden import opruimen_bij_fout
from portaal.demo import DEMO_WACHTWOORD, DemoContext


class Command(BaseCommand):
    help = (
        "Laad demogegevens: Stichtse Vecht, Westland en De Ronde Venen met hun kernen en wijken (en schematische "
        "grenzen), groepen en aanvragen in elke status, en een demo-login per rol. Nog een keer draaien kan geen kwaad."
    )

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout)
        # Every app may contribute a `demo` module; INSTALLED_APPS order is dependency order.
        # Interrupted (an error, Ctrl+C): the transaction rolls back, and so do the files it stored.
        with opruimen_bij_fout(), transaction.atomic():
            eerder_bericht = Bericht.objects.aggregate(hoogste=Max("pk"))["hoogste"] or 0
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name == "portaal" or find_spec(module_name) is None:
                    continue
                module = import_module(module_name)
                if hasattr(module, "load"):
                    module.load(ctx)
            # No demo mail: the messages the services queued for the demo's (made-up) people go before
            # the demo commits (the worker skips a job whose message is gone).
            Bericht.objects.filter(pk__gt=eerder_bericht).delete()
            # Every printed login that must log in in two steps (staff, admins; not in the test settings)
            # gets a working authenticator secret and backup codes, whichever app's demo made it.
            logins = []
            for soort, email, uitleg in ctx.logins:
                user = get_user_model().objects.get(email=email)
                if tweestaps_verplicht(user):
                    uitleg = "; ".join(filter(None, [uitleg, tweestaps_demo(user)]))
                logins.append((soort, email, uitleg))
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {DEMO_WACHTWOORD}):")
        for soort, email, uitleg in logins:
            regel = f"  {soort:<24} {email}"
            if uitleg:
                regel += f"  ({uitleg})"
            self.stdout.write(regel)
