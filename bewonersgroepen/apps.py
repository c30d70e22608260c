from django.apps import AppConfig


class BewonersgroepenConfig(AppConfig):
    name = "bewonersgroepen"
    verbose_name = "Bewonersgroepen"

    def ready(self):
        from gebieden.menu import mag, register_menu_item
        from gebieden.registry import register_gebied_sectie
        from rollen.registry import register_open_werk, register_soort_werk

        from . import (
            permissions,  # noqa: F401  (registers the rules)
            werk,
            werkstromen,  # noqa: F401  (declares the workflows)
        )
        from .selectors import actieve_groepen_in_gebied
        from .services import SOORT_WERK_AANMELDING, SOORT_WERK_OVEREENKOMST

        def groepen_sectie(request, gebied):
            groepen = list(actieve_groepen_in_gebied(gebied).prefetch_related("kernen", "wijken"))
            return {"groepen": groepen, "gebied": gebied}

        register_gebied_sectie(
            "bewonersgroepen", "bewonersgroepen/_gebied_sectie.html", groepen_sectie, order=40
        )
        register_menu_item(
            "Mijn groep",
            "bewonersgroepen:mijn_groep",
            mag("bewonersgroepen.view_mijn_groep"),
            order=30,
        )
        register_menu_item(
            "Bewonersgroepen",
            "bewonersgroepen:lijst",
            mag("bewonersgroepen.list_groep"),
            order=31,
        )
        # Routing rules (rollen) decide who gets these; without a rule: the kern's adviseur.
        register_soort_werk(SOORT_WERK_AANMELDING, "Aanmelding van een bewonersgroep")
        register_soort_werk(SOORT_WERK_OVEREENKOMST, "Samenwerkingsovereenkomst die afloopt (herinnering)")
        register_open_werk(
            "groepaanmeldingen",
            "Aanmeldingen van groepen",
            count_for=werk.aanmeldingen_aantal,
            items_for=werk.aanmeldingen_van,
            transfer=werk.aanmeldingen_overdragen,
            counts_for=werk.aanmeldingen_per_persoon,
            order=40,
        )
        register_open_werk(
            "samenwerkingsovereenkomsten",
            "Samenwerkingsovereenkomsten",
            count_for=werk.overeenkomsten_aantal,
            items_for=werk.overeenkomsten_van,
            transfer=werk.overeenkomsten_overdragen,
            counts_for=werk.overeenkomsten_per_persoon,
            order=41,
        )
