from django.apps import AppConfig


class GebiedsagendaConfig(AppConfig):
    name = "gebiedsagenda"
    verbose_name = "Gebiedsagenda en nieuws"

    def ready(self):
        from gebieden.menu import register_menu_item

        from . import permissions, werkstromen  # noqa: F401  (registers the rules and the workflow)

        register_menu_item("Gebiedsagenda", "gebiedsagenda:agenda_overzicht", order=35)
        register_menu_item("Nieuws", "gebiedsagenda:nieuws", order=40)
