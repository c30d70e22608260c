from django.apps import AppConfig


class GebiedenConfig(AppConfig):
    name = "gebieden"
    verbose_name = "Gebieden"

    def ready(self):
        from .menu import register_menu_item

        register_menu_item("Gebieden", "gebieden:overzicht", order=10)
