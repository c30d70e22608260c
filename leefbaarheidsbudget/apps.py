from django.apps import AppConfig


class LeefbaarheidsbudgetConfig(AppConfig):
    name = "leefbaarheidsbudget"
    verbose_name = "Leefbaarheidsbudget"

    def ready(self):
        from bewonersgroepen.registry import register_groep_sectie
        from gebieden.menu import mag, register_menu_item
        from gebieden.registry import register_gebied_sectie
        from rollen.registry import register_open_werk, register_soort_werk

        from . import gebied, groep, permissions, selectors, werk, werkstromen  # noqa: F401  (rules, workflow)

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
        register_gebied_sectie(
            "leefbaarheidsbudget", "leefbaarheidsbudget/sectie_gebied.html", gebied.sectie, order=60
        )
        # Routing rules (rollen) decide who handles a new application; without a rule: the kern's adviseur.
        register_soort_werk(selectors.SOORT_WERK_AANVRAAG, "Aanvraag leefbaarheidsbudget")
        register_groep_sectie(
            "leefbaarheidsbudget", "leefbaarheidsbudget/sectie_groep.html", groep.sectie, order=60
        )
        register_open_werk(
            "aanvragen",
            "Open aanvragen leefbaarheidsbudget",
            count_for=werk.aantal_open,
            items_for=werk.open_aanvragen,
            transfer=werk.overdragen,
            counts_for=werk.aantallen_open,
            order=30,
        )
