from django.apps import AppConfig


class GebiedsagendaConfig(AppConfig):
    name = "gebiedsagenda"
    verbose_name = "Gebiedsagenda en nieuws"

    def ready(self):
        from gebieden.menu import register_menu_item
        from gebieden.registry import register_gebied_sectie

        from . import permissions, werkstromen  # noqa: F401  (registers the rules and the workflow)
        from .sections import agenda_sectie, nieuws_sectie

        register_gebied_sectie("gebiedsagenda", "gebiedsagenda/_sectie_agenda.html", agenda_sectie, order=30)
        register_gebied_sectie("nieuws", "gebiedsagenda/_sectie_nieuws.html", nieuws_sectie, order=40)
        register_menu_item("Gebiedsagenda", "gebiedsagenda:agenda_overzicht", order=35)
        register_menu_item("Nieuws", "gebiedsagenda:nieuws", order=40)

        from rollen.registry import register_open_werk

        from . import selectors, services

        register_open_werk(
            "opgaven",
            "Opgaven (eigenaar)",
            count_for=lambda user: selectors.open_opgaven_van(user).count(),
            items_for=selectors.open_opgaven_van,
            transfer=services.opgaven_overdragen,
            counts_for=selectors.open_opgaven_per_eigenaar,
            order=50,
        )
