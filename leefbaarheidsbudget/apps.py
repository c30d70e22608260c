from django.apps import AppConfig


class LeefbaarheidsbudgetConfig(AppConfig):
    name = "leefbaarheidsbudget"
    verbose_name = "Leefbaarheidsbudget"

    def ready(self):
        from gebieden.menu import mag, register_menu_item

        from . import permissions, werkstromen  # noqa: F401  (registers the rules and the workflow)

        register_menu_item(
            "Mijn aanvragen",
            "leefbaarheidsbudget:mijn_aanvragen",
            mag("leefbaarheidsbudget.aanvraag_doen"),
            order=40,
            voorrang=2,
        )
        register_menu_item(
            "Werkvoorraad budget",
            "leefbaarheidsbudget:werkvoorraad",
            mag("leefbaarheidsbudget.werkvoorraad_zien"),
            order=41,
            voorrang=2,
        )
        register_menu_item(
            "Budgetten",
            "leefbaarheidsbudget:budgetten",
            mag("leefbaarheidsbudget.budgetten_zien"),
            order=42,
        )
