from django.apps import AppConfig


class ParticipatieConfig(AppConfig):
    name = "participatie"
    verbose_name = "Participatie"

    def ready(self):
        from gebieden.menu import mag, register_menu_item
        from gebiedsagenda.kalender import bron_registreren
        from meldingen.registry import register_adressenboek

        from . import permissions, selectors, werkstromen  # noqa: F401  (registers the rules and the workflow)
        from .kalender import raadplegingen

        bron_registreren(raadplegingen)  # consultation rounds in the area calendar
        # The register is the address book of the Doorzetting form (meldingen sits below participatie).
        register_adressenboek(selectors.adressenboek)

        register_menu_item(
            "Ketenpartners",
            "participatie:ketenpartners",
            visible=mag("participatie.view_ketenpartner_beheer"),
            order=62,
        )
