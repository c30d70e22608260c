from django.apps import AppConfig


class LeefbaarheidsbudgetConfig(AppConfig):
    name = "leefbaarheidsbudget"
    verbose_name = "Leefbaarheidsbudget"

    def ready(self):
        from gebieden.menu import mag, register_menu_item
        from gebieden.registry import register_area_section
        from rollen.registry import register_open_work

        from . import gebied, permissions, werk  # noqa: F401  (permissions registers the rules)

        register_menu_item(
            "Mijn aanvragen",
            "leefbaarheidsbudget:mijn_aanvragen",
            mag("leefbaarheidsbudget.aanvraag_doen"),
            order=40,
        )
        register_menu_item(
            "Werkvoorraad budget",
            "leefbaarheidsbudget:werkvoorraad",
            mag("leefbaarheidsbudget.werkvoorraad_zien"),
            order=41,
        )
        register_menu_item(
            "Budgetten",
            "leefbaarheidsbudget:budgetten",
            mag("leefbaarheidsbudget.budgetten_zien"),
            order=42,
        )
        register_area_section(
            "leefbaarheidsbudget", "leefbaarheidsbudget/sectie_gebied.html", gebied.sectie, order=60
        )
        register_open_work(
            "aanvragen",
            "Open aanvragen leefbaarheidsbudget",
            count_for=werk.aantal_open,
            items_for=werk.open_aanvragen,
            transfer=werk.overdragen,
            counts_for=werk.aantallen_open,
            order=30,
        )
